import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// `Idempotency-Key` on `POST /api/v1/dossiers`: a retried registration returns the dossier already
/// made, never a second one (nor a second notice), even when the retries race.
@Suite("Registration with an Idempotency-Key")
struct DossierRequestKeyTests {
    private static func register(_ browser: Browser, key: String?, body: String = DossierFixture.application()) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let key { headers.add(name: "Idempotency-Key", value: key) }
        return try await browser.json(.POST, "/api/v1/dossiers", body, headers: headers)
    }

    private static func counts(_ app: Application) async throws -> (dossiers: Int, messages: Int, audits: Int) {
        (try await Dossier.query(on: app.db).count(), try await OutboxMessage.query(on: app.db).count(),
         try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.dossierSubmitted.rawValue).count())
    }

    @Test("A retry with the same key and body returns the first dossier; another body with that key is refused", arguments: TestDatabase.all)
    func retry(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let key = UUID().uuidString
            // act
            let first = try await Self.register(f.citizen, key: key)
            let before = try await Self.counts(app)
            let again = try await Self.register(f.citizen, key: key)
            let other = try await Self.register(f.citizen, key: key, body: DossierFixture.application("1.000894"))
            // check
            #expect(first.status == .created && again.status == .created, "\(again.text)")
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil && again.headers.first(name: "Idempotent-Replayed") == "true")
            let firstCode = try first.decode(DossierDTO.self).code
            #expect(try again.decode(DossierDTO.self).code == firstCode)
            #expect(other.status == .unprocessableEntity && other.text.contains("Idempotency-Key"))
            let after = try await Self.counts(app)
            #expect(before.dossiers == 1 && after.dossiers == 1 && after.messages == before.messages && after.audits == 1)
            // The key belongs to its sender: the same key from an officer is a new registration.
            let counter = try await Self.register(f.reception, key: key, body: DossierFixture.application(accept: true))
            #expect(counter.status == .created)
            #expect(try counter.decode(DossierDTO.self).code != firstCode)
            // Without a key, every request is a new dossier.
            #expect(try await Self.register(f.citizen, key: nil).status == .created)
            #expect(try await Self.register(f.citizen, key: nil).status == .created)
            #expect(try await Dossier.query(on: app.db).count() == 4)
        }
    }

    @Test("Retries racing with one key make one dossier, across two server processes", arguments: TestDatabase.all)
    func race(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let (senders, extra) = try await f.browsers("0912345678", perProcess: 3, on: database)
            let key = UUID().uuidString
            // act
            let responses = try await withThrowingTaskGroup(of: (HTTPStatus, String).self) { group in
                for sender in senders {
                    group.addTask {
                        let response = try await Self.register(sender, key: key)
                        return (response.status, response.status == .created ? try response.decode(DossierDTO.self).code : response.text)
                    }
                }
                return try await group.reduce(into: [(HTTPStatus, String)]()) { $0.append($1) }
            }
            for other in extra { try await other.asyncShutdown() }
            // check
            #expect(responses.allSatisfy { $0.0 == .created }, "\(responses)")
            #expect(Set(responses.map(\.1)).count == 1)
            let counts = try await Self.counts(app)
            #expect(counts.dossiers == 1 && counts.audits == 1)
        }
    }

    @Test("A malformed key is refused before anything is read", arguments: ["", "khóa", String(repeating: "k", count: 256), "a b"])
    func malformed(key: String) async throws {
        try await withApp(.sqlite) { app in
            let f = try await DossierFixture.make(app)
            let response = try await Self.register(f.citizen, key: key)
            #expect(response.status == .badRequest && response.text.contains("Idempotency-Key"), "\(response.text)")
            #expect(try await Dossier.query(on: app.db).count() == 0)
        }
    }
}
