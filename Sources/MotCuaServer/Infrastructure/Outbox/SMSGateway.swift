import Foundation
import NIOCore
import Vapor

/// An SMS provider behind a plain HTTP endpoint: `POST` JSON `{"to", "text", "id"}` with the
/// idempotency key also in `Idempotency-Key`; any 2xx answer means accepted.
struct HTTPSMSGateway: MessageSender {
    let url: String
    let client: any Client
    var timeout: TimeAmount = OutboxWorker.sendTimeout

    struct Payload: Content {
        let to: String
        let text: String
        let id: String
    }

    func send(_ message: OutgoingMessage) async throws {
        var request = ClientRequest(method: .POST, url: URI(string: url), headers: ["Idempotency-Key": message.idempotencyKey], body: nil,
                                    timeout: timeout, byteBufferAllocator: ByteBufferAllocator())
        try request.content.encode(Payload(to: message.recipient, text: message.body, id: message.idempotencyKey), as: .json)
        let response = try await client.send(request)
        guard (200..<300).contains(response.status.code) else {
            throw DeliveryError(description: "SMS gateway answered \(response.status.code)")
        }
    }
}
