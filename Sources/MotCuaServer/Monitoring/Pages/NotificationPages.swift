import Fluent
import Foundation
import MotCuaCore
import Vapor

/// An officer's notifications (deadline alerts): the newest hundred, unread ones marked.
struct NotificationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.notifications.pathComponents, use: page)
        routes.post(SiteURL.notificationsRead.pathComponents, use: markRead)
    }

    struct Row: Encodable {
        let title: String
        let body: String
        let link: String
        let at: String
        let unread: Bool
    }

    struct Context: Encodable {
        let layout: Layout
        let rows: [Row]
        let unread: Int
    }

    @Sendable func page(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let rows = try await Notification.query(on: req.db).filter(\.$userID == principal.userID).sort(\.$createdAt, .descending).limit(100).all()
        return try await req.view.render("Monitoring/notifications", Context(
            layout: Layout(request: req, title: "Thông báo"),
            rows: rows.map { Row(title: $0.title, body: $0.body, link: $0.link, at: VietnameseFormat.dateTime($0.createdAt), unread: $0.readAt == nil) },
            unread: rows.filter { $0.readAt == nil }.count))
    }

    @Sendable func markRead(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        try await Notification.query(on: req.db).filter(\.$userID == principal.userID).filter(\.$readAt == nil).set(\.$readAt, to: req.now).update()
        return req.redirect(to: SiteURL.notifications.path, flash: "Đã đánh dấu đã đọc.")
    }
}
