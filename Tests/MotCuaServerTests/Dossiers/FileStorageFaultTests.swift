import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// When the file store cannot take a file (disk full, unwritable), the person is told so in
/// Vietnamese and nothing of the upload is saved: no attachment, no changed count, no audit line.
@Suite("File storage faults")
struct FileStorageFaultTests {
    @Test("An upload to a store that cannot be written answers 507 and leaves the dossier as it was", arguments: TestDatabase.all)
    func storeCannotWrite(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup: the store's folder is a file, so nothing can be written under it
            let blocked = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-blocked-\(UUID().uuidString)")
            try Data("không phải thư mục".utf8).write(to: blocked)
            defer { try? FileManager.default.removeItem(at: blocked) }
            app.files = LocalFolderStorage(root: blocked.appendingPathComponent("files"))
            let f = try await DossierFixture.make(app)
            let dossier = try await f.submit()
            let auditBefore = try await AuditEvent.query(on: app.db).count()
            // act
            let response = try await f.citizen.send(.POST, "/api/v1/dossiers/\(dossier.code)/files?name=don.pdf&document=Đơn",
                                                    headers: ["Content-Type": "application/pdf", "X-CSRF-Token": f.citizen.csrf ?? ""],
                                                    body: ByteBuffer(string: "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"))
            // check
            #expect(response.status == .insufficientStorage)
            #expect(response.text.contains("Không lưu được tệp"))
            #expect(try await DossierAttachment.query(on: app.db).count() == 0)
            #expect(try await Dossier.query(on: app.db).filter(\.$code == dossier.code).first()?.fileCount == 0)
            #expect(try await AuditEvent.query(on: app.db).count() == auditBefore)
        }
    }
}

/// A file stored but never named by a record (a crash between the two) is found and swept; named
/// files and recent ones stay.
@Suite("Stored files no record names")
struct StoredFileSweepTests {
    @Test("Orphans older than a day are found; named and recent files are not", arguments: TestDatabase.all)
    func sweep(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup: one file named by a dossier, one orphan of two days ago, one orphan of a minute ago
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-sweep-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            let store = LocalFolderStorage(root: root)
            app.files = store
            let f = try await DossierFixture.make(app)
            let dossier = try await f.submit()
            let upload = try await f.citizen.send(.POST, "/api/v1/dossiers/\(dossier.code)/files?name=don.pdf",
                                                  headers: ["Content-Type": "application/pdf", "X-CSRF-Token": f.citizen.csrf ?? ""],
                                                  body: ByteBuffer(string: "%PDF-1.4\n% có hồ sơ\n%%EOF\n"))
            #expect(upload.status == .created)
            let old = try await store.put(Data("%PDF-1.4\n% mồ côi cũ\n%%EOF\n".utf8))
            let recent = try await store.put(Data("%PDF-1.4\n% mồ côi mới\n%%EOF\n".utf8))
            let now = Date()
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-2 * 86_400)], ofItemAtPath: store.url(of: old).path)
            // act
            let orphans = try await StoredFileSweep.orphans(under: root, now: now, on: app.db)
            // check
            #expect(orphans.map(\.address) == [old])
            #expect(StoredFileSweep.stored(under: root).count == 3)
            #expect(!(try await StoredFileSweep.referenced(on: app.db)).contains(recent))
        }
    }
}
