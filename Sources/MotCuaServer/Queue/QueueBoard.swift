import Fluent
import Foundation
import MotCuaCore
import Vapor

/// What the display board, the counters and the phones show: read from the database every time
/// (any process may have made the change), in a few small indexed queries.
enum QueueBoard {
    struct Called: Content, Equatable {
        let ticketID: UUID
        let code: String
        let counter: String
        let calledAt: Date
        /// Grows when the counter calls again: the board announces each call once.
        let calls: Int
        let serving: Bool
        /// "Mời số A015 đến quầy 3".
        let announcement: String
    }

    struct Line: Content, Equatable {
        let groupID: UUID
        let name: String
        let prefix: String
        let waiting: Int
        let openCounters: Int
        /// Minutes a newcomer may expect to wait, its range and the words for it ("khoảng 5–9
        /// phút"); nil when no counter serves the group.
        let expectedWaitMinutes: Int?
        let waitFromMinutes: Int?
        let waitToMinutes: Int?
        let waitText: String?
    }

    struct State: Content {
        let unitCode: String
        let unitName: String
        let day: String
        /// Outside the center's hours: when it opens again, and the words for it ("Trung tâm mở cửa
        /// lúc 07:30, …").
        let opensAt: Date?
        let closedText: String?
        let called: [Called]
        let lines: [Line]
    }

    struct TicketState: Content {
        let id: UUID
        let code: String
        let groupName: String
        let status: QueueTicket.Status
        let statusLabel: String
        let priority: TicketPriority?
        /// A priority claimed from a phone: the counter checks the papers before serving first.
        let priorityUnverified: Bool
        let issuedAt: Date
        /// Tickets called before this one (waiting only).
        let ahead: Int?
        let expectedWaitMinutes: Int?
        let waitFromMinutes: Int?
        let waitToMinutes: Int?
        let waitText: String?
        /// A number taken outside the center's hours, for the next opening: when that is.
        let forNextOpening: String?
        let counter: String?
        let unitCode: String
    }

    static func label(_ status: QueueTicket.Status) -> String {
        switch status {
        case .waiting: "Đang chờ"
        case .called: "Đã gọi – mời đến quầy"
        case .serving: "Đang được phục vụ"
        case .done: "Đã phục vụ xong"
        case .noShow: "Đã gọi nhưng vắng mặt"
        }
    }

    /// The service of a unit's groups today: open counters, idle ones, and the measured service time.
    struct Service {
        let counters: [ServiceCounter]
        let busyCounterIDs: Set<UUID>
        let serviceTimes: [UUID: WaitEstimate.ServiceTime]

        func open(for group: ServiceGroup) -> [ServiceCounter] {
            counters.filter { $0.isOpen && $0.groupIDs.contains(group.id!) }
        }

        /// The wait of a ticket with `ahead` tickets before it in `group`.
        func wait(ahead: Int, in group: ServiceGroup) -> WaitEstimate.Wait? {
            let open = open(for: group)
            return WaitEstimate.wait(ahead: ahead, counters: open.count, idleCounters: open.filter { !busyCounterIDs.contains($0.id!) }.count,
                                     service: serviceTimes[group.id!] ?? WaitEstimate.serviceTime(recent: [], typical: group.typicalMinutes * 60))
        }
    }

    /// Open counters, the busy ones (a ticket called or being served) and each group's service
    /// time from its last 20 services today, smoothed toward its typical minutes (`WaitEstimate`).
    static func service(unitID: UUID, groups: [ServiceGroup], day: String, on db: any Database) async throws -> Service {
        let counters = try await ServiceCounter.query(on: db).filter(\.$unit.$id == unitID).filter(\.$isActive == true).all()
        let active = try await QueueTicket.query(on: db).filter(\.$unit.$id == unitID).filter(\.$day == day)
            .filter(\.$status ~~ [.called, .serving]).all()
        var times: [UUID: WaitEstimate.ServiceTime] = [:]
        for group in groups {
            let recent = try await QueueTicket.query(on: db).filter(\.$group.$id == group.id!).filter(\.$day == day).filter(\.$status == .done)
                .sort(\.$finishedAt, .descending).limit(20).all()
            let durations = recent.reversed().compactMap { t in t.startedAt.flatMap { s in t.finishedAt.map { $0.timeIntervalSince(s) } } }
            times[group.id!] = WaitEstimate.serviceTime(recent: durations, typical: group.typicalMinutes * 60)
        }
        return Service(counters: counters, busyCounterIDs: Set(active.compactMap(\.counterID)), serviceTimes: times)
    }

