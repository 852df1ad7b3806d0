import Foundation

/// Reads catalogue rows (CSV records as column → text) into procedures, reporting every bad
/// row by line with the reason in Vietnamese. Nothing is accepted unless every row is.
public enum CatalogueImport {
    public static let requiredColumns = ["code", "name", "field"]
    public static let columns = ["code", "name", "field", "level", "deadline_value", "deadline_unit", "fee_vnd", "agency",
                                 "legal_basis", "source", "competent_authority", "result", "fee_note"]

    public struct LineProblem: Sendable, Equatable, Codable {
        /// 1-based line in the file; the header is line 1.
        public let line: Int
        public let message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Checks the header row.
    public static func problems(inHeader header: [String]) -> [LineProblem] {
        var problems: [LineProblem] = []
        for column in requiredColumns where !header.contains(column) {
            problems.append(LineProblem(line: 1, message: "Thiếu cột “\(column)”."))
        }
        for column in header where !columns.contains(column) {
            problems.append(LineProblem(line: 1, message: "Cột “\(column)” không được hỗ trợ (các cột: \(columns.joined(separator: ", ")))."))
        }
        return problems
    }

    /// Parses records; `records[i]` is on line `i + 2`. The procedures count only when there are
    /// no problems.
    public static func parse(_ records: [[String: String]]) -> (procedures: [ProcedureContent], problems: [LineProblem]) {
        var contents: [ProcedureContent] = []
        var problems: [LineProblem] = []
        var firstLine: [ProcedureCode: Int] = [:]
        for (index, record) in records.enumerated() {
            let line = index + 2
            func value(_ column: String) -> String { (record[column] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
            var lineProblems: [String] = []
            let code = ProcedureCode(value("code"))
            if code == nil { lineProblems.append("Mã thủ tục “\(value("code"))” không đúng dạng 1.000894.") }
            if let code, let earlier = firstLine[code] {
                lineProblems.append("Mã \(code) trùng với dòng \(earlier).")
            } else if let code {
                firstLine[code] = line
            }
            var level: OnlineLevel?
            switch VietnameseText.fold(value("level")) {
            case "": level = nil
            case "full", "toan trinh": level = .full
            case "partial", "mot phan": level = .partial
            case "none", "cung cap thong tin", "khong truc tuyen": level = OnlineLevel.none
            default: lineProblems.append("Mức độ “\(value("level"))” không hợp lệ (full, partial, none hoặc để trống).")
            }
            var time: ProcessingTime?
            do { time = try ProcessingTime.parse(value: value("deadline_value"), unit: value("deadline_unit")) } catch {
                lineProblems.append(error.message)
            }
            var fee: Int?
            let rawFee = value("fee_vnd").replacingOccurrences(of: ".", with: "")
            if !rawFee.isEmpty {
                if let amount = Int(rawFee), amount >= 0 { fee = amount } else {
                    lineProblems.append("Lệ phí “\(value("fee_vnd"))” phải là số đồng không âm, ví dụ 5000.")
                }
            }
            let authority = value("competent_authority")
            if let code, lineProblems.isEmpty {
                let content = ProcedureContent(
                    code: code, name: value("name"), field: value("field"), agency: value("agency"),
                    competentAuthorityCode: authority.isEmpty ? nil : authority, onlineLevel: level, processingTime: time,
                    feeVND: fee, feeNote: value("fee_note"), result: value("result"), legalBasis: value("legal_basis"),
                    source: value("source"))
                lineProblems += content.problems
                contents.append(content)
            }
            problems += lineProblems.map { LineProblem(line: line, message: $0) }
        }
        return (problems.isEmpty ? contents : [], problems)
    }

    /// One CSV record for a procedure, in `columns` order (the inverse of `parse`).
    public static func record(_ content: ProcedureContent) -> [String] {
        let time = content.processingTime
        return [content.code.value, content.name, content.field, content.onlineLevel?.rawValue ?? "",
                time.map { ProcessingTime.number($0.value, padded: false) } ?? "", time?.unit.rawValue ?? "",
                content.feeVND.map(String.init) ?? "", content.agency, content.legalBasis, content.source,
                content.competentAuthorityCode ?? "", content.result, content.feeNote]
    }
}
