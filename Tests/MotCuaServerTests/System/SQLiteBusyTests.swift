import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// SQLite has one writer: transactions that read and then write, sent at once, meet "database is
/// locked". The request is run again instead of failing, so people see their change made.
@Suite("SQLite under concurrent writers")
struct SQLiteBusyTests {
    @Test("Parallel catalogue imports on a SQLite file all succeed")
    func parallelImports() async throws {
        // setup: a file database, as `motcua serve` uses
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let app = try await TestApp.make(config: TestApp.config(database: .sqlite(path: directory.appendingPathComponent("motcua.sqlite").path)))
        do {
            try await DatabaseSetup.prepare(app, seedDemo: false)
            _ = try await World.build(on: app)
            var admins: [Browser] = []
            for _ in 0..<8 {
                let admin = Browser(app)
                try await admin.signIn("p.admin")
                admins.append(admin)
            }
            // act: each import reads the catalogue, then writes every procedure
            let statuses = try await withThrowingTaskGroup(of: [UInt].self) { group in
                for admin in admins {
                    group.addTask {
                        var statuses: [UInt] = []
                        for _ in 0..<3 {
                            statuses.append(try await admin.json(.POST, "/api/v1/catalogue/import", DossierFixture.catalogue).status.code)
                        }
                        return statuses
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0 += $1 }
            }
            // check
            #expect(statuses == Array(repeating: 200, count: 24), "\(statuses)")
            let procedures = try await Browser(app).get("/api/v1/procedures").text
            #expect(procedures.contains("1.000001") && procedures.contains("2.000908"))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
