import Fluent
import Foundation
import NIOCore
import SQLKit
import Vapor

/// Sends what the outbox holds. Each run leases the due messages (moves their next attempt five
/// minutes on, in one short transaction; PostgreSQL skips rows another process has locked), sends
/// them, and records the result: sent, or retried with a growing delay, given up after 8 tries.
/// Safe to run in every process; nothing is sent twice unless a process dies mid-send (then the
/// gateways get the same idempotency key, and an e-mail the same Message-ID, to drop it).
///
/// Every send is cut off after `sendTimeout`, and a pass stops sending once its lease is nearly
/// spent (what is left is leased again by the next pass), so a hung relay can neither stall the
/// outbox nor let a second process send a message this one is still sending.
struct OutboxWorker: Sendable {
    let email: (any MessageSender)?
    let sms: (any MessageSender)?
    /// Messages a recipient nobody proved may receive in 24 hours (`recipientUnverified`).
    var unverifiedPerDay = 0
    static let maximumAttempts = 8
    static let lease: TimeInterval = 300
    static let sendTimeout: TimeAmount = .seconds(20)
    /// No send starts later than this into a pass: it ends, timeout included, before the lease does.
    var sendWindow: Duration = .seconds(Int64(lease)) - .nanoseconds(OutboxWorker.sendTimeout.nanoseconds) * 2

    /// Delay before the next try after `attempts` failures: 1, 2, 4… minutes, at most 2 hours.
    static func backoff(after attempts: Int) -> TimeInterval { min(7_200, 60 * pow(2, Double(max(0, attempts - 1)))) }

    static func live(_ app: Application) -> OutboxWorker {
        let settings = app.motcua.notifications
        return OutboxWorker(
            email: settings.smtpHost.map { SMTPMailer(host: $0, port: settings.smtpPort, from: settings.mailFrom) },
            sms: settings.smsGatewayURL.map { HTTPSMSGateway(url: $0, client: app.client) },
            unverifiedPerDay: settings.unverifiedPerDay)
    }

    /// One pass; returns how many messages were sent.
    @discardableResult
    func run(on db: any Database, now: Date, limit: Int = 50) async throws -> Int {
        let channels = [email.map { _ in OutboxMessage.Channel.email }, sms.map { _ in .sms }].compactMap { $0 }
        guard !channels.isEmpty else { return 0 }
        let leased: [OutboxMessage] = try await db.transaction { db in
            let sql = db as! any SQLDatabase
            var select = sql.select().column("id").from(OutboxMessage.schema)
                .where("sent_at", .is, SQLLiteral.null).where("failed", .equal, false)
                .where("next_attempt_at", .lessThanOrEqual, now).where("channel", .in, channels.map(\.rawValue))
                .orderBy("next_attempt_at").limit(limit)
            if sql.dialect.name == "postgresql" { select = select.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
            let ids = try await select.all(decoding: IDRow.self).map(\.id)
            guard !ids.isEmpty else { return [] }
            try await OutboxMessage.query(on: db).filter(\.$id ~~ ids).set(\.$nextAttemptAt, to: now.addingTimeInterval(Self.lease)).update()
            return try await OutboxMessage.query(on: db).filter(\.$id ~~ ids).all()
        }
        var sent = 0
        let started = ContinuousClock.now
        for message in leased {
            guard started.duration(to: .now) < sendWindow else { break }
            if message.recipientUnverified == true, try await !allowsUnverified(message.recipient, now: now, on: db) {
                message.failed = true
                message.lastError = "Không gửi: người nhận chưa xác minh số điện thoại hoặc thư điện tử này."
                try await message.update(on: db)
                continue
            }
            let sender = message.channel == .email ? email : sms
            do {
                try await sender?.send(OutgoingMessage(recipient: message.recipient, subject: message.subject, body: message.body,
                                                       idempotencyKey: message.dedupeKey))
                message.attempts += 1
                message.sentAt = now
                message.lastError = nil
                sent += 1
            } catch {
                message.attempts += 1
                message.lastError = String(describing: error).prefix(500).description
                message.failed = message.attempts >= Self.maximumAttempts
                message.nextAttemptAt = now.addingTimeInterval(Self.backoff(after: message.attempts))
            }
            try await message.update(on: db)
        }
        return sent
    }

    /// Whether one more message may go to an address nobody proved (`unverifiedPerDay` in 24 hours).
    private func allowsUnverified(_ recipient: String, now: Date, on db: any Database) async throws -> Bool {
        guard unverifiedPerDay > 0 else { return false }
        let sent = try await OutboxMessage.query(on: db).filter(\.$recipient == recipient)
            .filter(\.$sentAt >= now.addingTimeInterval(-86_400)).count()
        return sent < unverifiedPerDay
    }

    struct IDRow: Decodable { let id: UUID }
}
