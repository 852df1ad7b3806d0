import Foundation
import MotCuaCore
import Vapor

/// The procedure editing form: its values as typed, read back into `ProcedureContent`.
struct ProcedureForm: Encodable {
    var code = ""
    var name = ""
    var field = ""
    var agency = "UBND cấp xã"
    var competentAuthority = ""
    var level = ""
    var deadlineValue = ""
    var deadlineUnit = ""
    var fee = ""
    var feeNote = ""
    var result = ""
    var legalBasis = ""
    var documents = ""
    var steps = ""
    var internalProcess = ""
    var source = ""
    var note = ""
    var illustrativeNote: String?

    init() {}

    init(_ content: ProcedureContent) {
        code = content.code.value
        name = content.name
        field = content.field
        agency = content.agency
        competentAuthority = content.competentAuthorityCode ?? ""
        level = content.onlineLevel?.rawValue ?? ""
        deadlineValue = content.processingTime.map { ProcessingTime.number($0.value, padded: false) } ?? ""
        deadlineUnit = content.processingTime?.unit.rawValue ?? ""
        fee = content.feeVND.map(String.init) ?? ""
        feeNote = content.feeNote
        result = content.result
        legalBasis = content.legalBasis
        documents = ProcedureLines.text(of: content.documents)
        steps = content.steps.joined(separator: "\n")
        internalProcess = ProcedureLines.text(of: content.internalProcess)
        source = content.source
        illustrativeNote = content.illustrativeNote
    }

    init(_ form: FormInput, code: String) {
        self.code = code
        name = form.text("name")
        field = form.text("field")
        agency = form.text("agency")
        competentAuthority = form.text("competentAuthority")
        level = form.text("level")
        deadlineValue = form.text("deadlineValue")
        deadlineUnit = form.text("deadlineUnit")
        fee = form.text("fee")
        feeNote = form.text("feeNote")
        result = form.text("result")
        legalBasis = form.text("legalBasis")
        documents = form.text("documents")
        steps = form.text("steps")
        internalProcess = form.text("internalProcess")
        source = form.text("source")
        note = form.text("note")
    }

    /// The content, or every problem as a sentence.
    func content() -> (ProcedureContent?, [String]) {
        var problems: [String] = []
        let procedureCode = ProcedureCode(code)
        if procedureCode == nil { problems.append("Mã thủ tục “\(code)” không đúng dạng 1.000894.") }
        var time: ProcessingTime?
        do { time = try ProcessingTime.parse(value: deadlineValue, unit: deadlineUnit) } catch { problems.append(error.message) }
        var feeVND: Int?
        if !fee.isEmpty {
            if let amount = Int(fee.replacingOccurrences(of: ".", with: "")), amount >= 0 { feeVND = amount } else {
                problems.append("Lệ phí phải là số đồng, ví dụ 5000; để trống nếu chưa rõ.")
            }
        }
        let level = OnlineLevel(rawValue: self.level)
        if !self.level.isEmpty, level == nil { problems.append("Mức độ trực tuyến không hợp lệ.") }
        let (documents, documentProblems) = ProcedureLines.documents(documents)
        let (process, stepProblems) = ProcedureLines.steps(internalProcess)
        problems += documentProblems + stepProblems
        if note.isEmpty { problems.append("Ghi lý do thay đổi (ví dụ: theo Quyết định số … công bố thủ tục).") }
        guard let procedureCode else { return (nil, problems) }
        let content = ProcedureContent(
            code: procedureCode, name: name, field: field, agency: agency, competentAuthorityCode: competentAuthority.isEmpty ? nil : competentAuthority,
            onlineLevel: level, processingTime: time, feeVND: feeVND, feeNote: feeNote, result: result, legalBasis: legalBasis,
            documents: documents, steps: steps.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            internalProcess: process, source: source, illustrativeNote: illustrativeNote)
        problems += content.problems
        return (problems.isEmpty ? content : nil, problems)
    }
}
