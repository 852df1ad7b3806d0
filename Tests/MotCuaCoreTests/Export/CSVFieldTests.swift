import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("CSV fields read back by Python's csv module, formulas neutralised")
struct CSVFieldTests {
    @Test("Hand-written cases: quoting, doubled quotes, lone line breaks, formula starts")
    func cases() {
        #expect(CSVField.text("Phường Hồng Bàng") == "Phường Hồng Bàng")
        #expect(CSVField.text("a,b") == "\"a,b\"")
        #expect(CSVField.text("nói \"có\"") == "\"nói \"\"có\"\"\"")
        #expect(CSVField.text("dòng 1\ndòng 2") == "\"dòng 1\ndòng 2\"")
        #expect(CSVField.text("dòng 1\rdòng 2") == "\"dòng 1\rdòng 2\"")
        #expect(CSVField.text("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVField.text("+84912345678") == "'+84912345678")
        #expect(CSVField.text("-1+2") == "'-1+2" && CSVField.text("@SUM(A1)") == "'@SUM(A1)" && CSVField.text("\t=1") == "'\t=1")
        #expect(CSVField.text("") == "" && CSVField.text("1=1") == "1=1")
    }

    /// Random fields of hostile characters: Python's csv module reads each row back as written,
    /// but for the apostrophe before a formula start.
    @Test("Property: any text reads back exactly, and no field starts like a formula")
    func readBack() throws {
        let seed = TestSeed(4180)
        var generator = seed.generator
        let alphabet = Array("aĐơ ,\"'\r\n\t=+-@;|0")
        let rows = (0..<200).map { _ in
            (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
        }
        let csv = rows.map { $0.map(CSVField.text).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import csv, io, json, sys
            rows = list(csv.reader(io.StringIO(sys.stdin.read(), newline="")))
            print(json.dumps(rows, ensure_ascii=False))
            """]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(csv.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let read = try JSONSerialization.jsonObject(with: data) as? [[String]]
        #expect(read?.count == rows.count, "\(seed)")
        for (written, back) in zip(rows, read ?? []) {
            #expect(back.allSatisfy { !"=+-@\t\r".unicodeScalars.contains($0.unicodeScalars.first ?? " ") }, "\(back); \(seed)")
            let expected = written.map { text in "=+-@\t\r".unicodeScalars.contains(text.unicodeScalars.first ?? " ") ? "'" + text : text }
            // A row of one empty field is an empty line, which the reader gives as no fields.
            #expect(back == expected || (expected == [""] && back.isEmpty), "\(written.debugDescription); \(seed)")
        }
    }
}
