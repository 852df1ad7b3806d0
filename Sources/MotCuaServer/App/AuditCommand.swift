import ConsoleKitCommands
import Fluent
import Vapor

/// `motcua audit verify`: walks the audit trail's hash chain and reports the first broken link;
/// exits non-zero when there is one (for a scheduled check that alerts).
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify")
        var action: String
    }

    var help: String { "Verifies the audit trail's hash chain (motcua audit verify)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "verify" else {
            context.console.error("Dùng: motcua audit verify")
            throw AppError.badRequest("unknown action \(signature.action)")
        }
        try await DatabaseSetup.prepare(context.application, seedDemo: false)
        let report = try await AuditChainVerification.run(on: context.application.db)
        if let broken = report.broken {
            context.console.error("Nhật ký kiểm toán bị can thiệp: chuỗi gãy tại dòng số \(broken.sequence). \(broken.problem)")
            context.console.print("\(report.linesChecked) dòng đầu còn nguyên vẹn; mã băm của dòng cuối còn nguyên: \(report.lastHash)")
            throw AuditChainBroken(sequence: broken.sequence)
        }
        context.console.print("Nhật ký kiểm toán nguyên vẹn: \(report.linesChecked) dòng. Mã băm cuối chuỗi: \(report.lastHash)")
    }
}

/// The failure `motcua audit verify` exits with.
struct AuditChainBroken: Error, CustomStringConvertible {
    let sequence: Int64
    var description: String { "audit chain broken at line \(sequence)" }
}
