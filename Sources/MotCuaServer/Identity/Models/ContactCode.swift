import Fluent
import Foundation

/// A code sent to a phone or an e-mail to prove it belongs to the account (mã xác minh): six
/// digits, kept as a salted hash, valid 15 minutes, five tries.
final class ContactCode: Model, @unchecked Sendable {
    static let schema = "contact_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "channel") var channel: OutboxMessage.Channel
    @Field(key: "address") var address: String
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(userID: UUID, channel: OutboxMessage.Channel, address: String, codeHash: String, expiresAt: Date, createdAt: Date) {
        self.userID = userID
        self.channel = channel
        self.address = address
        self.codeHash = codeHash
        self.expiresAt = expiresAt
        attempts = 0
        self.createdAt = createdAt
    }
}

extension ContactCode {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [$id, $userID, $channel, $address, $codeHash, $expiresAt, $attempts, $createdAt]
    }
}
