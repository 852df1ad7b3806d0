import Foundation
import MotCuaCore
import Testing

@Suite("Spreadsheets (.xlsx) read back by an independent reader")
struct SpreadsheetTests {
    @Test("CRC-32 check value and column names")
    func basics() {
        #expect(ZipArchive.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(ZipArchive.crc32([]) == 0)
        #expect([0, 25, 26, 27, 701, 702].map(Spreadsheet.column) == ["A", "Z", "AA", "AB", "ZZ", "AAA"])
    }

    /// openpyxl (PyPI, installed by `scripts/test`) opens the workbook and reads every cell back.
    @Test("openpyxl opens the workbook and reads the same cells, Vietnamese text and hostile characters included")
    func readBack() throws {
        let rows: [[Spreadsheet.Cell]] = [
            [.text("Đơn vị"), .text("Tiếp nhận"), .text("Tỷ lệ đúng hạn (%)")],
            [.text("Phường Hồng Bàng"), .number(2_145), .number(98.28)],
            [.text("<script> & \"x\""), .number(0), .empty],
        ]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("thong-ke.xlsx")
        try Data(Spreadsheet(sheetName: "Thống kê 2025/Q3", rows: rows).bytes).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import json, sys, zipfile, openpyxl
            assert zipfile.ZipFile(sys.argv[1]).testzip() is None
            sheet = openpyxl.load_workbook(sys.argv[1]).active
            print(json.dumps({"title": sheet.title, "rows": [[c for c in row] for row in sheet.iter_rows(values_only=True)],
                              "bold": sheet["A1"].font.b}, ensure_ascii=False))
            """, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "openpyxl missing? pip install openpyxl")
        let read = try JSONSerialization.jsonObject(with: output) as? [String: Any]
        #expect(read?["title"] as? String == "Thống kê 2025-Q3")
        #expect(read?["bold"] as? Bool == true)
        let cells = read?["rows"] as? [[Any]]
        #expect(cells?[0].compactMap { $0 as? String } == ["Đơn vị", "Tiếp nhận", "Tỷ lệ đúng hạn (%)"])
        #expect(cells?[1][0] as? String == "Phường Hồng Bàng" && (cells?[1][1] as? NSNumber)?.intValue == 2_145)
        #expect((cells?[1][2] as? NSNumber)?.doubleValue == 98.28)
        #expect(cells?[2][0] as? String == "<script> & \"x\"" && cells?[2][2] is NSNull)
    }
}
