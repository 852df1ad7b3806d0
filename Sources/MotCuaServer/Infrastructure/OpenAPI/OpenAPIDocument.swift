import Fluent
import Vapor

/// The OpenAPI 3.1 document served at `/api/v1/openapi.json`.
enum OpenAPIDocument {
    static func build(operations: [APIOperation], schemas: [String: JSONValue]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            var responses: [String: JSONValue] = [:]
            for (status, (description, schema)) in operation.responses {
                var response: [String: JSONValue] = ["description": .string(description)]
                let mediaType = status >= 400 ? "application/problem+json" : (operation.path.hasSuffix("/metrics") ? "text/plain" : "application/json")
                if let schema { response["content"] = [mediaType: ["schema": schema]] }
                responses[String(status)] = .object(response)
            }
            var entry: [String: JSONValue] = [
                "operationId": .string(operation.operationID),
                "summary": .string(operation.summary),
                "tags": [.string(operation.tag)],
                "responses": .object(responses),
            ]
            if !operation.parameters.isEmpty {
                entry["parameters"] = .array(operation.parameters.map {
                    ["name": .string($0.name), "in": .string($0.location.rawValue), "required": .bool($0.required),
                     "description": .string($0.description), "schema": $0.schema]
                })
            }
            if let body = operation.requestSchema {
                entry["requestBody"] = ["required": true, "content": ["application/json": ["schema": body]]]
            }
            if operation.security == .signedIn {
                entry["security"] = [["bearerToken": []], ["sessionCookie": []]]
            }
            paths[operation.path, default: [:]][operation.method.rawValue.lowercased()] = .object(entry)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "MotCua API",
                "version": .string(AppConfig.version),
                "description": "API của hệ thống một cửa điện tử MotCua. Lỗi trả về dạng application/problem+json với trường detail bằng tiếng Việt.",
            ],
            "servers": [["url": "/"]],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "bearerToken": ["type": "http", "scheme": "bearer", "description": "Khóa API do quản trị cấp (mct_…)"],
                    "sessionCookie": ["type": "apiKey", "in": "cookie", "name": "motcua-session"],
                ],
            ],
        ]
    }
}
