import Fluent
import Leaf
import LeafKit
import Vapor

/// Configures the application from `config`: database, sessions, security, views, routes.
public func configure(_ app: Application, config: AppConfig) throws {
    app.motcua = config
    if app.environment == .production, !config.productionProblems.isEmpty {
        throw ConfigurationError(problems: config.productionProblems)
    }
    if let start = config.clockStart {
        app.time = ShiftedTime(startingAt: start)
        app.logger.warning("The clock starts at \(start), not at the real time (MOTCUA_CLOCK)")
    }
    _ = MetricsSetup.registry

    try DatabaseSetup.configure(app, config.database, poolSize: config.databasePoolSize)

    app.passwords.use(.bcrypt(cost: config.bcryptCost))

    let cookieName = "motcua-session"
    app.sessions.configuration = SessionsConfiguration(cookieName: cookieName) { id in
        HTTPCookies.Value(string: id.string, expires: nil, maxAge: nil, domain: nil, path: "/",
                          isSecure: config.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    app.sessions.use { _ in DatabaseSessionDriver(lifetime: config.sessionLifetime) }

    let resources = ServerResources.root
    app.views.use(.leaf)
    let views = resources.appendingPathComponent("Views").path + "/"
    app.leaf.configuration = LeafConfiguration(rootDirectory: views)
    // Views live inside the build folder (.build), so hidden path components must be allowed.
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                  sandboxDirectory: views, viewDirectory: views))

    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    // Outside the error middleware, so error pages carry the same headers as every other page.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(MalformedRequestGuard())
    app.middleware.use(FileMiddleware(publicDirectory: resources.appendingPathComponent("Public").path + "/",
                                      defaultFile: nil, advancedETagComparison: true))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(CSRFMiddleware(sessionCookieName: cookieName))
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(APITokenAuthenticator())
    if case .sqlite = config.database { app.middleware.use(SQLiteBusyRetryMiddleware()) }

    // Process-wide (Vapor keeps one content configuration); the same for every application.
    ContentConfiguration.global.use(decoder: NULRefusingDecoder.json, for: .json)
    ContentConfiguration.global.use(decoder: NULRefusingDecoder.form, for: .urlEncodedForm)
    app.routes.defaultMaxBodySize = "64kb"
    try routes(app)
    // Background jobs, in every process.
    let outbox = OutboxWorker.live(app)
    app.lifecycle.use(RepeatingJob(name: "outbox", seconds: config.notifications.outboxInterval) { app, logger in
        let sent = try await outbox.run(on: app.db, now: app.time.now())
        if sent > 0 { logger.info("sent outbox messages", metadata: ["count": "\(sent)", "component": "outbox"]) }
    })
    let holder = UUID().uuidString, baseURL = config.publicURL ?? "", alertSeconds = config.alertInterval
    app.lifecycle.use(RepeatingJob(name: "alerts", seconds: alertSeconds, initialDelay: min(alertSeconds, 30)) { app, logger in
        let now = app.time.now()
        // The lease outlives one period, so a process that dies hands over after it.
        guard try await JobLease.acquire(AlertScheduler.job, holder: holder, seconds: TimeInterval(alertSeconds * 2), now: now, on: app.db) else { return }
        let fired = try await AlertScheduler.run(on: app.db, now: now, baseURL: baseURL)
        if fired > 0 { logger.info("deadline alerts", metadata: ["count": "\(fired)", "component": "alerts"]) }
    })
    app.lifecycle.use(RepeatingJob(name: "tallies", seconds: config.tallyInterval) { app, _ in
        try await TallyWorker.drain(on: app.db)
    })
    if case .postgres(let url) = config.database {
        app.useQueueSignal(QueueSignal(usesNotify: true))
        app.lifecycle.use(QueueSignalLifecycle(url: url))
    }
}
