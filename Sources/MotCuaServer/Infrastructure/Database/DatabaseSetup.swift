import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Vapor

enum DatabaseSetup {
    static func configure(_ app: Application, _ kind: AppConfig.DatabaseKind, poolSize: Int) throws {
        switch kind {
        case .sqlite(let path):
            // SQLiteNIO retries a busy database at once, holding its thread-pool thread. With one
            // connection per event loop, a pool of this application's own with more threads than
            // connections always leaves a thread for the transaction that holds the lock (the
            // process-wide pool, shared by every application of a test run, did not).
            // Before `app.databases` is first used: it takes the pool then.
            app.threadPool = NIOThreadPool(numberOfThreads: System.coreCount + 2)
            if let path {
                let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                app.databases.use(.sqlite(.file(path), maxConnectionsPerEventLoop: 1, sqlLogLevel: .debug), as: .sqlite)
            } else {
                app.databases.use(.sqlite(.memory, maxConnectionsPerEventLoop: 1, sqlLogLevel: .debug), as: .sqlite)
            }
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = nil
            app.databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: poolSize, sqlLogLevel: .debug),
                as: .psql
            )
        }
        Migrations.register(on: app)
    }

    /// Migrates (and, when asked, seeds) under a PostgreSQL advisory lock so that several processes
    /// starting together do it once; SQLite runs in one process.
    static func prepare(_ app: Application, seedDemo: Bool) async throws {
        if app.motcua.database.name == "postgresql" {
            // One connection holds the lock while the migrator uses others from the pool.
            try await app.db.withConnection { connection in
                let session = connection as! any SQLDatabase
                try await session.raw("SELECT pg_advisory_lock(\(unsafeRaw: String(Self.migrationLockKey)))").run()
                do {
                    try await migrateAndSeed(app, seedDemo: seedDemo)
                } catch {
                    try? await session.raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(Self.migrationLockKey)))").run()
                    throw error
                }
                try await session.raw("SELECT pg_advisory_unlock(\(unsafeRaw: String(Self.migrationLockKey)))").run()
            }
        } else {
            if let sql = app.db as? any SQLDatabase {
                try await sql.raw("PRAGMA journal_mode=WAL").run()
            }
            try await migrateAndSeed(app, seedDemo: seedDemo)
        }
    }

    private static let migrationLockKey = 7_406_282_025

    private static func migrateAndSeed(_ app: Application, seedDemo: Bool) async throws {
        try await app.autoMigrate()
        if seedDemo {
            try await DemoSeed.seedIfEmpty(app)
        }
    }
}
