import Fluent
import Foundation
import MotCuaCore
import NIOCore
import SQLKit
import Vapor

/// Finds running dossiers that are due soon or overdue by each province's rules and tells the
/// people the rule names: in the app (notifications) and by e-mail and SMS through the outbox.
/// Each alert fires once per dossier, rule and appointment (a unique row written in the same
/// transaction), so restarts miss nothing and repeat nothing; only the process holding the lease runs.
enum AlertScheduler {
    static let job = "deadline-alerts"
    /// Dossiers looked at per run, nearest appointment first.
    static let batch = 2_000

    struct Person: Decodable {
        let id: UUID
        let full_name: String
        let email: String?
        let phone: String?
        let unit_id: UUID?
        let role: String
    }

    /// One pass at `now`; returns how many alerts fired.
    @discardableResult
    static func run(on db: any Database, now: Date, baseURL: String) async throws -> Int {
        var fired = 0
        for province in try await Province.query(on: db).all() {
            let rules = try await AlertRuleRecord.rules(of: province.id!, on: db)
            guard !rules.isEmpty else { continue }
            let reach = rules.filter { $0.kind == .dueSoon }.map(\.calendarReach).max() ?? 0
            let dossiers = try await Dossier.query(on: db).filter(\.$province.$id == province.id!)
                .filter(\.$status ~~ DossierStatus.allCases.filter(\.clockRuns)).filter(\.$appointmentAt != nil)
                .filter(\.$appointmentAt <= now.addingTimeInterval(reach)).sort(\.$appointmentAt).limit(batch).all()
            guard !dossiers.isEmpty else { continue }
            let done = try await DossierAlert.query(on: db).filter(\.$dossierID ~~ dossiers.compactMap(\.id)).all()
            let doneKeys = Set(done.map { "\($0.dossierID)|\($0.ruleCode)|\($0.appointmentAt.timeIntervalSince1970)" })
            var times: [UUID: WorkingTime] = [:]
            var due: [(Dossier, AlertRule)] = []
            for dossier in dossiers {
                guard let appointment = dossier.appointmentAt else { continue }
                let unitID = dossier.$handlingUnit.id
                if times[unitID] == nil {
                    times[unitID] = try await CalendarService.workingTime(around: [now], unit: try await OrgUnit.find(unitID, on: db), on: db)
                }
                for rule in rules where !doneKeys.contains("\(dossier.id!)|\(rule.code)|\(appointment.timeIntervalSince1970)") {
                    if (try? rule.fires(appointment: appointment, now: now, time: times[unitID]!)) == true { due.append((dossier, rule)) }
                }
            }
            guard !due.isEmpty else { continue }
            let people = try await self.people(units: Set(due.map { $0.0.$handlingUnit.id }), province: province.id!, on: db)
            for (dossier, rule) in due {
                let recipients = recipients(of: rule, for: dossier, among: people)
                if try await fire(rule, for: dossier, to: recipients, now: now, baseURL: baseURL, on: db) { fired += 1 }
            }
        }
        return fired
    }

    /// The officers of the units concerned and the province's monitors, with their roles.
    static func people(units: Set<UUID>, province: UUID, on db: any Database) async throws -> [Person] {
        try await (db as! any SQLDatabase).raw("""
            SELECT u.id, u.full_name, u.email, u.phone, u.unit_id, r.role FROM users u JOIN user_roles r ON r.user_id = u.id
            JOIN units n ON n.id = u.unit_id
            WHERE u.is_active = \(bind: true) AND n.province_id = \(bind: province)
              AND (u.unit_id IN (\(binds: Array(units))) OR r.role = \(bind: Role.provinceMonitor.rawValue))
            """).all(decoding: Person.self)
    }

    static func recipients(of rule: AlertRule, for dossier: Dossier, among people: [Person]) -> [Person] {
        let unit = dossier.$handlingUnit.id
        func holding(_ role: Role, inUnit: Bool = true) -> [Person] {
            people.filter { $0.role == role.rawValue && (!inUnit || $0.unit_id == unit) }
        }
        var chosen: [Person] = []
        for recipient in rule.recipients {
            switch recipient {
            case .handler:
                if let assignee = dossier.assigneeID, let person = people.first(where: { $0.id == assignee }) {
                    chosen.append(person)
                } else {
                    chosen += holding(.reception)
                }
            case .unitLeaders: chosen += holding(.leader)
            case .centerDirector: chosen += holding(.centerDirector)
            case .provinceMonitor: chosen += holding(.provinceMonitor, inUnit: false)
            }
        }
        var seen = Set<UUID>()
        return chosen.filter { seen.insert($0.id).inserted }
    }

    /// Writes the alert, the notifications and the messages in one transaction; false when another
    /// runner fired it first (the unique key refused it).
    static func fire(_ rule: AlertRule, for dossier: Dossier, to people: [Person], now: Date, baseURL: String,
                     on db: any Database) async throws -> Bool {
        guard let appointment = dossier.appointmentAt else { return false }
        let alert = DossierAlert()
        alert.id = UUID()
        alert.dossierID = dossier.id!
        alert.ruleCode = rule.code
        alert.appointmentAt = appointment
        alert.firedAt = now
        alert.recipientCount = people.count
        let title = rule.kind == .dueSoon ? "Hồ sơ \(dossier.code) sắp đến hạn" : "Hồ sơ \(dossier.code) đã quá hạn"
        let body = "\(dossier.procedureName). Hẹn trả: \(VietnameseFormat.dateTime(appointment)). Trạng thái: \(dossier.status.label)."
            + (dossier.assigneeName.map { " Người xử lý: \($0)." } ?? "")
        let link = SiteURL.dossier(.value(dossier.code)).path
        do {
            try await db.transaction { db in
                try await alert.create(on: db)
                for person in people {
                    try await Notification(userID: person.id, title: title, body: body, link: link, at: now).create(on: db)
                    for message in OutboxMessage.toPerson(name: person.full_name, email: person.email, phone: person.phone, subject: title, text: body,
                                                          footer: "Xem: \(baseURL)\(link)", key: alert.id!, unverified: [], at: now) {
                        message.dedupeKey = "\(message.dedupeKey)-\(person.id)"
                        try await message.create(on: db)
                    }
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            return false
        }
        return true
    }
}
