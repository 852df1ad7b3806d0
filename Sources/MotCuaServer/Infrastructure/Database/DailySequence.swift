import Fluent
import Foundation
import SQLKit
import Vapor

/// A running number per owner and day (dossier codes per unit, queue tickets per service group):
/// one upsert inside the caller's transaction. On PostgreSQL the row stays locked until that
/// transaction ends, so numbers are unique and gap-free across server processes (a rolled-back
/// transaction gives its number back); SQLite has one writer at a time.
enum DailySequence {
    /// The table has `(owner_column, day)` unique and a `last_number` integer.
    static func next(in table: String, owner column: String, _ owner: UUID, day: String, on db: any Database) async throws -> Int {
        let row = try await (db as! any SQLDatabase).raw("""
            INSERT INTO \(ident: table) (\(ident: column), day, last_number) VALUES (\(bind: owner), \(bind: day), 1)
            ON CONFLICT (\(ident: column), day) DO UPDATE SET last_number = \(ident: table).last_number + 1
            RETURNING last_number
            """).first()
        guard let number = try row?.decode(column: "last_number", as: Int.self) else {
            throw Abort(.internalServerError, reason: "\(table) returned no row")
        }
        return number
    }
}
