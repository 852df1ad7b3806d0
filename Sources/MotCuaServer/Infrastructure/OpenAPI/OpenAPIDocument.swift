import Fluent
import Vapor

/// The OpenAPI 3.1 document served at `/api/v1/openapi.json`.
enum OpenAPIDocument {
    /// Answers any operation may give from the protections in front of every route (malformed
    /// request, overlong path, busy database).
    static let commonResponses: [Int: String] = [
        400: "Yêu cầu sai cú pháp", 414: "Đường dẫn quá dài", 503: "Máy chủ đang bận; thử lại sau số giây trong Retry-After",
    ]
    /// And those of an operation that reads a body.
    static let bodyResponses: [Int: String] = [413: "Nội dung gửi lên quá lớn", 415: "Kiểu nội dung không được hỗ trợ"]
    /// Query parameters that name a record (a unit, a province), which may not exist.
    static let recordNames: Set<String> = ["unitCode", "provinceCode", "province"]

    static func build(operations: [APIOperation], schemas: [String: JSONValue]) -> JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for operation in operations {
            var documented = operation.responses
            var common = commonResponses
            if operation.requestSchema != nil || operation.method == .POST || operation.method == .PUT || operation.method == .PATCH {
                common.merge(bodyResponses) { a, _ in a }
            }
            if operation.security == .signedIn { common[401] = "Chưa đăng nhập" }
            if operation.parameters.contains(where: { $0.location == .path || Self.recordNames.contains($0.name) }) {
                common[404] = "Không tìm thấy bản ghi được nêu"
            }
            for (status, description) in common where documented[status] == nil {
                documented[status] = (description, .ref("Problem"))
            }
            var responses: [String: JSONValue] = [:]
            for (status, (description, schema)) in documented {
                var response: [String: JSONValue] = ["description": .string(description)]
                let mediaType = status >= 400 ? "application/problem+json" : (operation.path.hasSuffix("/metrics") ? "text/plain" : "application/json")
                if let schema {
                    var content: [String: JSONValue] = [mediaType: ["schema": schema]]
                    if status < 300 { for download in operation.downloads { content[download] = ["schema": ["type": "string"]] } }
                    response["content"] = .object(content)
                }
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
