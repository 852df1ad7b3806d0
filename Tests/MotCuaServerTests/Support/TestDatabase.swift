import Foundation
import Vapor
@testable import MotCuaServer

/// The databases every server test runs on: SQLite always, PostgreSQL when
/// `MOTCUA_TEST_POSTGRES_URL` names an administrative connection (scripts/test sets it).
enum TestDatabase: String, CustomStringConvertible, Sendable, CaseIterable {
    case sqlite
    case postgres

    static let adminURL: String? = {
        let value = ProcessInfo.processInfo.environment["MOTCUA_TEST_POSTGRES_URL"]
        return (value?.isEmpty ?? true) ? nil : value
    }()

    /// The databases available in this run.
    static let all: [TestDatabase] = adminURL == nil ? [.sqlite] : [.sqlite, .postgres]

    var description: String { rawValue }
}

/// Fresh PostgreSQL databases cloned from one migrated template per test process
/// (`CREATE DATABASE … TEMPLATE …`), created and dropped with `psql`.
actor PostgresDatabases {
    static let shared = PostgresDatabases()

    /// One migration for the whole process, however many tests ask at once (the actor is
    /// reentrant across awaits, so the work is shared through a task).
    private var template: Task<String, any Error>?

    /// The URL of a new, migrated, empty database.
    func fresh() async throws -> (name: String, url: String) {
        let admin = TestDatabase.adminURL!
        if template == nil {
            template = Task { try await Self.migratedTemplate(admin: admin) }
        }
        let template = try await template!.value
        let name = "motcua_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try Self.psql(admin, "CREATE DATABASE \(name) TEMPLATE \(template)")
        return (name, Self.url(admin, database: name))
    }

    nonisolated func drop(_ name: String) {
        try? Self.psql(TestDatabase.adminURL!, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    private static func migratedTemplate(admin: String) async throws -> String {
        let name = "motcua_tpl_\(ProcessInfo.processInfo.processIdentifier)_\(Int(Date().timeIntervalSince1970))"
        try psql(admin, "CREATE DATABASE \(name)")
        let app = try await TestApp.make(config: TestApp.config(database: .postgres(url: url(admin, database: name))))
        do {
            try await DatabaseSetup.prepare(app, seedDemo: false)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        return name
    }

    static func url(_ admin: String, database: String) -> String {
        var components = URLComponents(string: admin)!
        components.path = "/" + database
        return components.string!
    }

    static func psql(_ url: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw PSQLError(message: "psql failed for \(sql): \(message)")
        }
    }

    struct PSQLError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
