import Fluent
import Foundation

/// A browser session kept in the database, so every server process sees it. Expired rows are
/// removed whenever someone signs in (`SignIn`), in whichever process.
final class WebSession: Model, @unchecked Sendable {
    static let schema = "web_sessions"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "data") var data: String
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(id: String, data: String, userID: UUID?, expiresAt: Date) {
        self.id = id
        self.data = data
        self.userID = userID
        self.expiresAt = expiresAt
    }
}

extension WebSession {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $data, $userID, $expiresAt] }
}
