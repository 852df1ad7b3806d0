import Foundation
import MotCuaCore

// Core benchmarks: deadline arithmetic and the lunar calendar, single-threaded.
// Run: swift run -c release motcua-bench

struct Row {
    let name: String
    let operations: Int
    let seconds: Double
}

func measure(_ name: String, operations: Int, _ body: () throws -> Int) rethrows -> Row {
    _ = try body() // warm up
    let clock = ContinuousClock()
    var sink = 0
    let elapsed = try clock.measure { sink &+= try body() }
    if sink == 42 { print("") } // keep the work observable
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Row(name: name, operations: operations, seconds: seconds)
}

let calendar = WorkingCalendar(years: 2020...2035, declarations: OfficialDeclarations.days)
let deadlines = DeadlineCalculator(time: WorkingTime(calendar: calendar))
var generator = SystemRandomNumberGenerator()
let base = 1_767_200_000.0 // 2025-12-31
let receipts = (0..<100_000).map { _ in Date(timeIntervalSince1970: base + Double.random(in: 0...(365 * 86_400), using: &generator)) }
let values = (0..<100_000).map { _ in Int.random(in: 1...30, using: &generator) }
let n = 1_000_000

var rows: [Row] = []
rows.append(try measure("appointment, n working days", operations: n) {
    var total = 0
    for i in 0..<n {
        total &+= Int(try deadlines.appointment(receivedAt: receipts[i % receipts.count], value: values[i % values.count], unit: .workingDays).due.timeIntervalSince1970)
    }
    return total
})
rows.append(try measure("appointment, same day (15:00 cut-off)", operations: n) {
    var total = 0
    for i in 0..<n {
        total &+= Int(try deadlines.appointment(receivedAt: receipts[i % receipts.count], value: 0, unit: .sameDay).due.timeIntervalSince1970)
    }
    return total
})
rows.append(try measure("appointment, n working hours", operations: n) {
    var total = 0
    for i in 0..<n {
        total &+= Int(try deadlines.appointment(receivedAt: receipts[i % receipts.count], value: values[i % values.count] * 3, unit: .workingHours).due.timeIntervalSince1970)
    }
    return total
})
rows.append(try measure("working time between two moments", operations: n) {
    var total = 0
    for i in 0..<n {
        let a = receipts[i % receipts.count], b = receipts[(i + 7) % receipts.count]
        total &+= try deadlines.time.workingSeconds(from: min(a, b), to: max(a, b))
    }
    return total
})
let lunarCount = 200_000
rows.append(measure("solar → lunar date", operations: lunarCount) {
    var total = 0
    for i in 0..<lunarCount { total &+= LunarCalendar.lunar(of: CivilDate(julianDay: 2_415_021 + i % 73_000)).day }
    return total
})
rows.append(measure("working calendar for 16 years (build)", operations: 100) {
    var total = 0
    for _ in 0..<100 { total &+= WorkingCalendar(years: 2020...2035, declarations: OfficialDeclarations.days).exceptions(in: 2026).count }
    return total
})

let qrCount = 2_000
rows.append(try measure("QR code of a procedure URL (encode + SVG)", operations: qrCount) {
    var total = 0
    for i in 0..<qrCount { total &+= try QRCode("http://127.0.0.1:8080/thu-tuc/1.\(String(format: "%06d", i))?don-vi=10301008").svg().count }
    return total
})
let searchNames = (0..<2_000).map { VietnameseText.fold("Thủ tục đăng ký kết hôn có yếu tố nước ngoài số \($0)") }
rows.append(measure("rank 2,000 names for \"dang ky ket hon\"", operations: 200) {
    var total = 0
    let search = ProcedureSearch("dang ky ket hon")
    for _ in 0..<200 { for name in searchNames { total &+= search.score(code: "1.000894", name: name, text: name) ?? 0 } }
    return total
})

print("| benchmark (1 thread, release)            | operations | seconds | operations/s |")
print("|------------------------------------------|-----------:|--------:|-------------:|")
for row in rows {
    let rate = Double(row.operations) / row.seconds
    print("| \(row.name.padding(toLength: 40, withPad: " ", startingAt: 0)) | \(String(row.operations).leftPad(10)) | \(String(format: "%7.3f", row.seconds)) | \(String(format: "%12.0f", rate)) |")
}

extension String {
    func leftPad(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
