import Foundation
import MotCuaCore
import SwiftCSV
import Vapor

/// The catalogue as files: CSV (the flat columns of `CatalogueImport`) and JSON (every detail).
enum CatalogueFiles {
    static func csv(_ contents: [ProcedureContent]) -> String {
        ([CatalogueImport.columns] + contents.map(CatalogueImport.record)).map { record in
            record.map { value in
                value.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
            }.joined(separator: ",")
        }.joined(separator: "\n") + "\n"
    }

    static func json(_ contents: [ProcedureContent]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(contents)
    }

    /// Reads an uploaded catalogue; every problem is reported by line (CSV) or entry (JSON).
    static func read(_ data: Data, isJSON: Bool) throws -> [ProcedureContent] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw AppError.invalid([FieldProblem(field: "file", message: "Tệp phải được mã hóa UTF-8.")])
        }
        if isJSON {
            do {
                let contents = try JSONDecoder().decode([ProcedureContent].self, from: data)
                var problems: [FieldProblem] = []
                var seen: Set<ProcedureCode> = []
                for (index, content) in contents.enumerated() {
                    if !seen.insert(content.code).inserted { problems.append(FieldProblem(field: "mục \(index + 1)", message: "Mục \(index + 1): mã \(content.code) bị trùng.")) }
                    problems += content.problems.map { FieldProblem(field: "mục \(index + 1)", message: "Mục \(index + 1) (\(content.code)): \($0)") }
                }
                if !problems.isEmpty { throw AppError.invalid(problems) }
                return contents
            } catch let error as DecodingError {
                throw AppError.invalid([FieldProblem(field: "file", message: "Tệp JSON không đúng cấu trúc danh mục: \(describe(error))")])
            }
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let table: CSV<Named>
        do { table = try CSV<Named>(string: body, delimiter: .comma) } catch {
            throw AppError.invalid([FieldProblem(field: "file", message: "Không đọc được tệp CSV (dấu ngoặc kép chưa đóng?).")])
        }
        let headerProblems = CatalogueImport.problems(inHeader: table.header)
        if !headerProblems.isEmpty { throw invalid(headerProblems) }
        let (procedures, problems) = CatalogueImport.parse(table.rows)
        if !problems.isEmpty { throw invalid(problems) }
        guard !procedures.isEmpty else { throw AppError.invalid([FieldProblem(field: "file", message: "Tệp không có dòng thủ tục nào.")]) }
        return procedures
    }

    private static func invalid(_ problems: [CatalogueImport.LineProblem]) -> AppError {
        AppError.invalid(problems.map { FieldProblem(field: "dòng \($0.line)", message: "Dòng \($0.line): \($0.message)") })
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0 + 1)]" } ?? ".\($0.stringValue)" }.joined()
            return "tại \(path.isEmpty ? "gốc" : path)."
        @unknown default:
            return "không rõ vị trí."
        }
    }
}
