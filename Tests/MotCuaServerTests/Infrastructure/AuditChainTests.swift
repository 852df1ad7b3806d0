import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
@testable import MotCuaServer

/// The audit trail is a hash chain: lines written at once by many requests form one gap-free chain,
/// and any edit made behind the application's back is found at the line where it was made.
@Suite("Audit hash chain")
struct AuditChainTests {
    /// `count` changes written by up to six workers at once (each change one transaction; every
    /// third one saves three lines together).
    private static func write(_ count: Int, on app: Application, summary: String = "Thao tác") async throws {
        let workers = min(6, count)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    for index in stride(from: worker, to: count, by: workers) {
                        try await change(index, on: app, summary: summary)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    private static func change(_ index: Int, on app: Application, summary: String) async throws {
        try await app.db.transaction { db in
            let trail = AuditTrail(context: .system(now: Date()))
            if index.isMultiple(of: 3) {
                var records = DossierRecords()
                for part in 0..<3 {
                    records.audits.append(try trail.line(.dossierChanged, entityType: "dossier", entityID: UUID(), scope: (nil, nil),
                                                         summary: "\(summary) \(index).\(part)", after: ["bước": part]))
                }
                try await records.save(on: db)
            } else {
                try await trail.record(.unitUpdated, on: db, entityType: "unit", entityID: UUID(), scope: (nil, nil), summary: "\(summary) \(index)")
            }
        }
    }

    private static func sequences(_ app: Application) async throws -> [Int64] {
        try await AuditEvent.query(on: app.db).sort(\.$sequence).all().map(\.sequence)
    }

    @Test("The hash of a line matches one computed independently (Python's hashlib) from the documented rule")
    func knownAnswer() throws {
        // setup
        let event = AuditEvent()
        event.id = UUID(uuidString: "00000000-0000-0000-0000-0000000000A1")
        event.occurredAt = Date(timeIntervalSince1970: 1_767_225_600.123)
        event.unitID = UUID(uuidString: "00000000-0000-0000-0000-0000000000B2")
        event.actorName = "Nguyễn Thị Lan"
        event.action = "dossier.submitted"
        event.entityType = "dossier"
        event.summary = "Tiếp nhận hồ sơ\nmới"
        event.beforeState = #"{"a":1}"#
        event.clientAddress = "203.0.113.9"
        event.sequence = 1
        // act
        let hash = AuditChain.digest(.init(event), previous: AuditChain.genesis)
        // check
        #expect(hash == "8dc2ca7d8c5c245bb2794e466f891089ec61a9f2df9ca80abe7c7598f4f96988")
    }

    @Test("Lines written by parallel transactions form one chain, numbered 1…n without a gap", arguments: TestDatabase.all)
    func parallelWriters(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // act
            try await Self.write(30, on: app)
            // check: 10 changes of 3 lines and 20 of 1
            let sequences = try await Self.sequences(app)
            #expect(sequences == Array(1...50))
            let report = try await AuditChainVerification.run(on: app.db, pageSize: 7)
            #expect(report.broken == nil)
            #expect(report.linesChecked == 50)
            let last = try await AuditEvent.query(on: app.db).sort(\.$sequence, .descending).first()
            #expect(report.lastHash == last?.hash)
        }
    }

    @Test("A rolled-back change gives its numbers back: the chain stays whole", arguments: TestDatabase.all)
    func rollback(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup
            try await Self.write(2, on: app)
            // act
            struct Refused: Error {}
            await #expect(throws: Refused.self) {
                try await app.db.transaction { db in
                    try await AuditTrail(context: .system(now: Date())).record(.unitUpdated, on: db, entityType: "unit", entityID: nil,
                                                                               scope: (nil, nil), summary: "Không lưu")
                    throw Refused()
                }
            }
            try await Self.write(1, on: app)
            // check
            #expect(try await Self.sequences(app) == Array(1...7))
            #expect(try await AuditChainVerification.run(on: app.db).broken == nil)
        }
    }

    enum Tampering: String, CaseIterable, CustomStringConvertible {
        case editSummary, editTime, editAndRehash, deleteMiddle, deleteLast, insertForeign, rewriteHead
        var description: String { rawValue }
    }

    @Test("An edit behind the application's back is found at the line where it was made", arguments: TestDatabase.all, Tampering.allCases)
    func tampering(database: TestDatabase, tampering: Tampering) async throws {
        try await withApp(database) { app in
            // setup: nine lines, then the append-only triggers dropped as an intruder with the database's password would
            try await Self.write(5, on: app)
            #expect(try await Self.sequences(app).count == 9)
            let sql = app.db as! any SQLDatabase
            try await M010CreateAuditEvents.allowChanges(on: sql)
            // act
            switch tampering {
            case .editSummary:
                try await sql.update("audit_events").set("summary", to: "Thao tác khác").where("sequence", .equal, 4).run()
            case .editTime:
                let line = try #require(try await AuditEvent.query(on: app.db).filter(\.$sequence == 4).first())
                try await sql.update("audit_events").set("occurred_at", to: line.occurredAt.addingTimeInterval(-3_600)).where("sequence", .equal, 4).run()
            case .editAndRehash:
                // the intruder recomputes the edited line's own hash: the next line no longer links to it
                let line = try #require(try await AuditEvent.query(on: app.db).filter(\.$sequence == 4).first())
                line.summary = "Thao tác khác"
                let hash = AuditChain.digest(.init(line), previous: line.previousHash)
                try await sql.update("audit_events").set("summary", to: line.summary).set("hash", to: hash).where("sequence", .equal, 4).run()
            case .deleteMiddle:
                try await sql.delete(from: "audit_events").where("sequence", .equal, 4).run()
            case .deleteLast:
                try await sql.delete(from: "audit_events").where("sequence", .equal, 9).run()
            case .insertForeign:
                try await sql.raw("""
                    INSERT INTO audit_events (id, occurred_at, actor_name, action, entity_type, summary)
                    VALUES (\(bind: UUID()), \(bind: Date()), 'Ai đó', 'unit.updated', 'unit', 'Dòng chèn thêm')
                    """).run()
            case .rewriteHead:
                try await sql.update(AuditChain.head).set("last_hash", to: AuditChain.genesis).run()
            }
            let report = try await AuditChainVerification.run(on: app.db)
            // check
            let expected: (Int64, String) = switch tampering {
            case .editSummary, .editTime: (4, "Nội dung dòng số 4 đã bị sửa.")
            case .editAndRehash: (5, "Dòng số 5 không nối với dòng trước (dòng trước đã bị thay hoặc chèn thêm).")
            case .deleteMiddle: (4, "Thiếu dòng nhật ký số 4 (đã bị xoá).")
            case .deleteLast: (9, "Đầu chuỗi ghi 9 dòng nhưng chỉ có 8 dòng nối liền (các dòng cuối đã bị xoá hoặc đầu chuỗi bị sửa).")
            case .insertForeign: (0, "Có 1 dòng nhật ký không thuộc chuỗi (ghi ngoài ứng dụng).")
            case .rewriteHead: (10, "Đầu chuỗi ghi 9 dòng nhưng chỉ có 9 dòng nối liền (các dòng cuối đã bị xoá hoặc đầu chuỗi bị sửa).")
            }
            #expect(report.broken == .init(sequence: expected.0, problem: expected.1))
            let intactBefore: Int64 = switch tampering {
            case .editSummary, .editTime, .deleteMiddle: 3
            case .editAndRehash: 4
            case .deleteLast: 8
            case .insertForeign: 0
            case .rewriteHead: 9
            }
            #expect(report.linesChecked == intactBefore)
        }
    }

    @Test("Lines written before the chain existed are linked in the order they happened (as the migration does)", arguments: TestDatabase.all)
    func linkOldLines(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup: three lines without a place in the chain, as the table held them before migration 026
            let sql = app.db as! any SQLDatabase
            try await M010CreateAuditEvents.allowChanges(on: sql)
            let start = Date(timeIntervalSince1970: 1_767_225_600)
            for (offset, summary) in [(2.0, "Thứ hai"), (0.0, "Thứ nhất"), (5.0, "Thứ ba")] {
                try await sql.raw("""
                    INSERT INTO audit_events (id, occurred_at, actor_name, action, entity_type, summary)
                    VALUES (\(bind: UUID()), \(bind: start.addingTimeInterval(offset)), 'Hệ thống', 'unit.updated', 'unit', \(bind: summary))
                    """).run()
            }
            // act
            try await app.db.transaction { try await AuditChain.linkUnchained(on: $0) }
            try await M010CreateAuditEvents.refuseChanges(on: sql)
            try await Self.write(1, on: app)
            // check
            let lines = try await AuditEvent.query(on: app.db).sort(\.$sequence).all()
            #expect(lines.map(\.summary) == ["Thứ nhất", "Thứ hai", "Thứ ba", "Thao tác 0.0", "Thao tác 0.1", "Thao tác 0.2"])
            #expect(try await AuditChainVerification.run(on: app.db).broken == nil)
            // and the table is append-only again
            await #expect(throws: (any Error).self) { try await sql.update("audit_events").set("summary", to: "x").run() }
        }
    }
}
