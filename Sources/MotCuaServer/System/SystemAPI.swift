import Fluent
import MotCuaCore
import Vapor

/// `/api/v1/health`, `/api/v1/openapi.json`, `/api/v1/me`.
struct SystemAPI: RouteCollection {
    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/health", operationID: "getHealth", summary: "Tình trạng hệ thống và cơ sở dữ liệu",
              tag: "Hệ thống", responses: [200: ("Hoạt động bình thường", .ref("Health")), 503: ("Cơ sở dữ liệu không trả lời", .ref("Problem"))]),
        .init(method: .GET, path: "/api/v1/openapi.json", operationID: "getOpenAPI", summary: "Tài liệu OpenAPI này",
              tag: "Hệ thống", responses: [200: ("Tài liệu OpenAPI 3.1", ["type": "object"])]),
        .init(method: .GET, path: "/api/v1/me", operationID: "getMe", summary: "Người đang đăng nhập",
              tag: "Hệ thống", security: .signedIn,
              responses: [200: ("Thông tin tài khoản", .ref("Me")), 401: ("Chưa đăng nhập", .ref("Problem"))]),
    ]

    static let schemas: [String: JSONValue] = [
        "Health": JSONValue.schemaObject(["status": ["type": "string", "enum": ["ok"]], "database": ["type": "string", "enum": ["sqlite", "postgresql"]],
                                       "version": JSONValue.text, "time": JSONValue.dateTime],
                                      required: ["status", "database", "version", "time"]),
        "Problem": JSONValue.schemaObject([
            "type": JSONValue.text, "title": JSONValue.text, "status": JSONValue.integer,
            "detail": ["type": "string", "description": "Mô tả lỗi bằng tiếng Việt"], "instance": JSONValue.text,
            "errors": JSONValue.array(of: JSONValue.schemaObject(["field": JSONValue.text, "message": JSONValue.text], required: ["field", "message"])),
        ], required: ["title", "status", "detail"]),
        "Me": JSONValue.schemaObject([
            "id": JSONValue.uuid, "kind": ["type": "string", "enum": ["officer", "citizen"]], "fullName": JSONValue.text,
            "unitID": JSONValue.uuid, "unitName": JSONValue.text, "roles": JSONValue.array(of: .ref("Role")),
            "authenticatedBy": ["type": "string", "enum": ["session", "apiToken"]],
        ], required: ["id", "kind", "fullName", "roles", "authenticatedBy"], nullable: ["unitID", "unitName"]),
        "Role": ["type": "string", "enum": .array(Role.allCases.map { .string($0.rawValue) })],
    ]

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("health", use: health)
        api.get("openapi.json", use: openAPI)
        api.get("me", use: me)
    }

    @Sendable func health(req: Request) async throws -> HealthDTO {
        do {
            _ = try await Province.query(on: req.db).limit(1).all()
        } catch {
            req.logger.error("Health check: database did not answer", metadata: ["error": "\(error)"])
            throw AppError(status: .serviceUnavailable, detail: "Cơ sở dữ liệu không trả lời.")
        }
        return HealthDTO(status: "ok", database: req.application.motcua.database.name, version: AppConfig.version, time: req.now)
    }

    @Sendable func openAPI(req: Request) async throws -> Response {
        let response = Response(status: .ok)
        try response.content.encode(APIRegistry.document, using: APIRegistry.encoder)
        response.headers.cacheControl = .init(maxAge: 300)
        return response
    }

    @Sendable func me(req: Request) async throws -> MeDTO {
        let principal = try req.requirePrincipal()
        return MeDTO(id: principal.userID, kind: principal.actor.kind, fullName: principal.fullName, unitID: principal.actor.unitID,
                     unitName: principal.unitName, roles: principal.roles.sorted(),
                     authenticatedBy: principal.method == .session ? "session" : "apiToken")
    }
}
