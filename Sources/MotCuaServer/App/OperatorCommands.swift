import Fluent
import Vapor

/// `motcua migrate`: brings the database schema up to date (safe to run again).
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Migrates the database to the current schema." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await DatabaseSetup.prepare(context.application, seedDemo: false)
        context.console.print("Cơ sở dữ liệu đã ở phiên bản mới nhất.")
    }
}

/// `motcua seed --demo`: fills an empty database with the demo province.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Seed the demo province (Thành phố Hải Phòng)")
        var demo: Bool
    }

    var help: String { "Seeds data; --demo adds the demo province to an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo else {
            context.console.error("Chỉ định loại dữ liệu, ví dụ: motcua seed --demo")
            throw AppError.badRequest("missing --demo")
        }
        try await DatabaseSetup.prepare(context.application, seedDemo: false)
        if try await DemoSeed.seedIfEmpty(context.application) {
            context.console.print("Đã nạp dữ liệu mẫu. Mật khẩu của mọi tài khoản mẫu: \(DemoSeed.password)")
        } else {
            context.console.print("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu.")
        }
    }
}
