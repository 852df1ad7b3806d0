import Fluent
import Foundation
import SQLKit

/// Who runs a periodic job now, when several server processes share the database: a row per job
/// with its holder and expiry. A process takes the lease if it is free, expired or already its own,
/// in one statement, so at most one process holds it at a time.
enum JobLease {
    static let schema = "job_leases"

    /// Takes or renews the lease of `job` for `holder` until `now + seconds`; false when another
    /// holder's lease is still running.
    static func acquire(_ job: String, holder: String, seconds: TimeInterval, now: Date, on db: any Database) async throws -> Bool {
        let until = now.addingTimeInterval(seconds).timeIntervalSince1970
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO job_leases (name, holder, expires_at) VALUES (\(bind: job), \(bind: holder), \(bind: until))
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE job_leases.expires_at < \(bind: now.timeIntervalSince1970) OR job_leases.holder = excluded.holder
            RETURNING holder
            """).first()
        return (try row?.decode(column: "holder", as: String.self)) == holder
    }
}
