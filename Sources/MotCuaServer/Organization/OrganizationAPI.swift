import Fluent
import MotCuaCore
import Vapor

/// Units, departments, staff, fields and the audit trail as JSON.
struct OrganizationAPI: RouteCollection {
    private static let unitID = APIOperation.Parameter.path("unitID", "Mã định danh (UUID) của đơn vị")
    private static let problem = JSONValue.ref("Problem")

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/units", operationID: "listUnits", summary: "Danh sách đơn vị (công khai)", tag: "Tổ chức",
              parameters: [APIOperation.Parameter.query("kind", "Loại đơn vị", .ref("UnitKind")), APIOperation.Parameter.query("q", "Tìm theo tên hoặc mã, không phân biệt dấu")],
              responses: [200: ("Các đơn vị", JSONValue.array(of: .ref("Unit"))), 400: ("Tham số không hợp lệ", problem)]),
        .init(method: .POST, path: "/api/v1/units", operationID: "createUnit", summary: "Thêm đơn vị (quản trị cấp tỉnh)", tag: "Tổ chức",
              security: .signedIn, requestSchema: .ref("UnitInput"),
              responses: [201: ("Đơn vị đã thêm", .ref("Unit")), 400: ("Dữ liệu không đọc được", problem), 401: ("Chưa đăng nhập", problem),
                          403: ("Không có quyền", problem), 422: ("Dữ liệu chưa hợp lệ", problem)]),
        .init(method: .GET, path: "/api/v1/units/{unitID}", operationID: "getUnit", summary: "Thông tin đơn vị và phòng ban (công khai)",
              tag: "Tổ chức", parameters: [unitID], responses: [200: ("Đơn vị", .ref("UnitDetail")), 404: ("Không có đơn vị", problem)]),
        .init(method: .PATCH, path: "/api/v1/units/{unitID}", operationID: "updateUnit", summary: "Đổi mã, tên, loại đơn vị (giữ lịch sử)",
              tag: "Tổ chức", security: .signedIn, parameters: [unitID], requestSchema: .ref("UnitInput"),
              responses: [200: ("Đơn vị sau khi sửa", .ref("Unit")), 400: ("Dữ liệu không đọc được", problem), 401: ("Chưa đăng nhập", problem),
                          403: ("Không có quyền", problem), 404: ("Không có đơn vị", problem), 422: ("Dữ liệu chưa hợp lệ", problem)]),
        .init(method: .GET, path: "/api/v1/units/{unitID}/history", operationID: "getUnitHistory", summary: "Lịch sử tên, mã, loại của đơn vị",
              tag: "Tổ chức", parameters: [unitID],
              responses: [200: ("Các lần thay đổi, mới nhất trước", JSONValue.array(of: .ref("UnitRevision"))), 404: ("Không có đơn vị", problem)]),
        .init(method: .GET, path: "/api/v1/units/{unitID}/staff", operationID: "listUnitStaff", summary: "Cán bộ của đơn vị", tag: "Tổ chức",
              security: .signedIn, parameters: [unitID, APIOperation.Parameter.query("role", "Lọc theo vai trò", .ref("Role"))],
              responses: [200: ("Cán bộ", JSONValue.array(of: .ref("Staff"))), 401: ("Chưa đăng nhập", problem),
                          403: ("Không có quyền", problem), 404: ("Không có đơn vị", problem)]),
        .init(method: .GET, path: "/api/v1/staff/{userID}", operationID: "getStaff", summary: "Một cán bộ", tag: "Tổ chức",
              security: .signedIn, parameters: [APIOperation.Parameter.path("userID", "Mã định danh (UUID) của cán bộ")],
              responses: [200: ("Cán bộ", .ref("Staff")), 401: ("Chưa đăng nhập", problem), 404: ("Không có hoặc không được xem", problem)]),
        .init(method: .GET, path: "/api/v1/audit-events", operationID: "listAuditEvents", summary: "Nhật ký thao tác (mới nhất trước)",
              tag: "Tổ chức", security: .signedIn,
              parameters: [APIOperation.Parameter.query("unitID", "Chỉ một đơn vị", JSONValue.uuid), APIOperation.Parameter.query("action", "Loại thao tác, ví dụ unit.updated"),
                           .query("before", "Con trỏ trang: sự kiện trước thời điểm này", JSONValue.dateTime),
                           .query("limit", "Số dòng (1–200, mặc định 50)", JSONValue.integer)],
              responses: [200: ("Sự kiện", JSONValue.array(of: .ref("AuditEvent"))), 400: ("Tham số không hợp lệ", problem),
                          401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem)]),
    ]

    static let schemas: [String: JSONValue] = {
        let uuid = JSONValue.uuid, text = JSONValue.text
        return [
            "UnitKind": ["type": "string", "enum": .array(UnitKind.allCases.map { .string($0.rawValue) })],
            "Unit": JSONValue.schemaObject(["id": uuid, "provinceID": uuid, "kind": .ref("UnitKind"), "kindLabel": text, "code": text,
                                         "name": text, "isActive": JSONValue.boolean],
                                        required: ["id", "provinceID", "kind", "kindLabel", "code", "name", "isActive"]),
            "UnitInput": JSONValue.schemaObject(["code": text, "name": text, "kind": .ref("UnitKind"),
                                              "reason": ["type": "string", "description": "Căn cứ thay đổi; bắt buộc khi sửa"]],
                                             required: ["code", "name", "kind"]),
            "UnitRevision": JSONValue.schemaObject(["validFrom": JSONValue.dateTime, "code": text, "name": text, "kind": .ref("UnitKind"),
                                                 "provinceID": uuid, "reason": text],
                                                required: ["validFrom", "code", "name", "kind", "provinceID", "reason"]),
            "Department": JSONValue.schemaObject(["id": uuid, "unitID": uuid, "name": text, "isServiceCenter": JSONValue.boolean],
                                              required: ["id", "unitID", "name", "isServiceCenter"]),
            "UnitDetail": JSONValue.schemaObject(["unit": .ref("Unit"), "departments": JSONValue.array(of: .ref("Department"))],
                                              required: ["unit", "departments"]),
            "Staff": JSONValue.schemaObject([
                "id": uuid, "fullName": text, "username": text, "email": text, "phone": text, "jobTitle": text, "unitID": uuid,
                "departmentID": uuid, "roles": JSONValue.array(of: .ref("Role")), "fieldIDs": JSONValue.array(of: uuid),
                "isActive": JSONValue.boolean, "lockedUntil": JSONValue.dateTime,
            ], required: ["id", "fullName", "roles", "fieldIDs", "isActive"],
               nullable: ["username", "email", "phone", "jobTitle", "unitID", "departmentID", "lockedUntil"]),
            "AuditEvent": JSONValue.schemaObject([
                "id": uuid, "occurredAt": JSONValue.dateTime, "provinceID": uuid, "unitID": uuid, "actorID": uuid, "actorName": text,
                "action": text, "actionLabel": text, "entityType": text, "entityID": text, "summary": text,
                "before": ["type": "string", "description": "Trạng thái trước (JSON)"], "after": ["type": "string", "description": "Trạng thái sau (JSON)"],
            ], required: ["id", "occurredAt", "actorName", "action", "actionLabel", "entityType", "summary"],
               nullable: ["provinceID", "unitID", "actorID", "entityID", "before", "after"]),
        ]
    }()

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("units", use: listUnits)
        api.post("units", use: createUnit)
        api.get("units", ":unitID", use: getUnit)
        api.patch("units", ":unitID", use: updateUnit)
        api.get("units", ":unitID", "history", use: history)
        api.get("units", ":unitID", "staff", use: staff)
        api.get("staff", ":userID", use: getStaff)
        api.get("audit-events", use: auditEvents)
    }

    @Sendable func listUnits(req: Request) async throws -> [UnitDTO] {
        let kind = try req.query[String.self, at: "kind"].map { raw in
            guard let kind = UnitKind(rawValue: raw) else { throw AppError.badRequest("Loại đơn vị “\(raw)” không tồn tại.") }
            return kind
        }
        let query = OrgUnit.query(on: req.db)
        if let kind { query.filter(\.$kind == kind) }
        var units = VietnameseText.sorted(try await query.all(), by: \.name)
        if let q = req.query[String.self, at: "q"], !q.isEmpty {
            let needle = VietnameseText.fold(q)
            units = units.filter { VietnameseText.fold($0.name).contains(needle) || $0.code.lowercased().contains(needle) }
        }
        return units.map(UnitDTO.init)
    }

    @Sendable func createUnit(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let input = try req.content.decode(UnitInput.self)
        let unit = try await UnitDirectory.create(input, by: principal, audit: req.audit, on: req.db)
        return try await UnitDTO(unit).encodeResponse(status: .created, for: req)
    }

    @Sendable func getUnit(req: Request) async throws -> UnitDetailDTO {
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        let departments = try await DepartmentDirectory.departments(of: unit.id!, on: req.db)
        return UnitDetailDTO(unit: UnitDTO(unit), departments: departments.map(DepartmentDTO.init))
    }

    @Sendable func updateUnit(req: Request) async throws -> UnitDTO {
        let principal = try req.requirePrincipal()
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        let input = try req.content.decode(UnitInput.self)
        try await UnitDirectory.update(unit, with: input, by: principal, audit: req.audit, on: req.db)
        return UnitDTO(unit)
    }

    @Sendable func history(req: Request) async throws -> [UnitRevisionDTO] {
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        return try await UnitDirectory.history(of: unit, on: req.db).map(UnitRevisionDTO.init)
    }

    @Sendable func staff(req: Request) async throws -> [StaffDTO] {
        let principal = try req.requirePrincipal()
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        guard principal.may(.readStaff, in: unit.scope) else { throw AppError.forbidden() }
        let role = try req.query[String.self, at: "role"].map { raw in
            guard let role = Role(rawValue: raw) else { throw AppError.badRequest("Vai trò “\(raw)” không tồn tại.") }
            return role
        }
        return try await StaffDirectory.staff(in: .unit(unit.id!), role: role, on: req.db).map(StaffDTO.init)
    }

    @Sendable func getStaff(req: Request) async throws -> StaffDTO {
        let principal = try req.requirePrincipal()
        return StaffDTO(try await StaffDirectory.find(req.parameters.get("userID"), for: principal, action: .readStaff, on: req.db))
    }

    @Sendable func auditEvents(req: Request) async throws -> [AuditEventDTO] {
        let (_, reach) = try req.requireReach(.readAudit)
        var filter = AuditLog.Filter()
        if let raw = req.query[String.self, at: "unitID"] {
            guard let id = UUID(uuidString: raw) else { throw AppError.badRequest("unitID phải là một UUID.") }
            filter.unitID = id
        }
        filter.action = req.query[String.self, at: "action"]
        if let raw = req.query[String.self, at: "before"] {
            guard let date = try? Date(raw, strategy: .iso8601) else {
                throw AppError.badRequest("before phải là thời điểm theo ISO 8601, ví dụ 2026-11-24T08:00:00Z.")
            }
            filter.before = date
        }
        if let raw = req.query[String.self, at: "cursor"] {
            guard let id = UUID(uuidString: raw) else { throw AppError.badRequest("cursor phải là id (UUID) của một sự kiện.") }
            filter.cursor = id
        }
        if let raw = req.query[String.self, at: "limit"] {
            guard let limit = Int(raw), (1...200).contains(limit) else { throw AppError.badRequest("limit phải là số từ 1 đến 200.") }
            filter.limit = limit
        }
        return try await AuditLog.events(in: reach, filter: filter, on: req.db).map(AuditEventDTO.init)
    }
}

struct FieldDTO: Content {
    let id: UUID?
    let code: String
    let name: String

    init(_ field: ProcedureField) {
        id = field.id
        code = field.code
        name = field.name
    }
}