    /// How many waiting tickets of its group are called before `ticket` (`QueueOrder`: priority
    /// first, then the earliest in line, then the lower number), counted in the database.
    static func ahead(of ticket: QueueTicket, on db: any Database) async throws -> Int {
        // Never the ticket itself: a time read back from SQLite may differ from the stored one in its
        // last bit (Foundation counts from 2001), so "earlier than itself" could be true.
        func line() -> QueryBuilder<QueueTicket> {
            QueueTicket.query(on: db).filter(\.$group.$id == ticket.$group.id).filter(\.$day == ticket.day).filter(\.$status == .waiting)
                .filter(\.$id != ticket.id!)
        }
        func earlier(_ query: QueryBuilder<QueueTicket>) -> QueryBuilder<QueueTicket> {
            query.group(.or) { or in
                or.filter(\.$queuedAt < ticket.queuedAt)
                    .group(.and) { same in same.filter(\.$queuedAt == ticket.queuedAt).filter(\.$number < ticket.number) }
            }
        }
        if ticket.priority != nil { return try await earlier(line().filter(\.$priority != nil)).count() }
        return try await line().filter(\.$priority != nil).count() + earlier(line().filter(\.$priority == nil)).count()
    }

    static func state(of unit: OrgUnit, now: Date, on db: any Database) async throws -> State {
        let day = QueueDesk.today(now)
        let groups = try await ServiceGroup.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$isActive == true).sort(\.$position).all()
        let service = try await service(unitID: unit.id!, groups: groups, day: day, on: db)
        let called = try await QueueTicket.query(on: db).filter(\.$unit.$id == unit.id!).filter(\.$day == day)
            .filter(\.$status ~~ [.called, .serving]).sort(\.$calledAt, .descending).limit(8).all()
        var lines: [Line] = []
        for group in groups {
            let waiting = try await QueueTicket.query(on: db).filter(\.$group.$id == group.id!).filter(\.$day == day)
                .filter(\.$status == .waiting).count()
            let wait = service.wait(ahead: waiting, in: group)
            lines.append(Line(groupID: group.id!, name: group.name, prefix: group.prefix, waiting: waiting,
                              openCounters: service.open(for: group).count, expectedWaitMinutes: wait?.minutes.expected,
                              waitFromMinutes: wait?.minutes.low, waitToMinutes: wait?.minutes.high, waitText: wait?.text))
        }
        let window = try await QueueDesk.hours(of: unit, at: now, on: db)
        return State(unitCode: unit.code, unitName: unit.name, day: day, opensAt: window.opensAt, closedText: window.opensText, called: called.map { t in
            let counter = t.counterName ?? ""
            return Called(ticketID: t.id!, code: t.code, counter: counter, calledAt: t.calledAt ?? t.issuedAt, calls: t.calls,
                          serving: t.status == .serving, announcement: "Mời số \(t.code) đến quầy \(counter)")
        }, lines: lines)
    }

    static func ticket(_ id: UUID?, now: Date, on db: any Database) async throws -> TicketState {
        guard let id, let ticket = try await QueueTicket.find(id, on: db), let group = try await ServiceGroup.find(ticket.$group.id, on: db),
              let unit = try await OrgUnit.find(ticket.$unit.id, on: db)
        else { throw AppError.notFound("Không có số thứ tự này.") }
        var ahead: Int?
        var wait: WaitEstimate.Wait?
        var forNextOpening: String?
        if ticket.status == .waiting {
            let count = try await QueueBoard.ahead(of: ticket, on: db)
            ahead = count
            // Before the opening its line waits for, the number says when that is instead of a wait.
            let window = try await QueueDesk.hours(of: unit, at: now, on: db)
            if case .closed = window, ticket.day >= window.day.description {
                forNextOpening = window.opensText
            } else {
                wait = try await service(unitID: unit.id!, groups: [group], day: ticket.day, on: db).wait(ahead: count, in: group)
            }
        }
        return TicketState(id: id, code: ticket.code, groupName: group.name, status: ticket.status, statusLabel: label(ticket.status),
                           priority: ticket.priority, priorityUnverified: ticket.priority != nil && ticket.channel == .remote,
                           issuedAt: ticket.issuedAt, ahead: ahead,
                           expectedWaitMinutes: wait?.minutes.expected, waitFromMinutes: wait?.minutes.low, waitToMinutes: wait?.minutes.high,
                           waitText: wait?.text, forNextOpening: forNextOpening,
                           counter: [.called, .serving].contains(ticket.status) ? ticket.counterName : nil, unitCode: unit.code)
    }
}
