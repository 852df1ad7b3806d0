import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// The feedback figures of Decision 766 indicators 5.1–5.3 per unit, counted by the database from
/// the stored due moments: each item as it stood at the period's end (what it had done by then;
/// the due moments as stored, an answer deadline moved by a later pause included), late by the
/// same rules as `FeedbackClock.late`.
enum FeedbackIndicators {
    struct Counts: Decodable {
        let unit_id: UUID
        let received: Int
        let about_procedures: Int
        let about_conduct: Int
        let accepted: Int
        let unsatisfied_or_late: Int
        let handled: Int
        let handled_on_time: Int

        var inputs: Index766.Inputs.Feedback {
            .init(received: received, aboutProcedures: about_procedures, aboutConduct: about_conduct, accepted: accepted,
                  unsatisfiedOrLate: unsatisfied_or_late, handled: handled, handledOnTime: handled_on_time)
        }
    }

    static func perUnit(_ units: [UUID], from start: Date, to end: Date, on db: any Database) async throws -> [UUID: Index766.Inputs.Feedback] {
        guard !units.isEmpty else { return [:] }
        // What the item had done by the period's end (every test of a missing moment is false, not NULL).
        func by(_ column: String) -> SQLQueryString { "CASE WHEN \(ident: column) < \(bind: end) THEN \(ident: column) END" }
        func doneBy(_ column: String) -> SQLQueryString { "(\(ident: column) IS NOT NULL AND \(ident: column) < \(bind: end))" }
        let closedWithoutAnswer: SQLQueryString = "(status IN ('refused', 'transferred_out') AND \(doneBy("closed_at")))"
        let late: SQLQueryString = """
            (COALESCE(\(by("decided_at")), \(bind: end)) > reception_due_at
             OR (\(doneBy("first_info_request_at")) AND first_info_request_at > first_info_due_at)
             OR (NOT \(closedWithoutAnswer) AND (COALESCE(\(by("approved_at")), \(by("pause_started_at")), \(bind: end)) > answer_due_at
                 OR (\(doneBy("approved_at")) AND publish_due_at IS NOT NULL AND COALESCE(\(by("published_at")), \(bind: end)) > publish_due_at))))
            """
        let sentInPeriod: SQLQueryString = "submitted_at >= \(bind: start)"
        let accepted: SQLQueryString = "(\(sentInPeriod) AND \(doneBy("decided_at")) AND NOT (status = 'refused' AND \(doneBy("closed_at"))))"
        let query: SQLQueryString = """
            SELECT unit_id,
              SUM(CASE WHEN \(sentInPeriod) THEN 1 ELSE 0 END) AS received,
              SUM(CASE WHEN \(sentInPeriod) AND kind = 'procedure' THEN 1 ELSE 0 END) AS about_procedures,
              SUM(CASE WHEN \(sentInPeriod) AND kind = 'conduct' THEN 1 ELSE 0 END) AS about_conduct,
              SUM(CASE WHEN \(accepted) THEN 1 ELSE 0 END) AS accepted,
              SUM(CASE WHEN \(accepted) AND (\(late) OR (\(doneBy("published_at")) AND not_useful_count > useful_count)) THEN 1 ELSE 0 END)
                AS unsatisfied_or_late,
              COUNT(*) AS handled,
              SUM(CASE WHEN \(late) THEN 0 ELSE 1 END) AS handled_on_time
            FROM feedback_items
            WHERE unit_id IN (\(binds: units)) AND submitted_at < \(bind: end) AND (closed_at IS NULL OR closed_at >= \(bind: start))
            GROUP BY unit_id
            """
        let rows = try await (db as! any SQLDatabase).raw(query).all(decoding: Counts.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.unit_id, $0.inputs) })
    }
}
