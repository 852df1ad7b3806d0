import Fluent
import Foundation
import MotCuaCore

/// Hồ sơ thủ tục hành chính: one application from intake to return. It keeps the procedure version
/// it was received under (`snapshot`), so catalogue edits never move its appointment.
final class Dossier: Model, @unchecked Sendable {
    static let schema = "dossiers"

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: Province
    /// The one-stop unit that received it (slips, tracking book, return of the result).
    @Parent(key: "unit_id") var unit: OrgUnit
    /// The unit competent to decide (the receiving unit unless boundary-free reception routed it).
    @Parent(key: "handling_unit_id") var handlingUnit: OrgUnit
    @Field(key: "code") var code: String
    @Parent(key: "procedure_id") var procedure: Procedure
    @Field(key: "procedure_code") var procedureCode: String
    @Field(key: "procedure_name") var procedureName: String
    @Field(key: "procedure_version") var procedureVersion: Int
    /// `ProcedureContent` of that version, as JSON.
    @Field(key: "snapshot") var snapshot: String
    @Parent(key: "field_id") var field: ProcedureField
    @Field(key: "status") var status: DossierStatus
    /// The status a supplement request paused (to resume to).
    @OptionalField(key: "paused_from") var pausedFrom: DossierStatus?
    @Field(key: "channel") var channel: SubmissionChannel
    @Field(key: "result_delivery") var resultDelivery: ResultDelivery
    @Field(key: "applicant_name") var applicantName: String
    @OptionalField(key: "applicant_id_number") var applicantIDNumber: String?
    @Field(key: "applicant_phone") var applicantPhone: String
    @OptionalField(key: "applicant_email") var applicantEmail: String?
    /// True when the phone or e-mail was typed online and is not one the applicant's account has
    /// verified: messages to it are held back (`OutboxMessage.recipientUnverified`).
    @OptionalField(key: "phone_unverified") var phoneUnverified: Bool?
    @OptionalField(key: "email_unverified") var emailUnverified: Bool?
    @Field(key: "applicant_address") var applicantAddress: String
    /// The citizen's account when submitted online.
    @OptionalField(key: "applicant_user_id") var applicantUserID: UUID?
    /// Nội dung yêu cầu giải quyết.
    @Field(key: "request_summary") var requestSummary: String
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "received_at") var receivedAt: Date?
    /// The appointment printed on the receipt slip (Mẫu 01): the legal deadline for 766.
    @OptionalField(key: "legal_appointment_at") var legalAppointmentAt: Date?
    /// The current appointment: moved by supplement pauses and apologies (Mẫu 04).
    @OptionalField(key: "appointment_at") var appointmentAt: Date?
    /// Status 9 (Đã xử lý xong).
    @OptionalField(key: "processed_at") var processedAt: Date?
    /// Status 10 (Đã trả kết quả).
    @OptionalField(key: "returned_at") var returnedAt: Date?
    /// When the dossier reached a final status.
    @OptionalField(key: "ended_at") var endedAt: Date?
    @OptionalField(key: "timeliness") var timeliness: Timeliness?
    /// `[SupplementPeriod]` as JSON (only after reception: they pause the clock).
    @Field(key: "supplements") var supplementsJSON: String
    @Field(key: "supplement_count") var supplementCount: Int
    @Field(key: "apology_count") var apologyCount: Int
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "assignee_name") var assigneeName: String?
    /// The agency a liên thông transfer went to.
    @OptionalField(key: "transfer_agency") var transferAgency: String?
    /// When the agency is a unit in MotCua (liên thông): that unit, which may read and answer.
    @OptionalField(key: "transfer_unit_id") var transferUnitID: UUID?
    /// When the financial obligation was met (status 6 ended).
    @OptionalField(key: "paid_at") var paidAt: Date?
    /// `DuocThanhToanTrucTuyen`: 1 paid on DVCQG, 2 on a local gateway; nil when not paid online.
    @OptionalField(key: "paid_online") var paidOnline: Int?
    /// The queue ticket served at the counter when it was received there, and its number ("A015").
    @OptionalField(key: "queue_ticket_id") var queueTicketID: UUID?
    @OptionalField(key: "queue_ticket_code") var queueTicketCode: String?
    /// Files kept with it (uploaded online or scanned at the counter).
    @Field(key: "file_count") var fileCount: Int
    /// What the statistics tallies have counted of it (`DossierTallies.Snapshot` as JSON), and
    /// whether it changed since (`TallyWorker` brings the tallies up to date).
    @OptionalField(key: "tallied") var tallied: String?
    @Field(key: "tally_pending") var tallyPending: Bool
    /// Who holds the dossier now and until when (the processing control slip's current row).
    @Field(key: "holder") var holder: String
    @OptionalField(key: "step_started_at") var stepStartedAt: Date?
    @OptionalField(key: "step_due_at") var stepDueAt: Date?
    @Field(key: "step_index") var stepIndex: Int
    /// Optimistic concurrency: every change increments it and must name the version it read.
    @Field(key: "version") var version: Int
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    /// A new dossier received by `unit` under the procedure's `version`, handled by the procedure's
    /// competent authority when it names one, else by the unit.
    convenience init(unit: OrgUnit, procedure: Procedure, version: ProcedureVersion) {
        self.init()
        id = UUID()
        $province.id = unit.$province.id
        $unit.id = unit.id!
        $handlingUnit.id = procedure.$competentAuthority.id ?? unit.id!
        $procedure.id = procedure.id!
        (procedureCode, procedureName, procedureVersion) = (procedure.code, procedure.name, version.number)
        snapshot = version.contentJSON
        $field.id = procedure.$field.id
    }

    /// Supplement periods as stored (JSON, dates in seconds since 1970).
    static func supplements(from json: String) -> [SupplementPeriod] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([SupplementPeriod].self, from: Data(json.utf8))) ?? []
    }

    var supplements: [SupplementPeriod] {
        get { Self.supplements(from: supplementsJSON) }
        set {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .secondsSince1970
            supplementsJSON = String(decoding: (try? encoder.encode(newValue)) ?? Data("[]".utf8), as: UTF8.self)
            supplementCount = newValue.count
        }
    }

    func content() throws -> ProcedureContent {
        try JSONDecoder().decode(ProcedureContent.self, from: Data(snapshot.utf8))
    }

    /// The last digits of the applicant's phone, which tracking asks for before showing details.
    var phoneSuffix: String { String(applicantPhone.filter(\.isNumber).suffix(4)) }
}

extension Dossier {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $province, $unit, $handlingUnit, $code, $procedure, $procedureCode, $procedureName, $procedureVersion,
            $snapshot, $field, $status, $pausedFrom, $channel, $resultDelivery, $applicantName, $applicantIDNumber,
            $applicantPhone, $applicantEmail, $phoneUnverified, $emailUnverified, $applicantAddress, $applicantUserID, $requestSummary, $submittedAt,
            $receivedAt, $legalAppointmentAt, $appointmentAt, $processedAt, $returnedAt, $endedAt, $timeliness,
            $supplementsJSON, $supplementCount, $apologyCount, $assigneeID, $assigneeName, $transferAgency, $transferUnitID, $paidAt, $paidOnline, $queueTicketID, $queueTicketCode, $fileCount, $tallied, $tallyPending, $holder,
            $stepStartedAt, $stepDueAt, $stepIndex, $version, $updatedAt
        ]
    }
}
