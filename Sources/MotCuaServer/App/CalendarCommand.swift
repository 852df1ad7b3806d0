import Fluent
import MotCuaCore
import Vapor

/// `motcua calendar 2026`: the year's non-working weekdays and working weekend days.
struct CalendarCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "year", help: "The year, 1901–2099")
        var year: Int
    }

    var help: String { "Prints the year's weekdays off and weekend days worked." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard CalendarService.supportedYears.contains(signature.year) else {
            context.console.error("Năm phải trong khoảng \(CalendarService.supportedYears.lowerBound)–\(CalendarService.supportedYears.upperBound).")
            throw AppError.badRequest("year out of range")
        }
        try await DatabaseSetup.prepare(context.application, seedDemo: false)
        let calendar = try await CalendarService.calendar(covering: signature.year...signature.year, on: context.application.db)
        context.console.print("Lịch làm việc năm \(signature.year) (thứ Hai–thứ Sáu, trừ các ngày dưới đây; ngày làm bù đánh dấu *)")
        for day in calendar.exceptions(in: signature.year) {
            let mark = day.isWorkingDay ? "*" : " "
            context.console.print("\(mark) \(day.date)  \(VietnameseFormat.weekday(day.date).padding(toLength: 9, withPad: " ", startingAt: 0))  \(day.kind.label.padding(toLength: 24, withPad: " ", startingAt: 0))  \(day.name)")
        }
    }
}
