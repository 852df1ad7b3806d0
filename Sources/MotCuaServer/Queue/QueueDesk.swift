import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Tickets and counters: issuing a ticket (kiosk or phone), an officer taking a counter, and what
/// the officer does there. Each change is one transaction (with its audit line for officers'
/// actions) and then tells every open board of the unit (`QueueSignal`).
enum QueueDesk {
    /// What an officer does at a counter.
    enum CounterAction: String, CaseIterable, Sendable {
        case callNext = "call_next"
        case recall
        case callNumber = "call_number"
        case skip
        case transfer
        case start
        case finish

        var label: String {
            switch self {
            case .callNext: "Gọi số tiếp theo"
            case .recall: "Gọi lại"
            case .callNumber: "Gọi số"
            case .skip: "Vắng mặt, bỏ qua"
            case .transfer: "Chuyển nhóm dịch vụ"
            case .start: "Bắt đầu phục vụ"
            case .finish: "Kết thúc phục vụ"
            }
        }
    }

    static func today(_ now: Date) -> String { VietnameseFormat.civilDate(of: now).description }

    // MARK: Tickets

    /// Whether a unit's center gives numbers now, and for which day's line (`QueueHours`).
    static func hours(unitID: UUID, at now: Date, on db: any Database) async throws -> QueueHours.Window {
        try await hours(of: OrgUnit.find(unitID, on: db), at: now, on: db)
    }

    /// The same for a unit already read (the board, kiosk and phones ask on every refresh): one
    /// query for the declared days of this year and the next, which is as far as a next opening
    /// can be.
    static func hours(of unit: OrgUnit?, at now: Date, on db: any Database) async throws -> QueueHours.Window {
        let year = VietnameseFormat.year(of: now)
        let time = try await CalendarService.workingTime(years: year...(year + 1), unit: unit, on: db)
        do { return try QueueHours.window(at: now, time: time) } catch { return .open(day: VietnameseFormat.civilDate(of: now)) }
    }

    static func issue(groupID: UUID?, priority: TicketPriority?, channel: QueueTicket.Channel, in context: ActionContext) async throws -> QueueTicket {
        guard let groupID, let group = try await ServiceGroup.find(groupID, on: context.db), group.isActive else {
            throw AppError.invalid([.init(field: "groupID", message: "Chọn nhóm dịch vụ.")])
        }
        let now = context.now
        // Phones are limited per address (a kiosk of the center is not): nobody can empty a line
        // by taking every number.
        let config = context.config
        let address = (context.clientAddress ?? "")
        if config.remoteTicketsPerHour > 0, !config.kioskAddresses.contains(address),
           !(try await RateLimit.take("queue-ticket:\(address)", limit: config.remoteTicketsPerHour, window: 3600, now: now, on: context.db)) {
            throw AppError(status: .tooManyRequests,
                           detail: "Mỗi điện thoại lấy được tối đa \(config.remoteTicketsPerHour) số trong một giờ. Vui lòng lấy số tại ki-ốt của Trung tâm.")
        }
        // Only a configured kiosk issues kiosk tickets (any client may say it is one while none is
        // configured); a priority claimed from elsewhere is shown to the counter as not yet verified.
        let channel = channel == .kiosk && (config.kioskAddresses.isEmpty || config.kioskAddresses.contains(address)) ? QueueTicket.Channel.kiosk : .remote
        // Outside the center's hours the kiosk is closed; a number taken remotely joins the line
        // of the next opening, lining up when the kiosk opens, before any walk-in, in the order
        // taken (equal times go by number). Its wait is counted from then.
        let window = try await hours(unitID: group.$unit.id, at: now, on: context.db)
        if channel == .kiosk, let opens = window.opensText {
            throw AppError.conflict("Ngoài giờ làm việc, ki-ốt chưa cấp số. \(opens) Ông/bà có thể lấy số từ xa trên điện thoại cho lần mở cửa tới.")
        }
        let ticket = QueueTicket()
        ticket.$unit.id = group.$unit.id
        ticket.$group.id = groupID
        ticket.day = window.day.description
        ticket.priority = priority
        ticket.channel = channel
        ticket.status = .waiting
        ticket.issuedAt = now
        if case .closed(let opensAt, _) = window {
            ticket.queuedAt = opensAt.addingTimeInterval(-Double(QueueHours.kioskLead))
        } else {
            ticket.queuedAt = now
        }
        ticket.calls = 0
        ticket.version = 1
        try await context.db.transaction { db in
            ticket.number = try await DailySequence.next(in: ServiceGroup.sequenceSchema, owner: "group_id", groupID, day: ticket.day, on: db)
            ticket.code = TicketNumber.format(prefix: group.prefix, number: ticket.number)
            try await ticket.create(on: db)
            try await QueueSignal.send(unitID: group.$unit.id, on: db)
        }
        context.queueSignal.committed(unitID: group.$unit.id)
        return ticket
    }

    // MARK: Counters

