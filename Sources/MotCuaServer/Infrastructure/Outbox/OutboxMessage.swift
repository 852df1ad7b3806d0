import Fluent
import Foundation

/// A message that leaves the system (e-mail, SMS), written in the same transaction as the change
/// it announces and sent later by `OutboxWorker` with retries: nothing is lost when the mail
/// server or SMS gateway is down, nothing is sent for a change that rolled back.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox_messages"

    enum Channel: String, Codable, Sendable {
        case email
        case sms
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "channel") var channel: Channel
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    @Field(key: "body") var body: String
    /// Unique per message: a retried transaction cannot queue the same message twice, and the
    /// gateway receives it as the idempotency key.
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// Given up after too many failures.
    @Field(key: "failed") var failed: Bool
    @OptionalField(key: "last_error") var lastError: String?
    /// The recipient was typed by someone who has not proved it is theirs (an online form): sent
    /// only within `unverifiedPerDay` per recipient, so the system is no relay.
    @OptionalField(key: "recipient_unverified") var recipientUnverified: Bool?

    init() {}

    init(channel: Channel, recipient: String, subject: String, body: String, dedupeKey: String, at date: Date) {
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.dedupeKey = dedupeKey
        createdAt = date
        attempts = 0
        nextAttemptAt = date
        failed = false
    }
}

extension OutboxMessage {
    /// The e-mail and the SMS telling a person something, each once (keyed by the event that
    /// causes them), for the contact details they gave; `unverified` names the channels whose
    /// address nobody proved.
    static func toPerson(name: String?, email: String?, phone: String?, subject: String, text: String, footer: String, key: UUID,
                         unverified: Set<Channel>, at now: Date) -> [OutboxMessage] {
        var messages: [OutboxMessage] = []
        if let email, !email.isEmpty {
            let greeting = (name?.isEmpty == false) ? "Kính gửi ông/bà \(name!),\n\n" : "Kính gửi ông/bà,\n\n"
            messages.append(OutboxMessage(channel: .email, recipient: email, subject: subject, body: "\(greeting)\(text)\n\n\(footer)\n",
                                          dedupeKey: "\(key.uuidString)-email", at: now))
        }
        if let phone, !phone.isEmpty {
            messages.append(OutboxMessage(channel: .sms, recipient: phone, subject: subject, body: "MotCua: \(text) \(footer)",
                                          dedupeKey: "\(key.uuidString)-sms", at: now))
        }
        for message in messages where unverified.contains(message.channel) { message.recipientUnverified = true }
        return messages
    }
}

extension OutboxMessage {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $channel, $recipient, $subject, $body, $dedupeKey, $createdAt, $attempts, $nextAttemptAt, $sentAt,
            $failed, $lastError, $recipientUnverified
        ]
    }
}
