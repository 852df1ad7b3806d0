import Foundation
import MotCuaCore
import NIOCore
import NIOPosix

/// Plain SMTP (RFC 5321) to a relay: EHLO, MAIL FROM, RCPT TO, DATA, QUIT, with a UTF-8 MIME
/// message (RFC 2047 subject, base64 body). TLS and authentication to the outside world are the
/// relay's job (a local Postfix or the province's mail gateway).
struct SMTPMailer: MessageSender {
    let host: String
    let port: Int
    let from: String
    var heloName = "motcua.local"
    /// The whole conversation, connection included: a relay that stops answering is cut off then,
    /// so it cannot hold up the rest of the outbox.
    var timeout: TimeAmount = OutboxWorker.sendTimeout

    func send(_ message: OutgoingMessage) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder()))
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let deadline = channel.channel.eventLoop.scheduleTask(in: timeout) { channel.channel.close(promise: nil) }
        defer { deadline.cancel() }
        try await channel.executeThenClose { inbound, outbound in
            var lines = inbound.makeAsyncIterator()
            /// Reads one (possibly multi-line) reply and checks its code.
            func expect(_ accepted: ClosedRange<Int>, after step: String) async throws {
                while true {
                    guard var line = try await lines.next(), let text = line.readString(length: line.readableBytes) else {
                        throw DeliveryError(description: "SMTP server closed the connection after \(step)")
                    }
                    let trimmed = text.trimmingCharacters(in: .newlines)
                    guard trimmed.count >= 3, let code = Int(trimmed.prefix(3)) else { throw DeliveryError(description: "bad SMTP reply: \(trimmed)") }
                    if trimmed.count > 3, trimmed[trimmed.index(trimmed.startIndex, offsetBy: 3)] == "-" { continue }
                    guard accepted.contains(code) else { throw DeliveryError(description: "SMTP \(step): \(trimmed)") }
                    return
                }
            }
            func say(_ command: String) async throws { try await outbound.write(ByteBuffer(string: command + "\r\n")) }
            try await expect(220...220, after: "greeting")
            try await say("EHLO \(heloName)")
            try await expect(250...250, after: "EHLO")
            try await say("MAIL FROM:<\(from)>")
            try await expect(250...250, after: "MAIL FROM")
            try await say("RCPT TO:<\(message.recipient)>")
            try await expect(250...251, after: "RCPT TO")
            try await say("DATA")
            try await expect(354...354, after: "DATA")
            try await outbound.write(ByteBuffer(string: MailFormat.message(from: from, message: message, date: Date()) + "\r\n.\r\n"))
            try await expect(250...250, after: "message")
            try await say("QUIT")
            try? await expect(221...221, after: "QUIT")
        }
    }
}

/// The MIME text of a message.
enum MailFormat {
    static func message(from: String, message: OutgoingMessage, date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = VietnameseFormat.timeZone
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let body = Data(message.body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return [
            "From: MotCua <\(from)>",
            "To: <\(message.recipient)>",
            "Subject: =?UTF-8?B?\(Data(message.subject.utf8).base64EncodedString())?=",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <\(message.idempotencyKey)@motcua>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
            "",
            body,
        ].joined(separator: "\r\n")
    }
}

/// Splits the inbound bytes into lines (each ending with LF).
struct LineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 64 * 1024 { throw DeliveryError(description: "SMTP reply line too long") }
            return .needMoreData
        }
        let line = buffer.readSlice(length: newline - buffer.readerIndex + 1)!
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }
}
