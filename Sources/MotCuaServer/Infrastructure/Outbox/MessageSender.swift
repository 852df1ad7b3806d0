import Foundation

/// What the outbox hands to a channel: one message, with a key the receiver can use to drop a
/// duplicate (a message may be sent twice if a process dies right after sending).
struct OutgoingMessage: Sendable {
    let recipient: String
    let subject: String
    let body: String
    let idempotencyKey: String
}

/// Sends one kind of message (e-mail, SMS). Throws when the message was not delivered to the
/// next hop; the outbox then retries later.
protocol MessageSender: Sendable {
    func send(_ message: OutgoingMessage) async throws
}

struct DeliveryError: Error, CustomStringConvertible {
    let description: String
}
