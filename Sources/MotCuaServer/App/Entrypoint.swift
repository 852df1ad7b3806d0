import Logging
import Fluent
import NIOCore
import NIOPosix
import Vapor

/// What `motcua` runs: reads the configuration, configures, prepares the database for `serve`,
/// and runs the command.
public enum MotCuaMain {
    public static func run() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        var config: AppConfig
        let command = env.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "serve"
        do {
            config = try AppConfig.fromEnvironment(production: env == .production)
        } catch {
            Logger(label: "motcua").critical("\(error)")
            throw error
        }
        // Background jobs (outbox, deadline alerts) belong to the server, not to operator commands.
        if command != "serve" {
            config.notifications.outboxInterval = 0
            config.alertInterval = 0
            config.tallyInterval = 0
        }
        // Swift concurrency runs on NIO's event loops, as Vapor's template does: an `await` on a
        // database query then resumes without a hop between thread pools (fewer context switches on
        // a small machine). Must come before the first task is created.
        let onEventLoops = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let app = try await Application.make(env)
        app.logger.debug("Swift concurrency on \(onEventLoops ? "SwiftNIO's event loops" : "the standard executor")")
        do {
            try configure(app, config: config)
            app.asyncCommands.use(MigrateCommand(), as: "migrate")
            app.asyncCommands.use(SeedCommand(), as: "seed")
            app.asyncCommands.use(CalendarCommand(), as: "calendar")
            app.asyncCommands.use(TalliesCommand(), as: "tallies")
            app.asyncCommands.use(AuditCommand(), as: "audit")
            app.asyncCommands.use(BackupCommand(), as: "backup")
            app.asyncCommands.use(RestoreCommand(), as: "restore")
            app.asyncCommands.use(FilesCommand(), as: "files")
            if command == "serve" {
                try await DatabaseSetup.prepare(app, seedDemo: config.seedDemoWhenEmpty)
                try await DemoSeed.refuseInProduction(app)
            }
            try await app.execute()
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
