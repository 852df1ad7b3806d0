import Fluent
import ConsoleKitCommands
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

/// `motcua seed --demo`: fills an empty database with the demo province; `--history N` adds N
/// generated dossiers (with their events, ratings and tallies) over the last `--days` days.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Seed the demo province (Thành phố Hải Phòng)")
        var demo: Bool

        @ConsoleKitCommands.Option(name: "history", help: "Add this many generated dossiers to the demo province")
        var history: Int?

        @ConsoleKitCommands.Option(name: "days", help: "Days of generated history, ending now (default 60)")
        var days: Int?

        @Flag(name: "without-events", help: "Leave the dossiers' timelines out (benchmarks of the statistics)")
        var withoutEvents: Bool
    }

    var help: String { "Seeds data; --demo adds the demo province to an empty database, --history N generated dossiers." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo || signature.history != nil else {
            context.console.error("Chỉ định loại dữ liệu, ví dụ: motcua seed --demo hoặc motcua seed --history 100000 --days 365")
            throw AppError.badRequest("missing --demo or --history")
        }
        let app = context.application
        try await DatabaseSetup.prepare(app, seedDemo: false)
        if signature.demo {
            if try await DemoSeed.seedIfEmpty(app) {
                context.console.print("Đã nạp dữ liệu mẫu. Mật khẩu của mọi tài khoản mẫu: \(DemoSeed.password)")
            } else {
                context.console.print("Cơ sở dữ liệu đã có dữ liệu; không nạp dữ liệu mẫu.")
            }
        }
        if let count = signature.history {
            guard (1...10_000_000).contains(count), (1...3_660).contains(signature.days ?? 60) else {
                throw AppError.badRequest("--history 1…10000000, --days 1…3660")
            }
            let started = Date()
            let summary = try await DemoHistory.generate(.init(dossiers: count, days: signature.days ?? 60, until: app.time.now(),
                                                               events: !signature.withoutEvents),
                                                         provinceID: try await DemoSeed.provinceID(on: app.db), codeFormat: app.motcua.dossierCodeFormat,
                                                         on: app.db)
            context.console.print("Đã tạo \(summary.dossiers) hồ sơ, \(summary.events) sự kiện, \(summary.ratings) đánh giá trong \(Int(Date().timeIntervalSince(started))) giây.")
        }
    }
}

/// `motcua tallies --rebuild`: counts the statistics tallies again from the dossiers and ratings
/// (after an import or a repair; the running system keeps them itself).
struct TalliesCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "rebuild", help: "Count every tally again from the dossiers")
        var rebuild: Bool
    }

    var help: String { "Rebuilds the statistics tallies from the dossiers (--rebuild)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.rebuild else {
            context.console.error("Dùng: motcua tallies --rebuild")
            throw AppError.badRequest("missing --rebuild")
        }
        try await DatabaseSetup.prepare(context.application, seedDemo: false)
        let started = Date()
        try await TallyRebuild.run(on: context.application.db)
        context.console.print("Đã tính lại số liệu thống kê trong \(Int(Date().timeIntervalSince(started))) giây.")
    }
}
