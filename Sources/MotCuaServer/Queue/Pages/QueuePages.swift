import Fluent
import Foundation
import MotCuaCore
import NIOCore
import Vapor

/// The queue's pages: the kiosk (big buttons, no sign-in), the ticket on paper and on a phone, the
/// display board on the TV, the officer's counter, and the live event stream they listen to.
struct QueuePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.queueCenters.pathComponents, use: chooseCenter)
        routes.get(SiteURL.kiosk(.key).pathComponents, use: kiosk)
        routes.post(SiteURL.takeTicket(.key).pathComponents, use: take)
        routes.get(SiteURL.board(.key).pathComponents, use: board)
        routes.get(SiteURL.boardEvents(.key).pathComponents, use: events)
        routes.get(SiteURL.ticket(.key).pathComponents, use: ticket)
        routes.get(SiteURL.ticketQR(.key).pathComponents, use: qr)
        routes.get(SiteURL.queueReport(.key).pathComponents, use: report)
        routes.get(SiteURL.queueReportCSV(.key).pathComponents, use: reportCSV)
        routes.get(SiteURL.counters.pathComponents, use: counters)
        routes.post(SiteURL.counterTake(.key).pathComponents, use: takeCounter)
        routes.post(SiteURL.counterLeave(.key).pathComponents, use: leaveCounter)
        routes.post(SiteURL.counterAction(.key, .key).pathComponents, use: act)
    }

    // MARK: Kiosk and tickets

    struct CentersContext: Encodable {
        let layout: Layout
        let centers: [Option]
    }

    /// "Lấy số thứ tự" from the home page: the centers that run a queue, by name.
    @Sendable func chooseCenter(req: Request) async throws -> View {
        let unitIDs = Set(try await ServiceGroup.query(on: req.db).all(\.$unit.$id))
        let units = try await OrgUnit.query(on: req.db).filter(\.$id ~~ unitIDs).filter(\.$isActive == true).all()
        return try await req.view.render("Queue/centers", CentersContext(
            layout: Layout(request: req, title: "Lấy số thứ tự"),
            centers: VietnameseText.sorted(units, by: \.name).map { Option(value: $0.code, label: $0.name) }))
    }

    struct KioskContext: Encodable {
        let layout: Layout
        let unitCode: String
        let unitName: String
        let lines: [QueueBoard.Line]
        let priorities: [Option]
        /// "kiosk" on the center's touch screen (opened with `?ki-ot=1`), "remote" on a phone.
        let channel: String
        /// Outside the center's hours: when it opens; the kiosk then gives no numbers.
        let closedText: String?
        let kioskClosed: Bool
    }

    @Sendable func kiosk(req: Request) async throws -> View {
        let unit = try await QueueAPI.unit(req)
        let state = try await QueueBoard.state(of: unit, now: req.now, on: req.db)
        let channel = req.query[String.self, at: "ki-ot"] == "1" ? "kiosk" : "remote"
        return try await req.view.render("Queue/kiosk", KioskContext(
            layout: Layout(request: req, title: "Lấy số thứ tự – \(unit.name)", forms: true), unitCode: unit.code, unitName: unit.name, lines: state.lines,
            priorities: TicketPriority.allCases.map { Option(value: $0.rawValue, label: $0.label) },
            channel: channel, closedText: state.closedText, kioskClosed: state.closedText != nil && channel == "kiosk"))
    }

    @Sendable func take(req: Request) async throws -> Response {
        let unit = try await QueueAPI.unit(req)
        let form = try FormInput(req)
        let group = UUID(uuidString: form.text("groupID"))
        guard let group, try await ServiceGroup.find(group, on: req.db)?.$unit.id == unit.id else {
            return req.redirect(to: SiteURL.kiosk(.value(unit.code)).path + (form.text("channel") == "kiosk" ? "?ki-ot=1" : ""), flash: "Chọn nhóm dịch vụ.",
                                isError: true)
        }
        let channel: QueueTicket.Channel = form.text("channel") == "kiosk" ? .kiosk : .remote
        let ticket = try await QueueDesk.issue(groupID: group, priority: TicketPriority(rawValue: form.text("priority")), channel: channel, in: req.context)
        return req.redirect(to: SiteURL.ticket(.id(ticket.id!)).path + (channel == .kiosk ? "?in=1" : ""))
    }

    struct TicketContext: Encodable {
        let layout: Layout
        let ticket: QueueBoard.TicketState
        let unitName: String
        let issuedAt: String
        let priority: String?
        let aheadText: String
        let waitText: String
        let qrPath: String
        let print: Bool
    }

    /// The ticket's position and wait as the phone and the paper say them (the script says the same).
    static func texts(_ state: QueueBoard.TicketState) -> (ahead: String, wait: String) {
        (state.ahead.map(String.init) ?? "–",
         state.waitText ?? state.forNextOpening ?? (state.status == .waiting ? "chưa có quầy phục vụ" : "–"))
    }

    @Sendable func ticket(req: Request) async throws -> View {
        let state = try await QueueBoard.ticket(req.parameters.get("id", as: UUID.self), now: req.now, on: req.db)
        let unit = try await OrgUnit.query(on: req.db).filter(\.$code == state.unitCode).first()
        return try await req.view.render("Queue/ticket", TicketContext(
            layout: Layout(request: req, title: "Số thứ tự \(state.code)"), ticket: state, unitName: unit?.name ?? "",
            issuedAt: VietnameseFormat.dateTime(state.issuedAt), priority: state.priority?.label, aheadText: Self.texts(state).ahead,
            waitText: Self.texts(state).wait, qrPath: SiteURL.ticketQR(.id(state.id)).path,
            print: req.query[String.self, at: "in"] == "1"))
    }

    @Sendable func qr(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw AppError.notFound("Không có số thứ tự này.") }
        let svg = try QRCode(req.publicBaseURL + SiteURL.ticket(.id(id)).path, errorCorrection: .medium).svg(title: "Mã QR theo dõi số thứ tự")
        return Response.svg(svg)
    }

    // MARK: Board and live events

    struct BoardContext: Encodable {
        let layout: Layout
        let state: QueueBoard.State
    }

    @Sendable func board(req: Request) async throws -> View {
        let unit = try await QueueAPI.unit(req)
        return try await req.view.render("Queue/board", BoardContext(
            layout: Layout(request: req, title: "Bảng gọi số – \(unit.name)"), state: try await QueueBoard.state(of: unit, now: req.now, on: req.db)))
    }

    /// Server-sent events: `change` whenever the unit's queue changes (any process), a comment
    /// every 20 seconds to keep the connection (and notice a closed one).
    @Sendable func events(req: Request) async throws -> Response {
        let unit = try await QueueAPI.unit(req)
        let stream = req.application.queueSignal.subscribe(unitID: unit.id!, heartbeat: .seconds(20))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "event-stream", parameters: ["charset": "utf-8"])
        headers.cacheControl = .init(noStore: true)
        headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
        return Response(status: .ok, headers: headers, body: .init(asyncStream: { writer in
            do {
                try await writer.write(.buffer(ByteBuffer(string: "retry: 2000\n\n")))
                for await event in stream {
                    try await writer.write(.buffer(ByteBuffer(string: event == .changed ? "event: change\ndata: 1\n\n" : ": nhịp\n\n")))
                }
                try await writer.write(.end)
            } catch {
                // The client has gone (its write failed): the stream must still be ended.
                try? await writer.write(.error(error))
            }
        }))
    }

    // MARK: Statistics and the counters plan

    struct ReportContext: Encodable {
        struct Bar: Encodable {
            let x: Int
            let height: Int
            let y: Int
            let label: String
            let needed: String
            let neededY: Int
        }
        let layout: Layout
        let unitCode: String
        let unitName: String
        let day: String
        let dayLabel: String
        let statistics: QueueReports.Statistics
        let plan: QueueReports.Plan
        let historyNote: String
        let bars: [Bar]
        let chartWidth: Int
        /// Whether any hour has arrivals (an empty chart is not drawn).
        let hasArrivals: Bool
        /// The form's figures as people write them ("15", "99,5").
        let targetText: String
        let levelText: String
        let serviceText: String
        /// A table cell with its column's name (a phone shows it beside the value).
        struct Cell: Encodable {
            let label: String
            let value: String
            let isNumber: Bool
        }
        static let statisticsHeadings = ["Loại", "Tên", "Số phiếu", "Đã gọi", "Đã phục vụ", "Vắng mặt", "Chờ TB (phút)", "Chờ P90 (phút)",
                                         "Phục vụ TB (phút)", "Phục vụ P90 (phút)"]
        static let planHeadings = ["Giờ", "Số người đến (TB)", "Quầy cần", "Quầy dự kiến", "Chờ ≤ mục tiêu", "Chờ TB (phút)"]
        let statisticsHeadings = Self.statisticsHeadings
        let planHeadings = Self.planHeadings
        /// The plan's table as the page writes it (hour, arrivals, needed, planned, within target, mean wait).
        let planRows: [[Cell]]
        /// The statistics' table, "–" where there is no figure.
        let statisticsRows: [[Cell]]

        static func cells(_ values: [String], _ headings: [String], textColumns: Int) -> [Cell] {
            zip(headings, values).enumerated().map { Cell(label: $0.element.0, value: $0.element.1, isNumber: $0.offset >= textColumns) }
        }
    }

    @Sendable func report(req: Request) async throws -> View {
        let unit = try await QueueAPI.unit(req)
        try QueueReports.authorize(try req.requirePrincipal(), unit)
        let parameters = try QueueReports.PlanParameters(date: req.query[String.self, at: "ngay"], target: req.query[String.self, at: "muc-tieu"],
                                                         level: req.query[String.self, at: "ty-le"], counters: req.query[String.self, at: "so-quay"],
                                                         now: req.now)
        let statistics = try await QueueReports.statistics(of: unit, day: parameters.day, on: req.db)
        let plan = try await QueueReports.plan(of: unit, parameters, on: req.db)
        // Arrivals per hour as bars (160 px for the busiest hour), the counters needed written above.
        let top = max(plan.hours.map(\.arrivals).max() ?? 0, 1)
        let bars = plan.hours.enumerated().map { index, hour in
            let height = Int((hour.arrivals / top * 160).rounded())
            return ReportContext.Bar(x: 40 + index * 48, height: height, y: 190 - height, label: "\(hour.hour)h",
                                     needed: hour.needed.map { "\($0) quầy" } ?? "quá tải", neededY: 184 - height)
        }
        return try await req.view.render("Queue/report", ReportContext(
            layout: Layout(request: req, title: "Số liệu hàng đợi – \(unit.name)"), unitCode: unit.code, unitName: unit.name,
            day: parameters.day.description, dayLabel: VietnameseFormat.weekday(parameters.day) + " " + VietnameseFormat.date(parameters.day),
            statistics: statistics, plan: plan,
            historyNote: plan.historyDays.isEmpty ? "Chưa có số liệu của các ngày cùng thứ trong 8 tuần trước: số người đến được coi là 0."
                : "Số người đến mỗi giờ: trung bình của \(plan.historyDays.count) ngày cùng thứ (\(plan.historyDays.joined(separator: ", "))).",
            bars: bars, chartWidth: 40 + bars.count * 48, hasArrivals: plan.hours.contains { $0.arrivals > 0 },
            targetText: Self.decimal(plan.targetMinutes), levelText: Self.decimal(plan.levelPercent), serviceText: Self.decimal(plan.serviceMinutes),
            planRows: plan.hours.map { h in
                ReportContext.cells(["\(h.hour)h", Self.decimal(h.arrivals), h.needed.map(String.init) ?? "quá tải", "\(h.planned)",
                 VietnameseFormat.percent(h.withinTargetPercent), h.meanWaitMinutes.map(Self.decimal) ?? "quá tải"],
                                    ReportContext.planHeadings, textColumns: 1)
            },
            statisticsRows: statistics.rows.map { r in
                ReportContext.cells([r.kind, r.name, "\(r.tickets)", "\(r.called)", "\(r.served)", "\(r.noShows)"]
                    + [r.meanWaitMinutes, r.p90WaitMinutes, r.meanServiceMinutes, r.p90ServiceMinutes].map { $0.map(Self.decimal) ?? "–" },
                                    ReportContext.statisticsHeadings, textColumns: 2)
            }))
    }

    /// "15", "8,7": one decimal at most, with a comma.
    static func decimal(_ value: Double) -> String { VietnameseFormat.decimal(value, places: 1) }

    @Sendable func reportCSV(req: Request) async throws -> Response {
        let unit = try await QueueAPI.unit(req)
        try QueueReports.authorize(try req.requirePrincipal(), unit)
        let day = try QueueReports.day(req.query[String.self, at: "ngay"], now: req.now)
        let csv = QueueReports.csv(try await QueueReports.statistics(of: unit, day: day, on: req.db))
        return Response.csv(csv, filename: "hang-doi-\(unit.code)-\(day.description).csv")
    }

    // MARK: Counter

    struct CounterView: Encodable {
        let id: String
        let name: String
        let groups: String
        let officerName: String?
        let mine: Bool
        let free: Bool
    }

    struct CounterContext: Encodable {
        let layout: Layout
        let unitCode: String
        let counters: [CounterView]
        let mine: CounterView?
        let current: QueueBoard.TicketState?
        let lines: [QueueBoard.Line]
        let otherGroups: [Option]
        let actions: [Option]
    }

    @Sendable func counters(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        guard let unitID = principal.actor.unitID, let unit = try await OrgUnit.find(unitID, on: req.db),
              principal.may(.serveQueue, in: unit.scope)
        else { throw AppError.forbidden("Chỉ cán bộ một cửa phục vụ tại quầy.") }
        let groups = try await ServiceGroup.query(on: req.db).filter(\.$unit.$id == unitID).sort(\.$position).all()
        let names = Dictionary(uniqueKeysWithValues: groups.map { ($0.id!, "\($0.prefix) – \($0.name)") })
        let all = try await ServiceCounter.query(on: req.db).filter(\.$unit.$id == unitID).filter(\.$isActive == true).sort(\.$name).all()
        let views = all.map { c in
            CounterView(id: c.id!.uuidString, name: c.name, groups: c.groupIDs.compactMap { names[$0] }.joined(separator: "; "),
                        officerName: c.officerName, mine: c.officerID == principal.userID, free: c.officerID == nil)
        }
        let mine = all.first { $0.officerID == principal.userID }
        var current: QueueBoard.TicketState?
        if let mine, let ticket = try await QueueDesk.current(at: mine.id!, day: QueueDesk.today(req.now), on: req.db) {
            current = try await QueueBoard.ticket(ticket.id, now: req.now, on: req.db)
        }
        let state = try await QueueBoard.state(of: unit, now: req.now, on: req.db)
        let actions: [QueueDesk.CounterAction] = switch current?.status {
        case .called: [.start, .recall, .skip, .transfer]
        case .serving: [.finish, .transfer]
        default: mine == nil ? [] : [.callNext, .callNumber]
        }
        return try await req.view.render("Queue/counter", CounterContext(
            layout: Layout(request: req, title: "Quầy phục vụ"), unitCode: unit.code, counters: views,
            mine: views.first { $0.mine }, current: current,
            lines: state.lines.filter { line in mine?.groupIDs.contains(line.groupID) ?? true },
            otherGroups: groups.filter { g in current.map { $0.groupName != g.name } ?? false }.map { Option(value: $0.id!.uuidString, label: "\($0.prefix) – \($0.name)") },
            actions: actions.map { Option(value: $0.rawValue, label: $0.label) }))
    }

    @Sendable func takeCounter(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        return try await req.redirectAfter(SiteURL.counters.path, success: "Đã nhận quầy.") {
            _ = try await QueueDesk.take(req.parameters.get("id", as: UUID.self), by: principal, in: req.context)
        }
    }

    @Sendable func leaveCounter(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        return try await req.redirectAfter(SiteURL.counters.path, success: "Đã rời quầy. Quầy trống cho cán bộ khác nhận.") {
            _ = try await QueueDesk.leave(req.parameters.get("id", as: UUID.self), by: principal, in: req.context)
        }
    }

    @Sendable func act(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let action = QueueDesk.CounterAction(rawValue: req.parameters.get("action") ?? "") else {
            throw AppError.notFound("Không có thao tác này.")
        }
        let form = try FormInput(req)
        let input = QueueDesk.ActionInput(code: form.text("code"), groupID: UUID(uuidString: form.text("groupID")))
        var message = "Đã \(action.label.lowercased())."
        do {
            let ticket = try await QueueDesk.perform(action, at: req.parameters.get("id", as: UUID.self), input, by: principal, in: req.context)
            if [.callNext, .callNumber, .recall].contains(action) { message = "Đang gọi: mời số \(ticket.code) đến quầy \(ticket.counterName ?? "")." }
        } catch let error as AppError where [.unprocessableEntity, .conflict].contains(error.status) {
            return req.redirect(to: SiteURL.counters.path, flash: error.detail, isError: true)
        }
        return req.redirect(to: SiteURL.counters.path, flash: message)
    }
}
