import Fluent
import FluentSQLiteDriver
import Foundation
import NIOPosix
import SQLKit
import Vapor

/// A consistent copy of the whole database, and its way back. SQLite: `VACUUM INTO` (SQLite's
/// online copy: readers and writers carry on), restored by putting the file in place. PostgreSQL:
/// `pg_dump` in its custom format from a snapshot exported by the transaction that counts the
/// rows, restored by `pg_restore` in one transaction.
struct DatabaseSnapshot {
    let app: Application

    /// Writes the copy to `file` and returns the rows per table and the audit head as the copy has them.
    func write(to file: URL) async throws -> (tables: [String: Int], auditLines: Int64, auditHash: String) {
        switch app.motcua.database {
        case .sqlite:
            try await sql.raw("VACUUM INTO \(bind: file.path)").run()
            let id = DatabaseID(string: "snapshot-\(UUID().uuidString)")
            app.databases.use(.sqlite(.file(file.path), maxConnectionsPerEventLoop: 1), as: id)
            let copy = app.db(id) as! any SQLDatabase
            let check = try await copy.raw("PRAGMA integrity_check").first()?.decode(column: "integrity_check", as: String.self)
            guard check == "ok" else { throw BackupError.damaged("Bản sao cơ sở dữ liệu không toàn vẹn: \(check ?? "không rõ")") }
            return try await census(copy)
        case .postgres(let url):
            return try await app.db.transaction { db in
                let sql = db as! any SQLDatabase
                try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                let snapshot = try await sql.raw("SELECT pg_export_snapshot() AS id").first()?.decode(column: "id", as: String.self) ?? ""
                let counted = try await census(sql)
                try await Self.run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--snapshot=\(snapshot)",
                                               "--file=\(file.path)", "--dbname=\(url)"])
                return counted
            }
        }
    }

    /// Puts the copy in place of the configured database, which must be empty unless `replace`.
    func restore(from file: URL, replace: Bool) async throws {
        switch app.motcua.database {
        case .sqlite(let path):
            guard let path else { throw BackupError.unusable("Cơ sở dữ liệu trong bộ nhớ không khôi phục được; đặt MOTCUA_SQLITE_PATH.") }
            let target = URL(fileURLWithPath: path)
            let manager = FileManager.default
            if let size = try? manager.attributesOfItem(atPath: path)[.size] as? Int, size > 0, !replace {
                throw BackupError.unusable("Đã có cơ sở dữ liệu tại \(path). Dừng máy chủ rồi chạy lại với --replace để thay nó.")
            }
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(UUID().uuidString).restore")
            try manager.copyItem(at: file, to: temporary)
            for suffix in ["-wal", "-shm", "-journal"] { try? manager.removeItem(atPath: path + suffix) }
            guard rename(temporary.path, path) == 0 else {
                try? manager.removeItem(at: temporary)
                throw BackupError.unusable("Không ghi được \(path).")
            }
        case .postgres(let url):
            let tables = try await sql.raw("SELECT count(*) AS n FROM pg_tables WHERE schemaname = current_schema()").first()?
                .decode(column: "n", as: Int.self) ?? 0
            if tables > 0, !replace {
                throw BackupError.unusable("Cơ sở dữ liệu đích đã có \(tables) bảng. Dừng các máy chủ rồi chạy lại với --replace để thay nó.")
            }
            var arguments = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname=\(url)"]
            if tables > 0 { arguments += ["--clean", "--if-exists"] }
            try await Self.run("pg_restore", arguments + [file.path])
        }
    }

    /// Rows per table and the audit head, as `sql` sees them.
    func census(_ sql: any SQLDatabase) async throws -> (tables: [String: Int], auditLines: Int64, auditHash: String) {
        let names = try await sql.raw(sql.dialect.name == "postgresql"
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .all().map { try $0.decode(column: "name", as: String.self) }
        var tables: [String: Int] = [:]
        for name in names {
            tables[name] = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(name)
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
        struct Head: Decodable { let last_sequence: Int64; let last_hash: String }
        let head = try await sql.select().columns("last_sequence", "last_hash").from(AuditChain.head).first(decoding: Head.self)
        return (tables, head?.last_sequence ?? 0, head?.last_hash ?? AuditChain.genesis)
    }

    private var sql: any SQLDatabase { app.db as! any SQLDatabase }

    /// Runs a PostgreSQL client tool off the event loops and fails with its error output.
    private static func run(_ tool: String, _ arguments: [String]) async throws {
        try await NIOThreadPool.singleton.runIfActive {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [tool] + arguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let output = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BackupError.tool("\(tool) dừng với mã \(process.terminationStatus): \(String(decoding: output, as: UTF8.self))")
            }
        }
    }
}

/// Why a backup or a restore stopped (messages for the operator, in Vietnamese).
enum BackupError: Error, CustomStringConvertible {
    case unusable(String)
    case damaged(String)
    case tool(String)

    var description: String {
        switch self {
        case .unusable(let message), .damaged(let message), .tool(let message): message
        }
    }
}
