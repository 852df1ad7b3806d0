import Fluent
import Foundation
import MotCuaCore

/// How dossiers and ratings move the tallies. A dossier's change marks it (`tally_pending`);
/// `TallyWorker` then writes `tallies(now) − tallies(as last counted)`, the counted state being kept
/// with the dossier (`tallied`), so the figures of any period are always the sum of the stored rows
/// once the worker has run. A rating writes its own change in its transaction.
enum DossierTallies {
    /// A dossier as the tallies see it: its facts and where they are counted.
    struct Snapshot: Equatable, Codable {
        let facts: DossierFacts
        let keys: TallyLedger.Keys

        init(_ dossier: Dossier, content: ProcedureContent?) {
            self.init(Columns(dossier), content: content)
        }

        /// `content`: the procedure version the dossier was received under (its fee and online level).
        init(_ row: Columns, content: ProcedureContent?) {
            let withoutResult = [DossierStatus.refused, .withdrawn, .stopped].contains(row.status)
            facts = DossierFacts(
                receivedAt: row.received_at, channel: row.channel, appointmentAt: row.legal_appointment_at,
                endedAt: row.processed_at ?? (withoutResult ? row.ended_at : nil),
                endStatus: row.processed_at != nil ? .resultReady : (withoutResult ? row.status : nil),
                supplements: Dossier.supplements(from: row.supplements), feeDue: (content?.feeVND ?? 0) > 0, paidOnline: row.paid_online != nil,
                electronicResult: row.returned_at != nil && row.result_delivery == .electronic, hasFiles: row.file_count > 0,
                fullOnlineService: content?.onlineLevel == .full)
            keys = TallyLedger.Keys(unitID: row.unit_id, provinceID: row.province_id, fieldID: row.field_id, procedureCode: row.procedure_code,
                                    officerID: row.assignee_id)
        }

        /// As kept in `dossiers.tallied` (dates exactly as held, so what was counted comes back as it was).
        var json: String { String(decoding: try! JSONEncoder().encode(self), as: UTF8.self) }

        static func decode(_ json: String?) -> Snapshot? {
            json.flatMap { try? JSONDecoder().decode(Snapshot.self, from: Data($0.utf8)) }
        }
    }

    /// The columns of a dossier the tallies read.
    struct Columns: Decodable {
        static let names = ["unit_id", "province_id", "field_id", "procedure_code", "procedure_id", "procedure_version", "assignee_id", "channel", "status",
                            "received_at", "legal_appointment_at", "processed_at", "ended_at", "returned_at", "result_delivery", "supplements",
                            "paid_online", "file_count"]
        let unit_id: UUID
        let province_id: UUID
        let field_id: UUID
        let procedure_code: String
        let procedure_id: UUID
        let procedure_version: Int
        let assignee_id: UUID?
        let channel: SubmissionChannel
        let status: DossierStatus
        let received_at: Date?
        let legal_appointment_at: Date?
        let processed_at: Date?
        let ended_at: Date?
        let returned_at: Date?
        let result_delivery: ResultDelivery
        let supplements: String
        let paid_online: Int?
        let file_count: Int
    }

    /// The ledger change from `before` (nil: a new dossier) to `after`.
    static func change(from before: Snapshot?, to after: Snapshot) -> TallyLedger {
        var ledger = TallyLedger()
        if let before, before == after { return ledger }
        if let before { ledger.add(before.facts.tallies(), under: before.keys, removing: true) }
        ledger.add(after.facts.tallies(), under: after.keys)
        return ledger
    }

    /// A rating given or changed: one less at the old level on its day, one more at the new one.
    static func rating(from before: (level: SatisfactionLevel, at: Date)?, to after: (level: SatisfactionLevel, at: Date),
                       keys: TallyLedger.Keys) -> TallyLedger {
        func counts(_ rating: (level: SatisfactionLevel, at: Date)) -> [Int: DossierTally] {
            var tally = DossierTally()
            switch rating.level {
            case .unsatisfied: tally[.ratedUnsatisfied] = 1
            case .satisfied: tally[.ratedSatisfied] = 1
            case .verySatisfied: tally[.ratedVerySatisfied] = 1
            }
            return [DossierFacts.day(of: rating.at): tally]
        }
        var ledger = TallyLedger()
        if let before { ledger.add(counts(before), under: keys, removing: true) }
        ledger.add(counts(after), under: keys)
        return ledger
    }
}

extension DossierTallies.Columns {
    init(_ d: Dossier) {
        self.init(unit_id: d.$unit.id, province_id: d.$province.id, field_id: d.$field.id, procedure_code: d.procedureCode, procedure_id: d.$procedure.id,
                  procedure_version: d.procedureVersion, assignee_id: d.assigneeID, channel: d.channel, status: d.status,
                  received_at: d.receivedAt, legal_appointment_at: d.legalAppointmentAt, processed_at: d.processedAt, ended_at: d.endedAt,
                  returned_at: d.returnedAt, result_delivery: d.resultDelivery, supplements: d.supplementsJSON, paid_online: d.paidOnline,
                  file_count: d.fileCount)
    }
}
