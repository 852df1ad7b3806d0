import Fluent
import Foundation
import MotCuaCore

/// The queue's past for the demo: every working day of the eight weeks before today, at each center
/// with counters, citizens arrive through the day (a morning peak, a smaller one after lunch), wait
/// for a counter of their group and are served in about the group's typical minutes; a few do not
/// come when called. Statistics and the counters-needed plan then have the same weekday's history
/// a real center would have.
enum DemoQueueHistory {
    /// Mean arrivals per hour at a busy center, 7 h to 16 h.
    static let hourlyArrivals: [Int: Double] = [7: 8, 8: 22, 9: 26, 10: 18, 11: 6, 12: 0, 13: 10, 14: 16, 15: 12, 16: 5]

    static func generate(until: Date, weeks: Int = 8, seed: UInt64 = 2026, on db: any Database) async throws -> Int {
        var random = SplitMix64(seed: seed)
        let today = VietnameseFormat.civilDate(of: until)
        let time = try await CalendarService.workingTime(around: [until.addingTimeInterval(-Double(weeks) * 7 * 86_400), until], unit: nil, on: db)
        let groups = try await ServiceGroup.query(on: db).filter(\.$isActive == true).sort(\.$position).all()
        let counters = try await ServiceCounter.query(on: db).filter(\.$isActive == true).sort(\.$name).all()
        var tickets: [QueueTicket] = []
        // Units in code order, so the same seed gives the same history.
        let units = try await OrgUnit.query(on: db).filter(\.$id ~~ Set(groups.map(\.$unit.id))).sort(\.$code).all()
        for unit in units {
            let unitID = unit.id!
            let unitGroups = groups.filter { $0.$unit.id == unitID }
            let unitCounters = counters.filter { $0.$unit.id == unitID }
            let share = 1 / Double(unitGroups.count)
            for back in 1...(weeks * 7) {
                let day = today.adding(days: -back)
                guard (try? time.calendar.isWorkingDay(day)) == true else { continue }
                // The day's arrivals of every group in time order; each is called by the first counter
                // serving its group to be free (a counter serving two groups serves one at a time).
                var arrivals: [(second: Int, group: ServiceGroup)] = []
                for group in unitGroups where unitCounters.contains(where: { $0.groupIDs.contains(group.id!) }) {
                    for (hour, mean) in hourlyArrivals.sorted(by: { $0.key < $1.key }) where mean > 0 {
                        let count = Int((mean * share * Double.random(in: 0.6...1.4, using: &random)).rounded())
                        arrivals += (0..<count).map { _ in (hour * 3600 + Int.random(in: 0..<3600, using: &random), group) }
                    }
                }
                var free = Dictionary(uniqueKeysWithValues: unitCounters.map { ($0.id!, WorkingTime.moment(day, time.hours.opening)) })
                var numbers: [UUID: Int] = [:]
                for (second, group) in arrivals.sorted(by: { $0.second < $1.second }) {
                    let number = (numbers[group.id!] ?? 0) + 1
                    numbers[group.id!] = number
                    let issued = WorkingTime.moment(day, second)
                    let counter = unitCounters.filter { $0.groupIDs.contains(group.id!) }.min { free[$0.id!]! < free[$1.id!]! }!
                    let called = max(issued.addingTimeInterval(20), free[counter.id!]!)
                    let ticket = QueueTicket()
                    ticket.$unit.id = unitID
                    ticket.$group.id = group.id!
                    (ticket.day, ticket.number, ticket.code) = (day.description, number, TicketNumber.format(prefix: group.prefix, number: number))
                    (ticket.channel, ticket.issuedAt, ticket.queuedAt, ticket.calledAt) = (.kiosk, issued, issued, called)
                    (ticket.counterID, ticket.counterName, ticket.calls, ticket.version) = (counter.id, counter.name, 1, 1)
                    if Double.random(in: 0..<1, using: &random) < 0.04 {
                        ticket.status = .noShow
                        free[counter.id!] = called.addingTimeInterval(60)
                    } else {
                        let started = called.addingTimeInterval(Double.random(in: 30...90, using: &random))
                        let service = group.typicalMinutes * 60 * Double.random(in: 0.5...1.6, using: &random)
                        (ticket.status, ticket.startedAt, ticket.finishedAt) = (.done, started, started.addingTimeInterval(service))
                        free[counter.id!] = started.addingTimeInterval(service)
                    }
                    tickets.append(ticket)
                }
            }
        }
        for start in stride(from: 0, to: tickets.count, by: 500) {
            try await Array(tickets[start..<min(start + 500, tickets.count)]).create(on: db)
        }
        return tickets.count
    }
}
