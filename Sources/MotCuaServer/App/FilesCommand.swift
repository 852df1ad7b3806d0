import ConsoleKitCommands
import Fluent
import Foundation
import Vapor

/// `motcua files sweep [--delete]`: lists the stored files no record names, older than a day, and
/// with `--delete` removes them (`StoredFileSweep`).
struct FilesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "sweep")
        var action: String

        @Flag(name: "delete", help: "Delete the files found")
        var delete: Bool
    }

    var help: String { "Finds stored files no record names (motcua files sweep [--delete])." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "sweep" else {
            context.console.error("Dùng: motcua files sweep [--delete]")
            throw AppError.badRequest("unknown action \(signature.action)")
        }
        let app = context.application
        guard let root = app.motcua.filesPath else { throw AppError.badRequest("MOTCUA_FILES_PATH is not set") }
        try await DatabaseSetup.prepare(app, seedDemo: false)
        let orphans = try await StoredFileSweep.orphans(under: URL(fileURLWithPath: root), now: app.time.now(), on: app.db)
        let bytes = orphans.reduce(0) { $0 + $1.size }
        if signature.delete {
            for orphan in orphans { try FileManager.default.removeItem(at: orphan.url) }
            context.console.print("Đã xoá \(orphans.count) tệp không thuộc hồ sơ nào (\(bytes) byte).")
        } else {
            for orphan in orphans { context.console.print(orphan.address) }
            context.console.print("\(orphans.count) tệp không thuộc hồ sơ nào, cũ hơn một ngày (\(bytes) byte). Chạy lại với --delete để xoá.")
        }
    }
}
