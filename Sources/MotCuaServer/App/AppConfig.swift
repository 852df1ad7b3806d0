import Foundation
import Fluent
import MotCuaCore
import Vapor

/// Everything MotCua reads from the environment, read once and typed. `configure` takes it as a
/// parameter so tests pass their own.
public struct AppConfig: Sendable {
    public enum DatabaseKind: Sendable, Equatable {
        /// Embedded SQLite; `nil` path is an in-memory database (tests).
        case sqlite(path: String?)
        case postgres(url: String)

        public var name: String {
            switch self {
            case .sqlite: "sqlite"
            case .postgres: "postgresql"
            }
        }
    }

    public var database: DatabaseKind
    /// Connections per event loop in the pool.
    public var databasePoolSize: Int
    /// Fill an empty database with the demo province when the server starts (never in production).
    public var seedDemoWhenEmpty: Bool
    /// Start in production although the database holds the demo accounts, whose password is
    /// published (`MOTCUA_ALLOW_DEMO_ACCOUNTS`).
    public var allowDemoAccounts = false
    /// bcrypt cost factor (tests lower it).
    public var bcryptCost: Int
    /// Mark cookies `Secure` (behind HTTPS).
    public var secureCookies: Bool
    /// How long a signed-in session lives without activity.
    public var sessionLifetime: TimeInterval
    public var lockout: LockoutSettings
    /// The address citizens reach the server at (`MOTCUA_PUBLIC_URL`), printed in QR codes; when
    /// unset, taken from the request's Host header.
    public var publicURL: String? = nil
    /// How dossier codes are built (`MOTCUA_DOSSIER_CODE_FORMAT`).
    public var dossierCodeFormat: DossierCodeFormat = .standard
    /// Where dossier files are kept (`MOTCUA_FILES_PATH`); nil keeps them in memory (tests).
    public var filesPath: String? = "var/files"
    /// Largest file a dossier accepts, in bytes (`MOTCUA_FILE_MAX_MB`).
    public var maximumFileBytes: Int = 10 * 1024 * 1024
    public var notifications = NotificationSettings()
    /// Queue tickets one client address may take per hour from a phone (`MOTCUA_REMOTE_TICKETS_PER_HOUR`; 0: no limit).
    public var remoteTicketsPerHour: Int = 6
    /// Addresses of the centers' kiosks, which issue tickets without limit (`MOTCUA_KIOSK_ADDRESSES`, comma-separated).
    public var kioskAddresses: Set<String> = []
    /// Reverse proxies in front of the server (`MOTCUA_TRUSTED_PROXIES`, comma-separated addresses):
    /// behind one, the client is read from `X-Forwarded-For` (see `Request.clientAddress`).
    public var trustedProxies: Set<String> = []
    /// Who may read `/metrics` (`MOTCUA_METRICS_ADDRESSES`, comma-separated); nil: anyone.
    public var metricsAddresses: Set<String>? = nil
    /// Feedback items and answer reactions one client address may send per hour from the public
    /// forms (`MOTCUA_FEEDBACK_PER_HOUR`; 0: no limit).
    public var feedbackPerHour: Int = 10
    /// Dossiers one citizen account may file online in 24 hours (`MOTCUA_ONLINE_DOSSIERS_PER_DAY`; 0: no limit).
    public var onlineDossiersPerDay: Int = 10
    /// Days a citizen may change their satisfaction rating of a dossier (`MOTCUA_RATING_CHANGE_DAYS`).
    public var ratingChangeDays: Int = 7
    /// Seconds between runs of the statistics tally worker (`MOTCUA_TALLY_SECONDS`; 0: never; readers
    /// of statistics bring the tallies up to date themselves).
    public var tallyInterval: Int = 2
    /// Dossiers of generated history the demo province starts with (`MOTCUA_DEMO_HISTORY`; 0: none),
    /// spread over the last `demoHistoryDays` days.
    public var demoHistory: Int = 0
    public var demoHistoryDays: Int = 60
    /// The moment the clock reads when the process starts (`MOTCUA_CLOCK`, ISO 8601 with an offset),
    /// from which it runs on; nil: the real time. For tests and demonstrations only: `configure`
    /// refuses it in the production environment.
    public var clockStart: Date? = nil
    /// Seconds between deadline-alert runs (`MOTCUA_ALERT_SECONDS`; 0: never). One process runs them at a time.
    public var alertInterval: Int = 300

