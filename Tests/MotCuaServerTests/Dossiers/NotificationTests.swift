import Fluent
import Foundation
import MotCuaCore
import NIOCore
import NIOPosix
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// A real SMTP server and SMS endpoint (Support/notification_sink.py) in a child process.
final class NotificationSink {
    let process = Process()
    let file: URL
    let smtpPort: Int
    let httpPort: Int

    struct Missing: Error, CustomStringConvertible {
        var description: String { "notification_sink.py did not start (needs python3 and aiosmtpd)" }
    }

    init() throws {
        file = FileManager.default.temporaryDirectory.appendingPathComponent("sink-\(UUID().uuidString).jsonl")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Support/notification_sink.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, file.path]
        try process.run()
        // The sink says which ports the system gave it once both servers listen.
        var ready: [String: Any]?
        for _ in 0..<600 where ready == nil {
            ready = Self.records(in: file).first { $0["kind"] as? String == "ready" }
            if ready == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        guard let ready, let smtp = ready["smtpPort"] as? Int, let http = ready["httpPort"] as? Int else {
            kill(process.processIdentifier, SIGKILL)
            throw Missing()
        }
        (smtpPort, httpPort) = (smtp, http)
    }

    static func records(in file: URL) -> [[String: Any]] {
        ((try? String(contentsOf: file, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    var received: [[String: Any]] {
        Self.records(in: file).filter { $0["kind"] as? String != "ready" }
    }

    func stop() {
        // SIGKILL: the child inherits the test runner's blocked signals, so SIGTERM may never arrive.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: file)
    }
}

@Suite("Notifications: outbox to a real SMTP server and an SMS gateway, with retries")
struct NotificationTests {
    @Test("Messages wait in the outbox while the mail server is down and go out, once, when it is back", arguments: TestDatabase.all)
    func outbox(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let dossier = try await f.submit()
            _ = try await f.must(f.reception, .accept, on: dossier)
            #expect(try await OutboxMessage.query(on: app.db).count() == 4)
            // Nothing listens on these ports yet: every message fails and is kept for later.
            let sink = try NotificationSink.init()
            let down = OutboxWorker(email: SMTPMailer(host: "127.0.0.1", port: 1, from: "motcua@example.vn"),
                                    sms: HTTPSMSGateway(url: "http://127.0.0.1:1/sms", client: app.client))
            #expect(try await down.run(on: app.db, now: f.time.now()) == 0)
            let failed = try await OutboxMessage.query(on: app.db).all()
            #expect(failed.allSatisfy { $0.sentAt == nil && $0.attempts == 1 && $0.lastError != nil && !$0.failed })
            // Not due again before the back-off.
            let up = OutboxWorker(email: SMTPMailer(host: "127.0.0.1", port: sink.smtpPort, from: "motcua@example.vn"),
                                  sms: HTTPSMSGateway(url: "http://127.0.0.1:\(sink.httpPort)/sms", client: app.client))
            #expect(try await up.run(on: app.db, now: f.time.now()) == 0)
            f.time.advance(by: 120)
            #expect(try await up.run(on: app.db, now: f.time.now()) == 4)
            #expect(try await up.run(on: app.db, now: f.time.now()) == 0)
            let received = sink.received
            sink.stop()
            let mails = received.filter { $0["kind"] as? String == "email" }
            let texts = received.filter { $0["kind"] as? String == "sms" }
            #expect(mails.count == 2 && texts.count == 2)
            let accepted = mails.first { ($0["subject"] as? String) == "Hồ sơ \(dossier.code) đã được tiếp nhận" }
            #expect(accepted != nil, "\(mails)")
            #expect((accepted?["to"] as? [String]) == ["cong.dan@example.vn"])
            #expect((accepted?["body"] as? String)?.contains("Kính gửi ông/bà Nguyễn Văn Thử") == true)
            #expect((accepted?["body"] as? String)?.contains("Hẹn trả kết quả: 17:00 ngày 07/12/2026") == true)
            #expect(texts.allSatisfy { ($0["to"] as? String) == "0912345678" && ($0["id"] as? String) == ($0["idempotencyKey"] as? String) })
            #expect(texts.contains { ($0["text"] as? String)?.contains("/tra-cuu?ma=\(dossier.code)") == true })
            let sent = try await OutboxMessage.query(on: app.db).all()
            #expect(sent.allSatisfy { $0.sentAt != nil && $0.attempts == 2 })
        }
    }

    @Test("A relay that accepts the connection and never answers is cut off; the SMS of the same pass still goes out", arguments: TestDatabase.all)
    func hungRelay(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup: a relay that takes connections and says nothing, and a working SMS gateway
            let f = try await DossierFixture.make(app)
            _ = try await f.submit()
            #expect(try await OutboxMessage.query(on: app.db).count() == 2)
            let hung = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .childChannelInitializer { $0.eventLoop.makeSucceededVoidFuture() }
                .bind(host: "127.0.0.1", port: 0).get()
            let sink = try NotificationSink()
            defer { sink.stop() }
            var mailer = SMTPMailer(host: "127.0.0.1", port: hung.localAddress!.port!, from: "motcua@example.vn")
            mailer.timeout = .seconds(1)
            let worker = OutboxWorker(email: mailer, sms: HTTPSMSGateway(url: "http://127.0.0.1:\(sink.httpPort)/sms", client: app.client))
            // act
            let sent = try await worker.run(on: app.db, now: f.time.now())
            try await hung.close()
            // check
            #expect(sent == 1)
            let mail = try #require(try await OutboxMessage.query(on: app.db).filter(\.$channel == .email).first())
            #expect(mail.sentAt == nil && mail.attempts == 1 && mail.lastError?.contains("closed the connection") == true, "\(mail.lastError ?? "")")
            #expect(sink.received.filter { $0["kind"] as? String == "sms" }.count == 1)
        }
    }

    @Test("A pass whose lease is nearly spent sends nothing more: the messages wait, untouched, for the next lease")
    func leaseWindow() async throws {
        try await withApp(.sqlite) { app in
            // setup
            let f = try await DossierFixture.make(app)
            _ = try await f.submit()
            let sink = try NotificationSink()
            defer { sink.stop() }
            var worker = OutboxWorker(email: SMTPMailer(host: "127.0.0.1", port: sink.smtpPort, from: "motcua@example.vn"),
                                      sms: HTTPSMSGateway(url: "http://127.0.0.1:\(sink.httpPort)/sms", client: app.client))
            worker.sendWindow = .zero
            // act
            let sent = try await worker.run(on: app.db, now: f.time.now())
            // check: leased (not due before the lease ends), never tried, nothing received
            #expect(sent == 0 && sink.received.isEmpty)
            let waiting = try await OutboxMessage.query(on: app.db).all()
            #expect(waiting.count == 2 && waiting.allSatisfy { $0.attempts == 0 && $0.sentAt == nil && $0.nextAttemptAt == f.time.now().addingTimeInterval(OutboxWorker.lease) })
        }
    }

    @Test("A message is given up after eight failed tries, with growing delays")
    func backoff() {
        #expect(OutboxWorker.backoff(after: 1) == 60 && OutboxWorker.backoff(after: 2) == 120 && OutboxWorker.backoff(after: 4) == 480)
        #expect(OutboxWorker.backoff(after: 20) == 7_200 && OutboxWorker.maximumAttempts == 8)
    }
}
