import Fluent
import MotCuaCore
import Vapor

/// The audit trail (/quan-tri/nhat-ky), filtered by action, paged by cursor.
struct AuditTrailPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.adminAudit.pathComponents, use: auditTrail)
    }

    struct AuditContext: Encodable {
        let layout: Layout
        let rows: [AuditRow]
        let actions: [Option]
        let nextCursor: String?
        let action: String
    }

    @Sendable func auditTrail(req: Request) async throws -> View {
        let (_, reach) = try req.requireReach(.readAudit)
        var filter = AuditLog.Filter()
        let action = req.query[String.self, at: "thao-tac"] ?? ""
        filter.action = AuditAction(rawValue: action)?.rawValue
        filter.cursor = (req.query[String.self, at: "truoc"]).flatMap(UUID.init(uuidString:))
        let events = try await AuditLog.events(in: reach, filter: filter, on: req.db)
        let next = events.count == filter.limit ? events.last?.id?.uuidString : nil
        return try await req.view.render("Admin/audit", AuditContext(
            layout: Layout(request: req, title: "Nhật ký thao tác"), rows: events.map(AuditRow.init),
            actions: AuditAction.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == action) },
            nextCursor: next, action: filter.action ?? ""))
    }
}