    /// Where e-mail and SMS go. Without a host or gateway the messages stay in the outbox.
    public struct NotificationSettings: Sendable {
        /// SMTP relay (`MOTCUA_SMTP_HOST`, `MOTCUA_SMTP_PORT`, `MOTCUA_MAIL_FROM`); plain SMTP to a
        /// local relay, which handles TLS and authentication to the outside.
        public var smtpHost: String?
        public var smtpPort: Int = 25
        public var mailFrom: String = "motcua@localhost"
        /// SMS gateway (`MOTCUA_SMS_URL`): receives POST JSON `{"to", "text", "id"}`.
        public var smsGatewayURL: String?
        /// Seconds between outbox runs (`MOTCUA_OUTBOX_SECONDS`); 0 disables the worker.
        public var outboxInterval: Int = 5
        /// Messages an unverified phone or e-mail may receive in 24 hours
        /// (`MOTCUA_UNVERIFIED_MESSAGES_PER_DAY`; default 0: none before it is verified).
        public var unverifiedPerDay: Int = 0

        public init() {}
    }

    public struct LockoutSettings: Sendable {
        public var maximumFailures: Int
        public var lockMinutes: Int

        public init(maximumFailures: Int, lockMinutes: Int) {
            self.maximumFailures = maximumFailures
            self.lockMinutes = lockMinutes
        }
    }

    public static let version = "0.1.0"

    /// What production does not accept: a moved clock, links built from a request's Host header
    /// (no public address), the demo province with its published password.
    public var productionProblems: [String] {
        var problems: [String] = []
        if clockStart != nil { problems.append("MOTCUA_CLOCK moves the clock for tests and demonstrations; production runs on the real time") }
        if publicURL == nil {
            problems.append("MOTCUA_PUBLIC_URL is required in production: links in messages and QR codes are built from it, never from a request's Host header")
        }
        if seedDemoWhenEmpty { problems.append("MOTCUA_DEMO seeds demo accounts with a published password; production does not") }
        return problems
    }

    public init(
        database: DatabaseKind,
        databasePoolSize: Int = 4,
        seedDemoWhenEmpty: Bool = false,
        bcryptCost: Int = 12,
        secureCookies: Bool = false,
        sessionLifetime: TimeInterval = 8 * 3600,
        lockout: LockoutSettings = .init(maximumFailures: 5, lockMinutes: 15)
    ) {
        self.database = database
        self.databasePoolSize = databasePoolSize
        self.seedDemoWhenEmpty = seedDemoWhenEmpty
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.lockout = lockout
    }

