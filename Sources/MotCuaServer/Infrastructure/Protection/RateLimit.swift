import Fluent
import Foundation
import SQLKit

/// How often a client may do something (take a queue ticket from a phone, send a public form):
/// a counter per key and fixed window in the database, so every server process counts together.
enum RateLimit {
    static let schema = "rate_limits"

    /// Counts one use of `key` in the window `now` falls in; false when that makes more than `limit`.
    static func take(_ key: String, limit: Int, window seconds: Int, now: Date, on db: any Database) async throws -> Bool {
        try await count(key, window: seconds, now: now, on: db) <= limit
    }

    /// Counts one use of `key` in the window `now` falls in, and returns the uses of the window so far.
    static func count(_ key: String, window seconds: Int, now: Date, on db: any Database) async throws -> Int {
        let start = Int(now.timeIntervalSince1970) / seconds * seconds
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO rate_limits (key, window_start, uses) VALUES (\(bind: key), \(bind: start), 1)
            ON CONFLICT (key) DO UPDATE SET
              uses = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.uses + 1 ELSE 1 END,
              window_start = excluded.window_start
            RETURNING uses
            """).first()
        return try row?.decode(column: "uses", as: Int.self) ?? 1
    }
}
