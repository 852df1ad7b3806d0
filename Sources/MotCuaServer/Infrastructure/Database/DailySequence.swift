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

    /// Takes `counts[day]` numbers at once for each day (as `next` would one by one) and returns
    /// the first of each block.
    static func reserve(_ counts: [String: Int], in table: String, owner column: String, _ owner: UUID, on db: any Database) async throws -> [String: Int] {
        guard !counts.isEmpty else { return [:] }
        struct Block: Decodable { let day: String; let last_number: Int }
        var first: [String: Int] = [:]
        let days = counts.keys.sorted()
        for start in stride(from: 0, to: days.count, by: 1_000) {
            var insert = (db as! any SQLDatabase).insert(into: table).columns(column, "day", "last_number")
            for day in days[start..<min(start + 1_000, days.count)] { insert = insert.values(SQLBind(owner), SQLBind(day), SQLBind(counts[day]!)) }
            let blocks = try await insert.onConflict(with: [column, "day"]) {
                $0.set("last_number", to: SQLBinaryExpression(SQLColumn("last_number", table: table), .add, SQLExcludedColumn("last_number")))
            }.returning("day", "last_number").all(decoding: Block.self)
            for block in blocks { first[block.day] = block.last_number - counts[block.day]! + 1 }
        }
        return first
    }
}
