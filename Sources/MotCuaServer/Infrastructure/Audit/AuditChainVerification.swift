import Fluent
import Foundation
import SQLKit

/// Walks the audit chain from the first line and reports the first broken link (`motcua audit
/// verify`). Reads in pages, so it runs on a trail of any length with little memory.
enum AuditChainVerification {
    struct Break: Sendable, Equatable {
        var sequence: Int64
        var problem: String
    }

    struct Report: Sendable, Equatable {
        /// Lines checked before the first break (all of them when intact).
        var linesChecked: Int64
        /// The last hash of the intact part: write it down (or publish it) to prove later that
        /// nothing before it was rewritten, the chain included.
        var lastHash: String
        /// The first broken link: its sequence number and what is wrong, in Vietnamese.
        var broken: Break?
    }

    static func run(on db: any Database, pageSize: Int = 2_000) async throws -> Report {
        let sql = db as! any SQLDatabase
        var report = Report(linesChecked: 0, lastHash: AuditChain.genesis, broken: nil)
        func broken(_ sequence: Int64, _ problem: String) -> Report {
            report.broken = Break(sequence: sequence, problem: problem)
            return report
        }
        let unchained = try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .from(AuditEvent.schema).where("sequence", .is, SQLLiteral.null)
            .first()?.decode(column: "count", as: Int64.self) ?? 0
        if unchained > 0 {
            return broken(0, "Có \(unchained) dòng nhật ký không thuộc chuỗi (ghi ngoài ứng dụng).")
        }
        struct Head: Decodable { let last_sequence: Int64; let last_hash: String }
        while true {
            let lines = try await sql.select().columns(AuditChain.Line.columns.map { SQLColumn($0) }).from(AuditEvent.schema)
                .where("sequence", .greaterThan, report.linesChecked)
                .orderBy("sequence").limit(pageSize)
                .all(decoding: AuditChain.Line.self)
            if lines.isEmpty {
                guard let head = try await sql.select().columns("last_sequence", "last_hash").from(AuditChain.head)
                    .where("id", .equal, 1).first(decoding: Head.self) else {
                    return broken(report.linesChecked + 1, "Không có đầu chuỗi nhật ký.")
                }
                // Lines written while this walk ran: walk on to them.
                if head.last_sequence > report.linesChecked, try await hasLine(after: report.linesChecked, on: sql) { continue }
                guard head.last_sequence == report.linesChecked, head.last_hash == report.lastHash else {
                    return broken(report.linesChecked + 1, "Đầu chuỗi ghi \(head.last_sequence) dòng nhưng chỉ có \(report.linesChecked) dòng nối liền (các dòng cuối đã bị xoá hoặc đầu chuỗi bị sửa).")
                }
                return report
            }
            for line in lines {
                let expected = report.linesChecked + 1
                guard line.sequence == expected else {
                    return broken(expected, "Thiếu dòng nhật ký số \(expected) (đã bị xoá).")
                }
                guard line.previous_hash == report.lastHash else {
                    return broken(expected, "Dòng số \(expected) không nối với dòng trước (dòng trước đã bị thay hoặc chèn thêm).")
                }
                guard line.hash == AuditChain.digest(line, previous: report.lastHash) else {
                    return broken(expected, "Nội dung dòng số \(expected) đã bị sửa.")
                }
                report.linesChecked = expected
                report.lastHash = line.hash ?? ""
            }
        }
    }

    private static func hasLine(after sequence: Int64, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.select().column("sequence").from(AuditEvent.schema).where("sequence", .greaterThan, sequence).limit(1).first() != nil
    }
}
