import Foundation
import MotCuaCore
import Vapor

/// What dossier pages and slips show, already formatted in Vietnamese (templates only lay out).
struct DossierView: Encodable {
    struct Fact: Encodable {
        let label: String
        let value: String
    }

    struct Event: Encodable {
        let at: String
        let label: String
        let actor: String
        let note: String
        let givenBy: String?
        let receivedBy: String?
        let stepDue: String?
        let stepResult: String?
        let appointment: String?
    }

    struct File: Encodable {
        let href: String
        let name: String
        let document: String
        let size: String
        let digitized: Bool
    }

    /// One button (with its own small form) for an action the person may take now.
    struct ActionForm: Encodable {
        let action: String
        let label: String
        let needsNote: Bool
        let needsDate: Bool
        let needsAgency: Bool
        let needsAssignee: Bool
        let needsDelivery: Bool
        let needsPayment: Bool
        let isDanger: Bool
        /// Asks for a reason or an agency: opens on demand, so the page stays short on a phone.
        let folded: Bool
    }

    let code: String
    let version: Int
    let status: String
    let statusCode: Int
    let procedureCode: String
    let procedureName: String
    let unitName: String
    let facts: [Fact]
    /// The checklist ticked at the counter (each line says received or missing), or the
    /// procedure's list when there is none; `documentsTitle` says which.
    let documents: [String]
    let documentsTitle: String
    let events: [Event]
    let files: [File]
    let actions: [ActionForm]
    let specialists: [Option]
    /// Units and province agencies in MotCua a dossier can be transferred to (liên thông).
    let partners: [Option]
    let deliveries: [Option]
    let paymentChannels: [Option]
    let slips: [Option]
    let mayAddFiles: Bool
    let isOfficer: Bool

