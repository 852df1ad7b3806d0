import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The queue's figures: a day's statistics (per group, counter and officer) and the plan of
/// counters per hour for a day, from the history of the same weekday.
enum QueueReports {
    struct Row: Content {
        /// "Tổng", a group, a counter or an officer.
        let kind: String
        let name: String
        let tickets: Int
        let called: Int
        let served: Int
        let noShows: Int
        let meanWaitMinutes: Double?
        let p90WaitMinutes: Double?
        let meanServiceMinutes: Double?
        let p90ServiceMinutes: Double?

        init(kind: String, name: String, _ s: QueueStatistics) {
            func minutes(_ seconds: Double?) -> Double? { seconds.map { ($0 / 6).rounded() / 10 } }
            self.kind = kind
            self.name = name
            tickets = s.tickets
            called = s.called
            served = s.served
            noShows = s.noShows
            meanWaitMinutes = minutes(s.meanWait)
            p90WaitMinutes = minutes(s.p90Wait)
            meanServiceMinutes = minutes(s.meanService)
            p90ServiceMinutes = minutes(s.p90Service)
        }
    }

    struct Statistics: Content {
        let unitCode: String
        let day: String
        let rows: [Row]
    }

    static func authorize(_ principal: Principal, _ unit: OrgUnit) throws {
        guard principal.may(.readQueueStatistics, in: unit.scope) else { throw AppError.forbidden("Ông/bà không được xem số liệu hàng đợi của \(unit.name).") }
    }

    static func day(_ raw: String?, now: Date) throws -> CivilDate {
        guard let raw, !raw.isEmpty else { return VietnameseFormat.civilDate(of: now) }
        guard let day = CivilDateParser.parse(raw) else { throw AppError.invalid([.init(field: "date", message: "Ngày phải có dạng năm-tháng-ngày.")]) }
        return day
    }

