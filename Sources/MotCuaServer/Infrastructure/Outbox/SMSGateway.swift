import Foundation
import Vapor

/// An SMS provider behind a plain HTTP endpoint: `POST` JSON `{"to", "text", "id"}` with the
/// idempotency key also in `Idempotency-Key`; any 2xx answer means accepted.
struct HTTPSMSGateway: MessageSender {
    let url: String
    let client: any Client

    struct Payload: Content {
        let to: String
        let text: String
        let id: String
    }

    func send(_ message: OutgoingMessage) async throws {
        let response = try await client.post(URI(string: url), headers: ["Idempotency-Key": message.idempotencyKey]) { request in
            try request.content.encode(Payload(to: message.recipient, text: message.body, id: message.idempotencyKey), as: .json)
        }
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryError(description: "SMS gateway answered \(response.status.code)")
        }
    }
}
