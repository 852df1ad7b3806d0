import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The province's alert rules (data, not code) and an officer's notifications, as JSON.
struct AlertAPI: RouteCollection {
    private static let problem = JSONValue.ref("Problem")
    private static let signedInErrors: [Int: (String, JSONValue?)] = [401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem)]

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/alerts/rules", operationID: "getAlertRules",
              summary: "Quy tắc cảnh báo hồ sơ sắp đến hạn, quá hạn của tỉnh (giờ làm việc, người nhận)", tag: "Giám sát", security: .signedIn,
              responses: [200: ("Quy tắc", JSONValue.array(of: .ref("AlertRule")))].merging(signedInErrors) { a, _ in a }),
        .init(method: .PUT, path: "/api/v1/alerts/rules", operationID: "setAlertRules",
              summary: "Đặt quy tắc cảnh báo của tỉnh (quản trị cấp tỉnh)", tag: "Giám sát", security: .signedIn,
              requestSchema: JSONValue.array(of: .ref("AlertRule")),
              responses: [200: ("Quy tắc", JSONValue.array(of: .ref("AlertRule"))), 422: ("Quy tắc không hợp lệ", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/notifications", operationID: "listNotifications",
              summary: "Thông báo của cán bộ đang đăng nhập (mới nhất trước)", tag: "Giám sát", security: .signedIn,
              responses: [200: ("Thông báo", JSONValue.array(of: .ref("Notification")))].merging(signedInErrors) { a, _ in a }),
    ]

    static let schemas: [String: JSONValue] = [
        "AlertRule": JSONValue.schemaObject([
            "code": .text, "kind": ["type": "string", "enum": .array(AlertRule.Kind.allCases.map { .string($0.rawValue) })], "hours": .integer,
            "recipients": JSONValue.array(of: ["type": "string", "enum": .array(AlertRule.Recipient.allCases.map { .string($0.rawValue) })]),
        ], required: ["code", "kind", "hours", "recipients"]),
        "Notification": JSONValue.schemaObject([
            "id": .uuid, "createdAt": .dateTime, "title": .text, "body": .text, "link": .text, "readAt": .dateTime,
        ], required: ["id", "createdAt", "title", "body", "link"]),
    ]

    struct NotificationDTO: Content {
        let id: UUID
        let createdAt: Date
        let title: String
        let body: String
        let link: String
        let readAt: Date?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "alerts", "rules", use: rules)
        routes.put("api", "v1", "alerts", "rules", use: setRules)
        routes.get("api", "v1", "notifications", use: notifications)
    }

    static func province(of principal: Principal, for action: AccessPolicy.Action) throws -> UUID {
        switch principal.reach(action) {
        case .province(let id): return id
        case .unit: return principal.actor.provinceID!
        case .nowhere: throw AppError.forbidden()
        }
    }

    @Sendable func rules(req: Request) async throws -> [AlertRule] {
        let principal = try req.requirePrincipal()
        guard principal.isOfficer, let province = principal.actor.provinceID else { throw AppError.forbidden() }
        return try await AlertRuleRecord.rules(of: province, on: req.db)
    }

    @Sendable func setRules(req: Request) async throws -> [AlertRule] {
        let principal = try req.requirePrincipal()
        guard case .province(let provinceID) = principal.reach(.configureAlerts) else { throw AppError.forbidden() }
        guard let rules = try? req.content.decode([AlertRule].self) else {
            throw AppError.invalid([.init(field: "rules", message: "Gửi danh sách quy tắc: mã, loại (due_soon, overdue), số giờ làm việc, người nhận.")])
        }
        var problems: [FieldProblem] = []
        if rules.count > 20 { problems.append(.init(field: "rules", message: "Tối đa 20 quy tắc.")) }
        for rule in rules {
            if rule.code.range(of: #"^[a-z0-9-]{2,40}$"#, options: .regularExpression) == nil {
                problems.append(.init(field: "code", message: "Mã quy tắc: 2–40 chữ thường không dấu, số, gạch nối."))
            }
            if !(0...720).contains(rule.hours) { problems.append(.init(field: "hours", message: "Số giờ làm việc từ 0 đến 720.")) }
            if rule.recipients.isEmpty { problems.append(.init(field: "recipients", message: "Mỗi quy tắc cần người nhận.")) }
        }
        if Set(rules.map(\.code)).count != rules.count { problems.append(.init(field: "code", message: "Mã quy tắc không được trùng.")) }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let audit = req.audit
        let before = try await AlertRuleRecord.rules(of: provinceID, on: req.db)
        try await req.db.transaction { db in
            try await AlertRuleRecord.query(on: db).filter(\.$provinceID == provinceID).delete()
            for (index, rule) in rules.enumerated() { try await AlertRuleRecord(provinceID: provinceID, rule: rule, position: index).create(on: db) }
            try await audit.record(.alertRulesSet, on: db, entityType: "alert_rules", entityID: provinceID, scope: (provinceID, nil),
                                   summary: "Đặt \(rules.count) quy tắc cảnh báo hạn xử lý hồ sơ", before: before, after: rules)
        }
        return rules
    }

    @Sendable func notifications(req: Request) async throws -> [NotificationDTO] {
        let principal = try req.requirePrincipal()
        return try await Notification.query(on: req.db).filter(\.$userID == principal.userID).sort(\.$createdAt, .descending).limit(100).all()
            .map { NotificationDTO(id: $0.id!, createdAt: $0.createdAt, title: $0.title, body: $0.body, link: $0.link, readAt: $0.readAt) }
    }
}

extension AlertRule: Content {}