    static func statistics(of unit: OrgUnit, day: CivilDate, on db: any Database) async throws -> Statistics {
        let tickets = try await QueueTicket.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$day == day.description).all()
        let groups = try await ServiceGroup.query(on: db).filter(\.$unit.$id == unit.id!).sort(\.$position).all()
        func visit(_ t: QueueTicket) -> QueueStatistics.Visit {
            .init(issuedAt: t.issuedAt, calledAt: t.calledAt, startedAt: t.startedAt, finishedAt: t.finishedAt, noShow: t.status == .noShow)
        }
        var rows = [Row(kind: "Tổng", name: unit.name, QueueStatistics(tickets.map(visit)))]
        for group in groups {
            rows.append(Row(kind: "Nhóm", name: "\(group.prefix) – \(group.name)", QueueStatistics(tickets.filter { $0.$group.id == group.id }.map(visit))))
        }
        for counter in Set(tickets.compactMap(\.counterName)).sorted() {
            rows.append(Row(kind: "Quầy", name: counter, QueueStatistics(tickets.filter { $0.counterName == counter }.map(visit))))
        }
        for officer in Set(tickets.compactMap(\.officerName)).sorted() {
            rows.append(Row(kind: "Cán bộ", name: officer, QueueStatistics(tickets.filter { $0.officerName == officer }.map(visit))))
        }
        return Statistics(unitCode: unit.code, day: day.description, rows: rows)
    }

    static func csv(_ statistics: Statistics) -> String {
        func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
        var lines = ["loai,ten,so_phieu,da_goi,da_phuc_vu,vang_mat,cho_tb_phut,cho_p90_phut,phuc_vu_tb_phut,phuc_vu_p90_phut"]
        for r in statistics.rows {
            lines.append([CSVField.text(r.kind), CSVField.text(r.name), "\(r.tickets)", "\(r.called)", "\(r.served)", "\(r.noShows)", number(r.meanWaitMinutes),
                          number(r.p90WaitMinutes), number(r.meanServiceMinutes), number(r.p90ServiceMinutes)].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    struct PlanHour: Content {
        let hour: Int
        let arrivals: Double
        let needed: Int?
        let planned: Int
        let withinTargetPercent: Double
        let meanWaitMinutes: Double?
    }

    struct Plan: Content {
        let unitCode: String
        let day: String
        /// Past days of the same weekday the arrivals were averaged over.
        let historyDays: [String]
        let serviceMinutes: Double
        let targetMinutes: Double
        let levelPercent: Double
        let hours: [PlanHour]
    }

    /// The plan for `day`: arrivals per hour averaged over the same weekday of the last eight
    /// weeks that had tickets; the mean measured service time of those days (else the groups'
    /// typical minutes); `planned` counters (by default the unit's counters).
    /// The plan's inputs from a query (page or API), checked.
    struct PlanParameters {
        let day: CivilDate
        let targetMinutes: Double
        let levelPercent: Double
        let counters: Int?

        init(date: String?, target: String?, level: String?, counters: String?, now: Date) throws {
            var problems: [FieldProblem] = []
            let day = try? QueueReports.day(date, now: now)
            if day == nil { problems.append(.init(field: "date", message: "Ngày phải có dạng năm-tháng-ngày.")) }
            func number(_ raw: String?, _ field: String, _ range: ClosedRange<Double>, _ fallback: Double?, _ message: String) -> Double? {
                guard let raw, !raw.isEmpty else { return fallback }
                // People write decimals with a comma ("99,5"); the API sends a dot.
                guard let value = Double(raw.replacingOccurrences(of: ",", with: ".")), range.contains(value) else {
                    problems.append(.init(field: field, message: message))
                    return fallback
                }
                return value
            }
            targetMinutes = number(target, "target", 1...240, 15, "Thời gian chờ mục tiêu: 1–240 phút.") ?? 15
            levelPercent = number(level, "level", 50...99.9, 80, "Tỷ lệ đạt mục tiêu: 50–99,9 %.") ?? 80
            self.counters = number(counters, "counters", 1...200, nil, "Số quầy dự kiến: 1–200.").map { Int($0) }
            guard problems.isEmpty, let day else { throw AppError.invalid(problems) }
            self.day = day
        }
    }

    static func plan(of unit: OrgUnit, _ parameters: PlanParameters, on db: any Database) async throws -> Plan {
        let (day, targetMinutes, levelPercent, planned) = (parameters.day, parameters.targetMinutes, parameters.levelPercent, parameters.counters)
        let past = (1...8).map { day.adding(days: -7 * $0).description }
        let tickets = try await QueueTicket.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$day ~~ past).all()
        let days = Set(tickets.map(\.day)).sorted()
        var arrivals: [Int: Double] = Dictionary(uniqueKeysWithValues: (7...16).map { ($0, 0) })
        for ticket in tickets { arrivals[VietnameseFormat.hour(of: ticket.issuedAt), default: 0] += 1 }
        if !days.isEmpty { arrivals = arrivals.mapValues { $0 / Double(days.count) } }
        let services = tickets.compactMap { t in t.startedAt.flatMap { s in t.finishedAt.map { $0.timeIntervalSince(s) / 60 } } }
        let groups = try await ServiceGroup.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$isActive == true).all()
        let typical = groups.isEmpty ? 8 : groups.map(\.typicalMinutes).reduce(0, +) / Double(groups.count)
        let serviceMinutes = services.isEmpty ? typical : services.reduce(0, +) / Double(services.count)
        let counters = try await ServiceCounter.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$isActive == true).count()
        let hours = CounterPlan.make(arrivalsPerHour: arrivals, serviceMinutes: serviceMinutes, targetMinutes: targetMinutes,
                                     level: levelPercent / 100) { _ in planned ?? counters }
        return Plan(unitCode: unit.code, day: day.description, historyDays: days, serviceMinutes: (serviceMinutes * 10).rounded() / 10,
                    targetMinutes: targetMinutes, levelPercent: levelPercent, hours: hours.map {
                        PlanHour(hour: $0.hour, arrivals: ($0.arrivals * 10).rounded() / 10, needed: $0.needed, planned: $0.planned,
                                 withinTargetPercent: ($0.withinTarget * 1000).rounded() / 10,
                                 meanWaitMinutes: $0.meanWaitMinutes.map { ($0 * 10).rounded() / 10 })
                    })
    }
}