    init(_ d: Dossier, events: [DossierEvent], files: [DossierAttachment], checklist: [DossierDocument], unitName: String, handlingUnitName: String,
         actions: [DossierAction], asPartner: Bool, specialists: [User], partners: [OrgUnit], isOfficer: Bool, mayAddFiles: Bool) {
        code = d.code
        version = d.version
        status = d.status.label
        statusCode = d.status.nationalCode
        procedureCode = d.procedureCode
        procedureName = d.procedureName
        self.unitName = unitName
        let content = try? d.content()
        var facts: [Fact] = [
            .init(label: "Mã hồ sơ", value: d.code),
            .init(label: "Thủ tục", value: "\(d.procedureName) (\(d.procedureCode), phiên bản \(d.procedureVersion))"),
            .init(label: "Trạng thái", value: "\(d.status.label) (mã \(d.status.nationalCode))"),
            .init(label: "Người nộp", value: d.applicantName),
            .init(label: "Điện thoại", value: d.applicantPhone),
            .init(label: "Địa chỉ", value: d.applicantAddress),
            .init(label: "Nội dung yêu cầu", value: d.requestSummary),
            .init(label: "Hình thức nộp", value: d.channel.label + (d.queueTicketCode.map { ", số thứ tự \($0)" } ?? "")),
            .init(label: "Nhận kết quả", value: d.resultDelivery.label),
            .init(label: "Nơi tiếp nhận", value: unitName),
            .init(label: "Đăng ký lúc", value: VietnameseFormat.dateTime(d.submittedAt)),
        ]
        if let email = d.applicantEmail { facts.insert(.init(label: "Thư điện tử", value: email), at: 5) }
        if handlingUnitName != unitName { facts.append(.init(label: "Cơ quan giải quyết", value: handlingUnitName)) }
        if let at = d.receivedAt { facts.append(.init(label: "Tiếp nhận lúc", value: VietnameseFormat.dateTime(at))) }
        if let legal = d.legalAppointmentAt { facts.append(.init(label: "Hẹn trả (giấy tiếp nhận)", value: VietnameseFormat.dateTime(legal))) }
        if let current = d.appointmentAt, current != d.legalAppointmentAt {
            facts.append(.init(label: "Hẹn trả hiện tại", value: VietnameseFormat.dateTime(current)))
        }
        if let name = d.assigneeName { facts.append(.init(label: "Chuyên viên thụ lý", value: name)) }
        if d.status == .transferred, let agency = d.transferAgency { facts.append(.init(label: "Cơ quan phối hợp", value: agency)) }
        if d.status.clockRuns || d.status == .supplementRequested { facts.append(.init(label: "Đang ở", value: d.holder)) }
        if let due = d.stepDueAt, d.status.clockRuns { facts.append(.init(label: "Hạn bước hiện tại", value: VietnameseFormat.dateTime(due))) }
        if let timeliness = d.timeliness { facts.append(.init(label: "Kết quả đúng hạn (766)", value: timeliness.label)) }
        if d.supplementCount > 0 { facts.append(.init(label: "Số lần bổ sung", value: "\(d.supplementCount)")) }
        if let paid = d.paidAt {
            facts.append(.init(label: "Đã thực hiện nghĩa vụ tài chính", value: VietnameseFormat.dateTime(paid)
                + (d.paidOnline == nil ? " (tại Bộ phận một cửa)" : " (thanh toán trực tuyến)")))
        }
        self.facts = facts
        if checklist.isEmpty {
            documents = (content?.documents ?? []).map { "\($0.name) — \($0.form.label), \($0.quantity) bản" }
            documentsTitle = "Thành phần hồ sơ theo quy định"
        } else {
            documents = checklist.map { "\($0.line): \($0.receivedAt == nil ? "còn thiếu" : "đã nhận")" }
            documentsTitle = "Thành phần hồ sơ kiểm tra tại quầy"
        }
        self.events = events.map { e in
            Event(at: VietnameseFormat.dateTime(e.occurredAt), label: DossierAction(rawValue: e.action)?.label ?? "Đăng ký hồ sơ",
                  actor: e.actorName, note: e.note, givenBy: e.givenBy, receivedBy: e.receivedBy,
                  stepDue: e.stepDueAt.map(VietnameseFormat.dateTime), stepResult: e.stepTimeliness?.label,
                  appointment: e.appointmentAt.map(VietnameseFormat.dateTime))
        }
        self.files = files.map {
            File(href: SiteURL.dossierFile(.value(d.code), .id($0.id!)).path, name: $0.fileName, document: $0.documentName,
                 size: "\(VietnameseFormat.integer(max(1, $0.size / 1024))) KB", digitized: $0.digitized)
        }
        self.actions = actions.map { a in
            // The partner of a liên thông sends the dossier back with its answer.
            ActionForm(action: a.rawValue, label: a == .transferReturned && asPartner ? "Gửi trả kết quả phối hợp" : a.label,
                       needsNote: a.needsNote || a == .transferReturned,
                       needsDate: a == .apologize || (a == .accept && content?.processingTime == nil), needsAgency: a == .transfer,
                       needsAssignee: a == .assign, needsDelivery: a == .returnResult, needsPayment: a == .paymentReceived,
                       isDanger: [.refuse, .stop, .withdraw].contains(a), folded: a.needsNote)
        }
        self.specialists = specialists.map { Option(value: $0.id!.uuidString, label: $0.fullName) }
        self.partners = partners.map { Option(value: $0.code, label: $0.name) }
        deliveries = ResultDelivery.allCases.map { Option(value: $0.rawValue, label: $0.label) }
        paymentChannels = PaymentChannel.allCases.map { Option(value: $0.rawValue, label: $0.label) }
        slips = Self.slips(for: d).map { Option(value: SiteURL.dossierForm(.value(d.code), .value("\($0.number)")).path, label: "Mẫu \($0.number): \($0.title)") }
        self.mayAddFiles = mayAddFiles
        self.isOfficer = isOfficer
    }

    /// The official forms (Circular 03/2025 Annex I) this dossier has reason to print.
    static func slips(for d: Dossier) -> [DossierSlip.Form] {
        var forms: [DossierSlip.Form] = []
        if d.receivedAt != nil { forms.append(.receipt) }
        if d.supplementCount > 0 || d.status == .supplementRequested { forms.append(.supplement) }
        if d.status == .refused { forms.append(.refusal) }
        if d.apologyCount > 0 { forms.append(.apology) }
        if d.status == .stopped { forms.append(.stop) }
        if d.receivedAt != nil { forms.append(.control) }
        return forms
    }
}

/// A row of a workspace table.
struct DossierRowView: Encodable {
    let href: String
    let code: String
    let procedure: String
    let applicant: String
    let status: String
    let appointment: String
    let urgency: String?
    let urgencyClass: String

    init(_ s: DossierSummaryDTO) {
        href = SiteURL.dossier(.value(s.code)).path
        code = s.code
        procedure = s.procedureName
        applicant = s.applicantName
        status = s.statusLabel
        appointment = s.appointmentAt.map(VietnameseFormat.dateTime) ?? "—"
        urgency = s.urgencyLabel
        urgencyClass = s.urgency?.rawValue ?? ""
    }
}
