import Fluent
import Foundation
import SQLKit
import Vapor

/// `motcua backup` and `motcua restore`: the database and the stored files in one folder
/// (`motcua-YYYYMMDD-HHMMSSZ/`: the database file, `files/`, `manifest.json`).
///
/// The database is copied first, then the files: files are written before the records that name
/// them and never changed (content-addressed), so every file the copy names is in the backup. The
/// folder is written under a temporary name and renamed when complete: a folder without the
/// `.partial` suffix is a whole backup.
struct Backup {
    let app: Application

    /// Makes a backup in `parent` and keeps the newest `keep` backups there (all when nil).
    func create(in parent: URL, keep: Int?) async throws -> (folder: URL, manifest: BackupManifest) {
        let manager = FileManager.default
        let now = app.time.now()
        var name = "motcua-" + Self.stampFormat.string(from: now)
        let existing = Set((try? manager.contentsOfDirectory(atPath: parent.path)) ?? [])
        if existing.contains(name) { name += "-" + String((2...).first { !existing.contains("\(name)-\($0)") }!) }
        let folder = parent.appendingPathComponent(name)
        let partial = parent.appendingPathComponent(name + ".partial")
        try? manager.removeItem(at: partial)
        try manager.createDirectory(at: partial, withIntermediateDirectories: true)
        do {
            let databaseFile = app.motcua.database.name == "sqlite" ? "database.sqlite" : "database.pgdump"
            let census = try await DatabaseSnapshot(app: app).write(to: partial.appendingPathComponent(databaseFile))
            let referenced = try await StoredFileSweep.referenced(on: app.db)  // before the files are copied: each is stored before its record
            let files = try copyFiles(into: partial.appendingPathComponent("files"))
            let manifest = BackupManifest(createdAt: now, database: app.motcua.database.name, databaseFile: databaseFile, tables: census.tables,
                                          files: files.sorted(), missingFiles: referenced.subtracting(files).sorted(),
                                          auditLines: census.auditLines, auditHash: census.auditHash)
            try BackupManifest.coder.0.encode(manifest).write(to: partial.appendingPathComponent(BackupManifest.fileName))
            try manager.moveItem(at: partial, to: folder)
            if let keep { try prune(parent, keep: keep) }
            return (folder, manifest)
        } catch {
            try? manager.removeItem(at: partial)
            throw error
        }
    }

    /// Restores the backup in `folder` into the configured database (empty, unless `replace`) and
    /// file store, then checks rows per table, every file's content and the audit chain.
    func restore(from folder: URL, replace: Bool) async throws -> BackupManifest {
        let data: Data
        do { data = try Data(contentsOf: folder.appendingPathComponent(BackupManifest.fileName)) } catch {
            throw BackupError.unusable("Không đọc được \(BackupManifest.fileName) trong \(folder.path): thư mục không phải bản sao lưu hoàn chỉnh.")
        }
        let manifest = try BackupManifest.coder.1.decode(BackupManifest.self, from: data)
        guard manifest.database == app.motcua.database.name else {
            throw BackupError.unusable("Bản sao lưu của cơ sở dữ liệu \(manifest.database) không khôi phục vào \(app.motcua.database.name).")
        }
        guard let filesPath = app.motcua.filesPath else { throw BackupError.unusable("Chưa đặt MOTCUA_FILES_PATH để khôi phục tệp.") }
        // The files first: they are checked against their addresses before anything is replaced.
        let store = LocalFolderStorage(root: URL(fileURLWithPath: filesPath))
        let source = LocalFolderStorage(root: folder.appendingPathComponent("files"))
        for address in manifest.files {
            guard ContentAddress.isValid(address), let bytes = try await source.get(address), ContentAddress.sha256(bytes) == address else {
                throw BackupError.damaged("Tệp \(address) trong bản sao lưu bị thiếu hoặc hỏng.")
            }
            _ = try await store.put(bytes)
        }
        try await DatabaseSnapshot(app: app).restore(from: folder.appendingPathComponent(manifest.databaseFile), replace: replace)
        let census = try await DatabaseSnapshot(app: app).census(app.db as! any SQLDatabase)
        guard census.tables == manifest.tables else {
            let differing = Set(census.tables.keys).union(manifest.tables.keys).filter { census.tables[$0] != manifest.tables[$0] }.sorted()
            throw BackupError.damaged("Số dòng khác bản sao lưu ở các bảng: \(differing.joined(separator: ", ")).")
        }
        let chain = try await AuditChainVerification.run(on: app.db)
        guard chain.broken == nil, chain.linesChecked == manifest.auditLines, chain.lastHash == manifest.auditHash else {
            throw BackupError.damaged("Nhật ký kiểm toán sau khi khôi phục không khớp bản sao lưu: \(chain.broken?.problem ?? "đầu chuỗi khác").")
        }
        return manifest
    }

    /// Copies every stored file into `target` (same layout) and returns their addresses.
    private func copyFiles(into target: URL) throws -> Set<String> {
        let manager = FileManager.default
        try manager.createDirectory(at: target, withIntermediateDirectories: true)
        guard let root = app.motcua.filesPath.map({ URL(fileURLWithPath: $0) }) else { return [] }
        let destination = LocalFolderStorage(root: target)
        var addresses: Set<String> = []
        for (address, url) in StoredFileSweep.stored(under: root) {
            let copy = destination.url(of: address)
            try manager.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: url, to: copy)
            addresses.insert(address)
        }
        return addresses
    }

    /// Deletes the oldest whole backups beyond the newest `keep`.
    private func prune(_ parent: URL, keep: Int) throws {
        let manager = FileManager.default
        let backups = try manager.contentsOfDirectory(atPath: parent.path)
            .filter { $0.hasPrefix("motcua-") && !$0.hasSuffix(".partial") }
            .sorted(by: >)
        for name in backups.dropFirst(max(keep, 1)) {
            try manager.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    private static let stampFormat: DateFormatter = {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyyMMdd-HHmmss'Z'"
        return format
    }()
}
