import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Catalogue rules: codes, deadlines, import rows, search, summary")
struct CatalogueRulesTests {
    @Test("Procedure codes are one digit, a dot and six digits")
    func codes() {
        #expect(ProcedureCode("1.000894")?.value == "1.000894")
        #expect(ProcedureCode(" 2.000815 ")?.value == "2.000815")
        for bad in ["1.00089", "1000894", "a.000894", "1.0008944", "1,000894", "", "1.00089٤"] {
            #expect(ProcedureCode(bad) == nil, "\(bad)")
        }
    }

    @Test("Processing times read as published and convert to appointment rules")
    func processingTimes() throws {
        #expect(try ProcessingTime.parse(value: "", unit: "") == nil)
        let sameDay = try #require(try ProcessingTime.parse(value: "0", unit: "same_day"))
        #expect(sameDay.cutoffHour == 15 && sameDay.deadline.unit == .sameDay)
        let fractional = try #require(try ProcessingTime.parse(value: "2,5", unit: "working_days"))
        #expect(fractional.text == "2,5 ngày làm việc" && fractional.deadline == (20, .workingHours))
        #expect(try ProcessingTime.parse(value: "3", unit: "working_days")?.text == "03 ngày làm việc")
        let days = try #require(try ProcessingTime.parse(value: "15", unit: "days"))
        #expect(days.deadline == (15, .workingDays))
        #expect(throws: ProcessingTime.Problem.unknownUnit("weeks")) { try ProcessingTime.parse(value: "1", unit: "weeks") }
        #expect(throws: ProcessingTime.Problem.badValue("-1")) { try ProcessingTime.parse(value: "-1", unit: "days") }
    }

    @Test("Property: any valid row written as CSV columns reads back the same")
    func roundTrip() {
        let seed = TestSeed(766)
        var generator = seed.generator
        let units = ProcessingTime.Unit.allCases
        for index in 0..<500 {
            let unit = units.randomElement(using: &generator)!
            let value = unit == .sameDay ? 0 : Double(Int.random(in: 0...60, using: &generator)) / (Bool.random(using: &generator) ? 1 : 2)
            let content = ProcedureContent(
                code: ProcedureCode(String(format: "%d.%06d", Int.random(in: 1...3, using: &generator), index))!,
                name: "Thủ tục số \(index), có dấu phẩy và \"ngoặc kép\"", field: ["Hộ tịch", "Đất đai", "Chứng thực"].randomElement(using: &generator)!,
                agency: "UBND cấp xã", onlineLevel: ([nil] + OnlineLevel.allCases).randomElement(using: &generator)!,
                processingTime: Bool.random(using: &generator) ? ProcessingTime(value: value, unit: unit) : nil,
                feeVND: Bool.random(using: &generator) ? Int.random(in: 0...500_000, using: &generator) : nil,
                legalBasis: "Luật số \(index)")
            let record = Dictionary(uniqueKeysWithValues: zip(CatalogueImport.columns, CatalogueImport.record(content)))
            let (parsed, problems) = CatalogueImport.parse([record])
            #expect(problems.isEmpty && parsed == [content], "\(content); \(seed)")
        }
    }

