import ConsoleKitCommands
import Foundation
import Vapor

/// `motcua backup [--to FOLDER] [--keep N]`: the database (online: the server keeps running) and
/// the stored files into a new dated folder; keeps the newest N backups there.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @ConsoleKitCommands.Option(name: "to", help: "Folder of the backups (default MOTCUA_BACKUP_PATH or var/backups)")
        var to: String?

        @ConsoleKitCommands.Option(name: "keep", help: "Keep only the newest N backups in that folder")
        var keep: Int?
    }

    var help: String { "Backs up the database and the stored files (motcua backup --to FOLDER --keep 14)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        if let keep = signature.keep, keep < 1 { throw BackupError.unusable("--keep phải từ 1 trở lên.") }
        let app = context.application
        try await DatabaseSetup.prepare(app, seedDemo: false)
        let parent = signature.to ?? Environment.get("MOTCUA_BACKUP_PATH") ?? "var/backups"
        let started = Date()
        let made = try await Backup(app: app).create(in: URL(fileURLWithPath: parent), keep: signature.keep)
        let rows = made.manifest.tables.values.reduce(0, +)
        context.console.print("Đã sao lưu \(rows) dòng trong \(made.manifest.tables.count) bảng và \(made.manifest.files.count) tệp vào \(made.folder.path) (\(Int(Date().timeIntervalSince(started))) giây).")
        if !made.manifest.missingFiles.isEmpty {
            context.console.warning("Hồ sơ nhắc tới \(made.manifest.missingFiles.count) tệp không có trong kho: \(made.manifest.missingFiles.prefix(5).joined(separator: ", "))")
        }
    }
}

/// `motcua restore FOLDER [--replace]`: puts a backup in place of the configured database and file
/// store (stop the servers first), then checks rows, files and the audit chain against it.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "folder", help: "The backup folder (motcua-YYYYMMDD-HHMMSSZ)")
        var folder: String

        @Flag(name: "replace", help: "Replace a database that already holds data")
        var replace: Bool
    }

    var help: String { "Restores a backup made by motcua backup (motcua restore FOLDER [--replace])." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let manifest = try await Backup(app: context.application).restore(from: URL(fileURLWithPath: signature.folder), replace: signature.replace)
        context.console.print("Đã khôi phục bản sao lưu lúc \(manifest.createdAt): \(manifest.tables.values.reduce(0, +)) dòng, \(manifest.files.count) tệp; số dòng mọi bảng, nội dung mọi tệp và chuỗi nhật ký kiểm toán (\(manifest.auditLines) dòng) khớp bản sao lưu.")
    }
}
