import Foundation

/// A one-sheet workbook written as Office Open XML (.xlsx): text cells as inline strings, numbers as
/// numbers, the first row bold. Enough for the statistics a center sends upward.
public struct Spreadsheet {
    public enum Cell: Equatable, Sendable {
        case text(String)
        case number(Double)
        case empty
    }

    public let sheetName: String
    public let rows: [[Cell]]

    public init(sheetName: String, rows: [[Cell]]) {
        self.sheetName = sheetName
        self.rows = rows
    }

    /// `A`, `B`, … `Z`, `AA`, …
    public static func column(_ index: Int) -> String {
        var n = index + 1, name = ""
        while n > 0 {
            let r = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + r))) + name
            n = (n - 1) / 26
        }
        return name
    }

    var sheetXML: String {
        var xml = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (r, row) in rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                let ref = "\(Self.column(c))\(r + 1)"
                let style = r == 0 ? #" s="1""# : ""
                switch cell {
                case .text(let text): xml += #"<c r="\#(ref)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(XMLText.escape(text))</t></is></c>"#
                case .number(let value):
                    let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
                    xml += #"<c r="\#(ref)"\#(style)><v>\#(text)</v></c>"#
                case .empty: break
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// The same rows as CSV (RFC 4180: commas, CRLF, quotes doubled inside quoted fields; see `CSVField`).
    public var csv: String {
        rows.map { row in
            row.map { cell in
                switch cell {
                case .text(let text): CSVField.text(text)
                case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
                case .empty: ""
                }
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    /// The .xlsx file.
    public var bytes: [UInt8] {
        let name = XMLText.escape(String(sheetName.prefix(31)).replacingOccurrences(of: "/", with: "-"))
        var zip = ZipArchive()
        zip.add("[Content_Types].xml", Array(#"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>
            """#.utf8))
        zip.add("_rels/.rels", Array(#"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """#.utf8))
        zip.add("xl/workbook.xml", Array(#"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="\#(name)" sheetId="1" r:id="rId1"/></sheets></workbook>
            """#.utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(#"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """#.utf8))
        zip.add("xl/styles.xml", Array(#"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>
            """#.utf8))
        zip.add("xl/worksheets/sheet1.xml", Array(sheetXML.utf8))
        return zip.bytes
    }
}
