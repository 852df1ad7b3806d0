import Fluent
import Foundation

/// A message for an officer inside MotCua (thông báo), shown on their notifications page.
final class Notification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @Field(key: "link") var link: String
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}

    init(userID: UUID, title: String, body: String, link: String, at date: Date) {
        id = UUID()
        self.userID = userID
        createdAt = date
        self.title = title
        self.body = body
        self.link = link
    }
}
