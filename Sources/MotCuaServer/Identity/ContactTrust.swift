import Fluent
import Foundation

/// Whose phone and e-mail may receive messages. An officer types them from a person in front of
/// them or on the phone; anything typed in a public form is trusted only when it is a contact
/// the signed-in account has verified with a code. Otherwise the system would relay messages to
/// anyone's phone at an anonymous visitor's request.
enum ContactTrust {
    /// The channels among the given contacts that `account` has not verified (all of the given
    /// ones when there is no account).
    static func unverified(phone: String?, email: String?, account: UUID?, on db: any Database) async throws -> Set<OutboxMessage.Channel> {
        var channels: Set<OutboxMessage.Channel> = []
        if phone?.isEmpty == false { channels.insert(.sms) }
        if email?.isEmpty == false { channels.insert(.email) }
        guard !channels.isEmpty, let account, let user = try await User.find(account, on: db) else { return channels }
        if user.phoneVerifiedAt != nil, user.phone == phone { channels.remove(.sms) }
        if user.emailVerifiedAt != nil, user.email?.lowercased() == email?.lowercased() { channels.remove(.email) }
        return channels
    }
}