    /// The counter, if the person may serve at it.
    static func counter(_ id: UUID?, for principal: Principal, on db: any Database) async throws -> (ServiceCounter, OrgUnit) {
        guard let id, let counter = try await ServiceCounter.find(id, on: db), counter.isActive,
              let unit = try await OrgUnit.find(counter.$unit.id, on: db)
        else { throw AppError.notFound("Không có quầy này.") }
        guard principal.may(.serveQueue, in: unit.scope) else { throw AppError.notFound("Không có quầy này.") }
        return (counter, unit)
    }

    /// Signs the officer in at the counter (and out of any other).
    static func take(_ id: UUID?, by principal: Principal, in context: ActionContext) async throws -> ServiceCounter {
        let (counter, unit) = try await counter(id, for: principal, on: context.db)
        if let other = counter.officerID, other != principal.userID {
            throw AppError.conflict("Quầy \(counter.name) đang do \(counter.officerName ?? "cán bộ khác") phụ trách.")
        }
        let audit = context.audit
        try await context.db.transaction { db in
            try await ServiceCounter.query(on: db).filter(\.$officerID == principal.userID).filter(\.$id != counter.id!)
                .set(\.$officerID, to: nil).set(\.$officerName, to: nil).update()
            counter.officerID = principal.userID
            counter.officerName = principal.fullName
            try await counter.save(on: db)
            try await audit.record(.queueSetUp, on: db, entityType: "queue_counter", entityID: counter.id, scope: (unit.$province.id, unit.id),
                                   summary: "\(principal.fullName) nhận quầy \(counter.name)")
            try await QueueSignal.send(unitID: unit.id!, on: db)
        }
        context.queueSignal.committed(unitID: unit.id!)
        return counter
    }

    /// Rời quầy: the officer's counter is free again for a colleague. Refused while a ticket is
    /// called or served there (finish or skip it first).
    static func leave(_ id: UUID?, by principal: Principal, in context: ActionContext) async throws -> ServiceCounter {
        let (counter, unit) = try await counter(id, for: principal, on: context.db)
        guard counter.officerID == principal.userID else { throw AppError.conflict("Ông/bà không phụ trách quầy \(counter.name).") }
        if let ticket = try await current(at: counter.id!, day: today(context.now), on: context.db) {
            throw AppError.conflict("Quầy \(counter.name) đang phục vụ số \(ticket.code): kết thúc phục vụ hoặc bỏ qua số này trước khi rời quầy.")
        }
        let audit = context.audit
        try await context.db.transaction { db in
            try await ServiceCounter.query(on: db).filter(\.$id == counter.id!).filter(\.$officerID == principal.userID)
                .set(\.$officerID, to: nil).set(\.$officerName, to: nil).update()
            try await audit.record(.queueSetUp, on: db, entityType: "queue_counter", entityID: counter.id, scope: (unit.$province.id, unit.id),
                                   summary: "\(principal.fullName) rời quầy \(counter.name)")
            try await QueueSignal.send(unitID: unit.id!, on: db)
        }
        context.queueSignal.committed(unitID: unit.id!)
        return counter
    }

    /// The ticket a counter is calling or serving now.
    static func current(at counterID: UUID, day: String, on db: any Database) async throws -> QueueTicket? {
        try await QueueTicket.query(on: db).filter(\.$counterID == counterID).filter(\.$day == day)
            .filter(\.$status ~~ [.called, .serving]).sort(\.$calledAt, .descending).first()
    }

    struct ActionInput: Content {
        /// `call_number`: the printed number, e.g. "A015".
        var code: String?
        /// `transfer`: the group it moves to.
        var groupID: UUID?
    }

