import Foundation
import MotCuaCore

/// What an administrator enters for a unit; validated into Vietnamese problems.
struct UnitInput: Codable, Sendable {
    var code: String
    var name: String
    var kind: String
    /// Why the code, name or kind changes (required when editing: a merger, a renaming decision…).
    var reason: String?

    func validated(editing: Bool) throws -> (code: String, name: String, kind: UnitKind, reason: String) {
        var problems: [FieldProblem] = []
        let code = code.trimmingCharacters(in: .whitespaces)
        let name = name.trimmingCharacters(in: .whitespaces)
        let reason = (reason ?? "").trimmingCharacters(in: .whitespaces)
        if code.isEmpty || code.count > 32 || !code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) {
            problems.append(.init(field: "code", message: "Mã đơn vị gồm 1–32 chữ số, chữ cái không dấu, dấu chấm hoặc gạch nối."))
        }
        if name.count < 2 || name.count > 200 {
            problems.append(.init(field: "name", message: "Tên đơn vị phải có từ 2 đến 200 ký tự."))
        }
        let kind = UnitKind(rawValue: kind)
        if kind == nil {
            problems.append(.init(field: "kind", message: "Loại đơn vị không hợp lệ."))
        }
        if editing, reason.count < 3 {
            problems.append(.init(field: "reason", message: "Ghi rõ căn cứ thay đổi (ví dụ số nghị quyết, quyết định)."))
        }
        if reason.count > 500 {
            problems.append(.init(field: "reason", message: "Căn cứ thay đổi dài quá 500 ký tự."))
        }
        guard problems.isEmpty, let kind else { throw AppError.invalid(problems) }
        return (code, name, kind, reason.isEmpty ? "Thành lập đơn vị" : reason)
    }
}
