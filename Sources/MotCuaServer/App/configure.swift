import Fluent
import Leaf
import LeafKit
import Vapor

/// Configures the application from `config`: database, sessions, security, views, routes.
public func configure(_ app: Application, config: AppConfig) throws {
    app.motcua = config
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
    app.middleware.use(ErrorPageMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: resources.appendingPathComponent("Public").path + "/",
                                      defaultFile: nil, advancedETagComparison: true))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(CSRFMiddleware(sessionCookieName: cookieName))
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(APITokenAuthenticator())

    app.routes.defaultMaxBodySize = "64kb"
    try routes(app)
    app.lifecycle.use(OutboxLifecycle())
    app.lifecycle.use(AlertLifecycle())
    if case .postgres(let url) = config.database {
        app.useQueueSignal(QueueSignal(usesNotify: true))
        app.lifecycle.use(QueueSignalLifecycle(url: url))
    }
}