    /// Reads the process environment. Fails with every problem listed at once. In `production`
    /// the demo is not seeded and cookies are `Secure` unless said otherwise.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment, production: Bool = false) throws -> AppConfig {
        var problems: [String] = []
        func integer(_ key: String, default value: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = env[key], !raw.isEmpty else { return value }
            guard let parsed = Int(raw), range.contains(parsed) else {
                problems.append("\(key)=\(raw) must be an integer in \(range)")
                return value
            }
            return parsed
        }
        func flag(_ key: String, default value: Bool) -> Bool {
            guard let raw = env[key]?.lowercased(), !raw.isEmpty else { return value }
            switch raw {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append("\(key)=\(raw) must be true or false")
                return value
            }
        }
        let database: DatabaseKind
        if let url = env["DATABASE_URL"], !url.isEmpty {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
                throw ConfigurationError(problems: ["DATABASE_URL must start with postgres:// (got \(url.prefix(12))…)"])
            }
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: env["MOTCUA_SQLITE_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "var/motcua.sqlite")
        }
        let isSQLite = if case .sqlite = database { true } else { false }
        var config = AppConfig(
            database: database,
            databasePoolSize: integer("MOTCUA_DB_POOL", default: 4, range: 1...64),
            seedDemoWhenEmpty: flag("MOTCUA_DEMO", default: isSQLite && !production),
            bcryptCost: integer("MOTCUA_BCRYPT_COST", default: 12, range: 4...16),
            secureCookies: flag("MOTCUA_SECURE_COOKIES", default: production),
            sessionLifetime: TimeInterval(integer("MOTCUA_SESSION_HOURS", default: 8, range: 1...720) * 3600),
            lockout: .init(
                maximumFailures: integer("MOTCUA_LOCKOUT_FAILURES", default: 5, range: 2...100),
                lockMinutes: integer("MOTCUA_LOCKOUT_MINUTES", default: 15, range: 1...1440)
            )
        )
        if let url = env["MOTCUA_PUBLIC_URL"], !url.isEmpty {
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                config.publicURL = url.hasSuffix("/") ? String(url.dropLast()) : url
            } else {
                problems.append("MOTCUA_PUBLIC_URL must start with http:// or https:// (got \(url))")
            }
        }
        if let pattern = env["MOTCUA_DOSSIER_CODE_FORMAT"], !pattern.isEmpty {
            do { config.dossierCodeFormat = try DossierCodeFormat(pattern) } catch { problems.append("MOTCUA_DOSSIER_CODE_FORMAT: \(error)") }
        }
        if let path = env["MOTCUA_FILES_PATH"], !path.isEmpty { config.filesPath = path }
        config.maximumFileBytes = integer("MOTCUA_FILE_MAX_MB", default: 10, range: 1...200) * 1024 * 1024
        if let host = env["MOTCUA_SMTP_HOST"], !host.isEmpty { config.notifications.smtpHost = host }
        config.notifications.smtpPort = integer("MOTCUA_SMTP_PORT", default: 25, range: 1...65_535)
        if let from = env["MOTCUA_MAIL_FROM"], !from.isEmpty {
            if EmailAddress(from) == nil { problems.append("MOTCUA_MAIL_FROM=\(from) is not an e-mail address") } else { config.notifications.mailFrom = from }
        }
        if let url = env["MOTCUA_SMS_URL"], !url.isEmpty {
            if url.hasPrefix("http://") || url.hasPrefix("https://") { config.notifications.smsGatewayURL = url } else {
                problems.append("MOTCUA_SMS_URL must start with http:// or https://")
            }
        }
        if let moment = env["MOTCUA_CLOCK"], !moment.isEmpty {
            if let start = ShiftedTime.moment(moment) { config.clockStart = start } else {
                problems.append("MOTCUA_CLOCK=\(moment) must be a moment in ISO 8601 with its offset, as 2026-12-31T23:30:00+07:00")
            }
        }
        config.notifications.outboxInterval = integer("MOTCUA_OUTBOX_SECONDS", default: 5, range: 0...3_600)
        config.notifications.unverifiedPerDay = integer("MOTCUA_UNVERIFIED_MESSAGES_PER_DAY", default: 0, range: 0...100)
        config.onlineDossiersPerDay = integer("MOTCUA_ONLINE_DOSSIERS_PER_DAY", default: 10, range: 0...10_000)
        config.remoteTicketsPerHour = integer("MOTCUA_REMOTE_TICKETS_PER_HOUR", default: 6, range: 0...10_000)
        config.feedbackPerHour = integer("MOTCUA_FEEDBACK_PER_HOUR", default: 10, range: 0...10_000)
        config.alertInterval = integer("MOTCUA_ALERT_SECONDS", default: 300, range: 0...86_400)
        config.tallyInterval = integer("MOTCUA_TALLY_SECONDS", default: 2, range: 0...3_600)
        config.demoHistory = integer("MOTCUA_DEMO_HISTORY", default: 3_000, range: 0...10_000_000)
        config.allowDemoAccounts = flag("MOTCUA_ALLOW_DEMO_ACCOUNTS", default: false)
        config.ratingChangeDays = integer("MOTCUA_RATING_CHANGE_DAYS", default: 7, range: 0...365)
        func addresses(_ key: String) -> Set<String> {
            Set((env[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        config.kioskAddresses = addresses("MOTCUA_KIOSK_ADDRESSES")
        config.trustedProxies = addresses("MOTCUA_TRUSTED_PROXIES")
        if let metrics = env["MOTCUA_METRICS_ADDRESSES"], !metrics.isEmpty { config.metricsAddresses = addresses("MOTCUA_METRICS_ADDRESSES") }
        if !problems.isEmpty { throw ConfigurationError(problems: problems) }
        return config
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "Invalid configuration:\n- " + problems.joined(separator: "\n- ") }
}

extension Application {
    private struct ConfigKey: StorageKey { typealias Value = AppConfig }

    /// The configuration `configure` was given.
    public var motcua: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { fatalError("configure(_:config:) was not called") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }
}
