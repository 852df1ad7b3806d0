import Foundation
import MotCuaCore
import Vapor

/// The printable forms of Circular 03/2025/TT-VPCP Annex I for one dossier (Mẫu 01–06; the
/// tracking book, Mẫu 07, is per unit: `TrackingBookPage`). Each carries the QR code of the
/// tracking page at the top left (Circular 01/2023).
struct DossierSlip: Encodable {
    enum Form: String, CaseIterable, Sendable {
        case receipt = "01"
        case supplement = "02"
        case refusal = "03"
        case apology = "04"
        case stop = "05"
        case control = "06"

        var number: String { rawValue }

        var title: String {
            switch self {
            case .receipt: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
            case .supplement: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
            case .refusal: "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
            case .apology: "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
            case .stop: "Thông báo dừng giải quyết hồ sơ"
            case .control: "Phiếu kiểm soát quá trình giải quyết hồ sơ"
            }
        }

        /// The event whose reason the form states.
        var action: DossierAction? {
            switch self {
            case .supplement: .requestSupplement
            case .refusal: .refuse
            case .apology: .apologize
            case .stop: .stop
            case .receipt, .control: nil
            }
        }
    }

    struct Row: Encodable {
        let number: Int
        let givenBy: String
        let receivedBy: String
        let at: String
        let result: String
        let note: String
    }

    let form: String
    let title: String
    let qrSource: String
    let trackingURL: String
    let provinceName: String
    let unitName: String
    let placeAndDate: String
    let code: String
    let procedureName: String
    let procedureCode: String
    let applicantName: String
    let applicantAddress: String
    let applicantPhone: String
    let applicantEmail: String
    let requestSummary: String
    let documents: [String]
    let processingTime: String
    let receivedTime: String
    let receivedDate: String
    let appointmentTime: String
    let appointmentDate: String
    let legalAppointment: String
    let resultDelivery: String
    let bookNumber: String
    let bookOrder: String
    let officerName: String
    let reason: String
    let reasonLines: [String]
    let newAppointment: String
    let apologyNumber: String
    let handlingUnitName: String
    let cooperatingAgency: String
    let rows: [Row]

    /// `checklist`: the documents ticked at the counter, when it was received there; the receipt
    /// lists those received, otherwise the procedure's list.
    init(_ form: Form, dossier d: Dossier, events: [DossierEvent], checklist: [DossierDocument], unit: OrgUnit, handlingUnit: OrgUnit,
         province: Province, trackingURL: String) {
        self.form = form.number
        title = form.title
        qrSource = SiteURL.trackingQR.path + "?ma=" + DossierTracking.queryValue(d.code)
        self.trackingURL = trackingURL
        provinceName = province.name
        unitName = unit.name
        let event = form.action.flatMap { action in events.last { $0.action == action.rawValue } }
        let issued = event?.occurredAt ?? d.receivedAt ?? d.submittedAt
        let day = VietnameseFormat.civilDate(of: issued)
        placeAndDate = "ngày \(day.day) tháng \(day.month) năm \(day.year)"
        code = d.code
        procedureName = d.procedureName
        procedureCode = d.procedureCode
        applicantName = d.applicantName
        applicantAddress = d.applicantAddress
        applicantPhone = d.applicantPhone
        applicantEmail = d.applicantEmail ?? ""
        requestSummary = d.requestSummary
        let content = try? d.content()
        documents = checklist.isEmpty
            ? (content?.documents ?? []).map { IntakeChecklist.Item(document: $0, received: true).line }
            : checklist.filter { $0.receivedAt != nil }.map(\.line)
        processingTime = content?.processingTime?.text ?? "theo ngày hẹn"
        let received = d.receivedAt ?? d.submittedAt
        receivedTime = VietnameseFormat.time(received)
        receivedDate = VietnameseFormat.date(received)
        let appointment = d.legalAppointmentAt ?? d.appointmentAt
        appointmentTime = appointment.map(VietnameseFormat.time) ?? "…"
        appointmentDate = appointment.map(VietnameseFormat.date) ?? "…"
        legalAppointment = d.legalAppointmentAt.map(VietnameseFormat.dateTime) ?? "…"
        resultDelivery = d.resultDelivery.label
        bookNumber = "\(day.year)"
        // The running number of the day: the code's last digits (the default format ends with it).
        bookOrder = String(d.code.reversed().prefix(while: \.isNumber).reversed())
        officerName = event?.actorName ?? events.first { $0.action == DossierAction.accept.rawValue }?.actorName ?? ""
        reason = event?.note ?? ""
        reasonLines = (event?.note ?? "").split(whereSeparator: \.isNewline).map(String.init)
        newAppointment = event?.appointmentAt.map(VietnameseFormat.dateTime) ?? ""
        apologyNumber = "\(events.filter { $0.action == DossierAction.apologize.rawValue }.count)"
        handlingUnitName = handlingUnit.name
        cooperatingAgency = d.transferAgency ?? ""
        var number = 0
        rows = events.filter { $0.givenBy != nil }.map { e in
            number += 1
            return Row(number: number, givenBy: e.givenBy ?? "", receivedBy: e.receivedBy ?? "", at: VietnameseFormat.dateTime(e.occurredAt),
                       result: e.stepTimeliness?.label ?? "", note: e.note)
        }
    }
}