    static func perform(_ action: CounterAction, at counterID: UUID?, _ input: ActionInput, by principal: Principal,
                        in context: ActionContext) async throws -> QueueTicket {
        let (counter, unit) = try await counter(counterID, for: principal, on: context.db)
        guard counter.officerID == principal.userID else {
            throw AppError.conflict("Ông/bà chưa nhận quầy \(counter.name): chọn “Nhận quầy” trước.")
        }
        let now = context.now
        let day = today(now)
        let audit = context.audit
        let ticket = try await context.db.transaction { db -> QueueTicket in
            // Claims the counter first: one action at a time per counter (a double click waits), the
            // officer still holds it, and SQLite takes its write lock before any read.
            let held = try await (db as! any SQLDatabase).raw("""
                UPDATE queue_counters SET officer_id = officer_id WHERE id = \(bind: counter.id!) AND officer_id = \(bind: principal.userID)
                RETURNING id
                """).first()
            guard held != nil else { throw AppError.conflict("Ông/bà không còn phụ trách quầy \(counter.name).") }
            let current = try await current(at: counter.id!, day: day, on: db)
            let ticket: QueueTicket
            switch action {
            case .callNext, .callNumber:
                if let current {
                    throw AppError.conflict("Quầy đang \(current.status == .serving ? "phục vụ" : "gọi") số \(current.code): kết thúc hoặc bỏ qua trước.")
                }
                let claimed = action == .callNext
                    ? try await claimNext(for: counter, day: day, at: now, on: db)
                    : try await claim(code: input.code ?? "", for: counter, day: day, at: now, on: db)
                guard let claimed else {
                    throw action == .callNext ? AppError.conflict("Không còn ai chờ ở các nhóm của quầy \(counter.name).")
                        : AppError.invalid([.init(field: "code", message: "Không có số “\((input.code ?? "").prefix(10))” đang chờ ở quầy này.")])
                }
                ticket = claimed
            case .recall, .skip, .transfer, .start, .finish:
                guard let current else { throw AppError.conflict("Quầy \(counter.name) chưa gọi số nào.") }
                ticket = current
                switch action {
                case .recall:
                    guard ticket.status == .called else { throw AppError.conflict("Số \(ticket.code) đang được phục vụ.") }
                    ticket.calls += 1
                    ticket.calledAt = now
                case .skip:
                    guard ticket.status == .called else { throw AppError.conflict("Số \(ticket.code) đang được phục vụ.") }
                    ticket.status = .noShow
                    ticket.finishedAt = now
                case .start:
                    guard ticket.status == .called else { throw AppError.conflict("Số \(ticket.code) đã được phục vụ.") }
                    ticket.status = .serving
                    ticket.startedAt = now
                case .finish:
                    guard ticket.status == .serving else { throw AppError.conflict("Bấm “Bắt đầu phục vụ” số \(ticket.code) trước.") }
                    ticket.status = .done
                    ticket.finishedAt = now
                default:
                    guard let target = input.groupID, target != ticket.$group.id,
                          let group = try await ServiceGroup.find(target, on: db), group.$unit.id == unit.id, group.isActive
                    else { throw AppError.invalid([.init(field: "groupID", message: "Chọn nhóm dịch vụ khác của đơn vị.")]) }
                    ticket.$group.id = target
                    ticket.status = .waiting
                    ticket.queuedAt = now
                    ticket.counterID = nil
                    ticket.counterName = nil
                    ticket.calledAt = nil
                    ticket.startedAt = nil
                }
                ticket.version += 1
                try await ticket.save(on: db)
            }
            try await audit.record(.queueTicketChanged, on: db, entityType: "queue_ticket", entityID: ticket.id, scope: (unit.$province.id, unit.id),
                                   summary: "Quầy \(counter.name): \(action.label.lowercased()) – số \(ticket.code)")
            try await QueueSignal.send(unitID: unit.id!, on: db)
            return ticket
        }
        context.queueSignal.committed(unitID: unit.id!)
        return ticket
    }

    /// Calls the next waiting ticket of the counter's groups (`QueueOrder`: priority, then the
    /// oldest). On PostgreSQL two counters calling at once skip each other's locked row.
    private static func claimNext(for counter: ServiceCounter, day: String, at now: Date, on db: any Database) async throws -> QueueTicket? {
        let sql = db as! any SQLDatabase
        let groups = counter.groupIDs
        guard !groups.isEmpty else { return nil }
        let lock: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let row = try await sql.raw("""
            SELECT id FROM queue_tickets WHERE group_id IN (\(SQLList(groups.map { SQLBind($0) }))) AND day = \(bind: day)
            AND status = 'waiting' ORDER BY CASE WHEN priority IS NULL THEN 1 ELSE 0 END, queued_at, number LIMIT 1\(lock)
            """).first()
        guard let id = try row?.decode(column: "id", as: UUID.self) else { return nil }
        return try await call(id, from: [.waiting], to: counter, at: now, on: db)
    }

    /// Calls a given number (also one that missed its call) of the counter's groups.
    private static func claim(code: String, for counter: ServiceCounter, day: String, at now: Date, on db: any Database) async throws -> QueueTicket? {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard !code.isEmpty, code.count <= 10, !counter.groupIDs.isEmpty,
              let ticket = try await QueueTicket.query(on: db).filter(\.$unit.$id == counter.$unit.id).filter(\.$day == day)
                .filter(\.$code == code).filter(\.$group.$id ~~ counter.groupIDs).filter(\.$status ~~ [.waiting, .noShow]).first()
        else { return nil }
        return try await call(ticket.id!, from: [.waiting, .noShow], to: counter, at: now, on: db)
    }

    /// Marks a ticket called to the counter if it is still in one of `from` (another counter may
    /// have been faster: then nil).
    private static func call(_ id: UUID, from: [QueueTicket.Status], to counter: ServiceCounter, at now: Date, on db: any Database) async throws -> QueueTicket? {
        let sql = db as! any SQLDatabase
        let updated = try await sql.raw("""
            UPDATE queue_tickets SET status = 'called', counter_id = \(bind: counter.id!), counter_name = \(bind: counter.name),
              officer_id = \(bind: counter.officerID), officer_name = \(bind: counter.officerName), called_at = \(bind: now),
              finished_at = NULL, calls = calls + 1, version = version + 1
            WHERE id = \(bind: id) AND status IN (\(SQLList(from.map { SQLBind($0.rawValue) }))) RETURNING id
            """).first()
        guard updated != nil else { return nil }
        return try await QueueTicket.find(id, on: db)
    }
}