    @Test("Every bad row is reported with its line; nothing is accepted")
    func badRows() {
        let rows: [[String: String]] = [
            ["code": "1.000894", "name": "Thủ tục đăng ký kết hôn", "field": "Hộ tịch"],
            ["code": "1.000894", "name": "Trùng", "field": "Hộ tịch"],
            ["code": "x", "name": "Thủ tục lạ", "field": ""],
            ["code": "1.000111", "name": "Thủ tục lệ phí sai", "field": "Hộ tịch", "fee_vnd": "năm nghìn", "level": "mot phan"],
        ]
        let (parsed, problems) = CatalogueImport.parse(rows)
        #expect(parsed.isEmpty)
        #expect(problems.map(\.line) == [3, 4, 5])
        #expect(problems[0].message == "Mã 1.000894 trùng với dòng 2.")
        #expect(CatalogueImport.problems(inHeader: ["code", "name", "ghi_chu"]).map(\.message)
            == ["Thiếu cột “field”.", "Cột “ghi_chu” không được hỗ trợ (các cột: \(CatalogueImport.columns.joined(separator: ", ")))."])
    }

    @Test("Search: diacritics and case do not matter; whole name and code rank first")
    func search() {
        let names = ["Thủ tục đăng ký kết hôn", "Ghi vào sổ hộ tịch việc ly hôn, hủy việc kết hôn", "Thủ tục đăng ký khai sinh"]
        func ranked(_ query: String) -> [String] {
            let search = ProcedureSearch(query)
            return names.compactMap { name in
                let folded = ProcedureSearch.canonical(VietnameseText.fold(name))
                return search.score(code: "1.000001", name: folded, text: folded).map { (name, $0) }
            }.sorted { $0.1 > $1.1 }.map(\.0)
        }
        for query in ["dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "Đăng ký   kết hôn"] {
            #expect(ranked(query) == ["Thủ tục đăng ký kết hôn"], "\(query)")
        }
        #expect(ranked("kết hôn").count == 2)
        #expect(ranked("kết hôn").first == "Thủ tục đăng ký kết hôn")
        #expect(ranked("khai tu").isEmpty)
        #expect(ProcedureSearch("1.000001").score(code: "1.000001", name: "x", text: "x") == 1_000)
        #expect(ProcedureSearch("   ").isEmpty)
    }

    @Test("Search: spelling variants (kí/ký, lí/lý) are the same word; y alone and ay, ây, uy stay")
    func spellingVariants() {
        #expect(ProcedureSearch.canonical("dang ky ket hon") == "dang ki ket hon")
        #expect(ProcedureSearch("đăng kí khai sinh").phrase == ProcedureSearch("ĐĂNG KÝ KHAI SINH").phrase)
        #expect(ProcedureSearch.canonical("ly hon, my thuat, ky") == "li hon, mi thuat, ki")
        #expect(ProcedureSearch.canonical("y te, ngay, thay, huy, quy, xay dung") == "y te, ngay, thay, huy, quy, xay dung")
        #expect(ProcedureSearch.canonical("kyhieu") == "kyhieu")
        // Property: canonical spelling is idempotent and keeps the length and every other byte.
        for text in ["dang ky", "ly lich tu phap", "y", "ky ky ky", "xy", "ty le 1.000894", "đy", ""] {
            let once = ProcedureSearch.canonical(text)
            #expect(ProcedureSearch.canonical(once) == once)
            #expect(once.utf8.count == text.utf8.count)
            #expect(zip(once.utf8, text.utf8).allSatisfy { $0 == $1 || ($0 == UInt8(ascii: "i") && $1 == UInt8(ascii: "y")) })
        }
    }

    @Test("Search: with no procedure having every word, those with most of them are offered")
    func partialMatches() {
        func index(_ name: String) -> String { ProcedureSearch.canonical(VietnameseText.fold(name)) }
        let search = ProcedureSearch("cap lai giay khai sinh")
        let relaunch = search.partialScore(name: index("Đăng ký lại khai sinh"), text: index("Đăng ký lại khai sinh"))
        let birth = search.partialScore(name: index("Đăng ký khai sinh"), text: index("Đăng ký khai sinh"))
        #expect(search.score(code: "1.004884", name: index("Đăng ký lại khai sinh"), text: index("Đăng ký lại khai sinh")) == nil)
        #expect(relaunch != nil && birth == nil, "3 of 5 words offer the procedure, 2 of 5 do not")
        #expect(search.partialScore(name: index("Cấp bản sao trích lục"), text: index("Cấp bản sao trích lục")) == nil)
        #expect(ProcedureSearch("khai").partialScore(name: "khai sinh", text: "khai sinh") == nil, "one word is never partial")
        let two = ProcedureSearch("khai tu")
        #expect(two.partialScore(name: index("Đăng ký khai sinh"), text: index("Đăng ký khai sinh")) == nil, "both of two words are needed")
    }

    @Test("Content that cannot be published safely is refused with reasons")
    func contentProblems() {
        var content = ProcedureContent(code: ProcedureCode("1.000894")!, name: "Thủ tục đăng ký kết hôn", field: "Hộ tịch")
        #expect(content.problems.isEmpty)
        content.documents = [RequiredDocument(name: "Tờ khai", form: .original, templateName: "Mẫu", templateURL: "javascript:alert(1)")]
        content.processingTime = ProcessingTime(value: -3, unit: .workingDays)
        content.field = "!!!"
        #expect(content.problems.count == 3)
        content.documents[0].templateURL = "https://dichvucong.gov.vn/mau.docx"
        content.processingTime = ProcessingTime(value: 0, unit: .sameDay, cutoffHour: 15)
        content.field = "Hộ tịch"
        #expect(content.problems.isEmpty)
        content.documents[0].templateURL = "//evil.example/x"
        #expect(content.problems.count == 1)
    }

    @Test("The notice-board summary line")
    func summary() {
        let summary = CatalogueSummary(levels: Array(repeating: OnlineLevel.full, count: 154) + Array(repeating: .partial, count: 262)
                                       + Array(repeating: OnlineLevel.none, count: 18))
        #expect(summary.text == "434 thủ tục: 154 toàn trình, 262 một phần, 18 cung cấp thông tin")
        #expect(CatalogueSummary(levels: [nil, .full]).text == "2 thủ tục: 1 toàn trình, 0 một phần, 0 cung cấp thông tin, 1 chưa xác định mức độ")
    }
}

@Suite("Documents and internal steps typed one per line")
struct ProcedureLinesTests {
    @Test("Lines read back what they were written from")
    func roundTrip() {
        let documents = RequiredDocument.Form.allCases.enumerated().map { RequiredDocument(name: "Giấy tờ \($0.offset)", form: $0.element, quantity: $0.offset + 1) }
        #expect(ProcedureLines.documents(ProcedureLines.text(of: documents)).documents == documents)
        let steps = [InternalStep(actor: "Bộ phận một cửa", task: "Tiếp nhận", hours: 0.5), InternalStep(actor: "Lãnh đạo", task: "Ký", hours: 2)]
        #expect(ProcedureLines.steps(ProcedureLines.text(of: steps)).steps == steps)
    }

    @Test("Short forms are accepted; bad lines are named")
    func lenient() {
        let (documents, problems) = ProcedureLines.documents("Tờ khai\n\nCCCD | bản sao chứng thực | 2\nHộ chiếu | bản photo | 1\nX | Bản chính | 0")
        #expect(documents == [RequiredDocument(name: "Tờ khai", form: .original), RequiredDocument(name: "CCCD", form: .certifiedCopy, quantity: 2)])
        #expect(problems.count == 2 && problems[0].contains("dòng 4") && problems[1].contains("dòng 5"))
        let (steps, stepProblems) = ProcedureLines.steps("Một cửa | Tiếp nhận | 1,5\nLãnh đạo | Ký\nA | B | 0")
        #expect(steps == [InternalStep(actor: "Một cửa", task: "Tiếp nhận", hours: 1.5)])
        #expect(stepProblems.count == 2)
        // Browsers send textarea lines with CR LF, one Character in Swift.
        #expect(ProcedureLines.steps("A | B | 1\r\nC | D | 2\r\n").steps.count == 2)
    }
}
