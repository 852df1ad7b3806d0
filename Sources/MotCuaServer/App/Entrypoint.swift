import Logging
import Fluent
import Vapor

/// What `motcua` runs: reads the configuration, configures, prepares the database for `serve`,
/// and runs the command.
public enum MotCuaMain {
    public static func run() async throws {
        var env = try Environment.detect()
        try LoggingSystem.bootstrap(from: &env)
        let config: AppConfig
        do {
            config = try AppConfig.fromEnvironment()
        } catch {
            Logger(label: "motcua").critical("\(error)")
            throw error
        }
        let app = try await Application.make(env)
        do {
            try configure(app, config: config)
            app.asyncCommands.use(MigrateCommand(), as: "migrate")
            app.asyncCommands.use(SeedCommand(), as: "seed")
            app.asyncCommands.use(CalendarCommand(), as: "calendar")
            let command = env.arguments.dropFirst().first { !$0.hasPrefix("-") } ?? "serve"
            if command == "serve" {
                try await DatabaseSetup.prepare(app, seedDemo: config.seedDemoWhenEmpty)
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
