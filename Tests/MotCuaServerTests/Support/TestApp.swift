import Foundation
import Vapor
import VaporTesting
@testable import MotCuaServer

/// Builds a configured, migrated application on a fresh database for one test.
enum TestApp {
    static func config(database: AppConfig.DatabaseKind) -> AppConfig {
        { var config = AppConfig(database: database, databasePoolSize: 2, seedDemoWhenEmpty: false, bcryptCost: 4); config.filesPath = nil; config.notifications.outboxInterval = 0; config.remoteTicketsPerHour = 0; config.feedbackPerHour = 0; config.onlineDossiersPerDay = 0; config.alertInterval = 0; config.tallyInterval = 0; return config }()
    }

    /// The clock of every test app that does not set its own: the real time, or the moment
    /// `MOTCUA_CLOCK` names (ISO 8601 with an offset) at the start of the test run, running on from
    /// there, so the whole suite can be run at any chosen date and time.
    static let clock: any TimeSource = {
        guard let text = ProcessInfo.processInfo.environment["MOTCUA_CLOCK"], !text.isEmpty else { return SystemTime() }
        guard let start = ShiftedTime.moment(text) else { fatalError("MOTCUA_CLOCK=\(text) must be ISO 8601 with an offset, as 2026-12-31T23:30:00+07:00") }
        return ShiftedTime(startingAt: start)
    }()

    static func make(config: AppConfig) async throws -> Application {
        let app = try await Application.make(.testing)
        app.time = clock
        app.logger.logLevel = .warning
        do {
            try configure(app, config: config)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        return app
    }
}

/// Runs `body` with an application on a fresh database of the given kind, then tears it down.
func withApp(_ database: TestDatabase, time: FixedTime? = nil, _ body: (Application) async throws -> Void) async throws {
    var dropName: String?
    let config: AppConfig
    switch database {
    case .sqlite:
        config = TestApp.config(database: .sqlite(path: nil))
    case .postgres:
        let fresh = try await PostgresDatabases.shared.fresh()
        dropName = fresh.name
        config = TestApp.config(database: .postgres(url: fresh.url))
    }
    let app = try await TestApp.make(config: config)
    if let time { app.time = time }
    do {
        if database == .sqlite { try await DatabaseSetup.prepare(app, seedDemo: false) }
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        if let dropName { PostgresDatabases.shared.drop(dropName) }
        throw error
    }
    try await app.asyncShutdown()
    if let dropName { PostgresDatabases.shared.drop(dropName) }
}
