import FluentSQLiteDriver
import Vapor

/// SQLite has one writer. A transaction that has read and then wants to write while another
/// connection writes fails at once with "database is locked" (waiting could not help it: its
/// snapshot is stale), and nothing it did is kept. The request then runs again from the start, up
/// to eight times, after a short random pause (growing, at most a quarter of a second); if SQLite is still busy it answers 503 with
/// `Retry-After` (`ProblemMessages`). Innermost middleware: only the route's own work is repeated.
struct SQLiteBusyRetryMiddleware: AsyncMiddleware {
    var attempts = 8

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        var attempt = 1
        while true {
            do {
                return try await next.respond(to: request)
            } catch let error as SQLiteError where error.isBusy && attempt < attempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...min(250, 4 << attempt))))
            }
        }
    }
}

extension SQLiteError {
    /// SQLite refused the statement because another connection holds a lock.
    var isBusy: Bool {
        switch reason {
        case .busy, .locked, .busyInRecovery, .busyInSnapshot, .busyTimeout, .lockedBySharedCache: true
        default: false
        }
    }
}
