import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The queue as JSON: a unit's board, tickets (taken at the kiosk or remotely, followed on a phone)
/// and the officer's counter.
struct QueueAPI: RouteCollection {
    private static let problem = JSONValue.ref("Problem")
    private static let signedInErrors: [Int: (String, JSONValue?)] = [401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem)]

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/queue/units/{unitCode}", operationID: "getQueueBoard",
              summary: "Bảng hiển thị hàng đợi của đơn vị: số đang gọi, số người chờ và thời gian chờ dự kiến theo nhóm", tag: "Xếp hàng",
              parameters: [.path("unitCode", "Mã đơn vị", .text)],
              responses: [200: ("Bảng hàng đợi", .ref("QueueBoard")), 404: ("Không có đơn vị", problem)]),
        .init(method: .POST, path: "/api/v1/queue/units/{unitCode}/groups", operationID: "addQueueGroup",
              summary: "Thêm nhóm dịch vụ (tên, chữ cái đầu số, thời gian phục vụ thường lệ)", tag: "Xếp hàng", security: .signedIn,
              parameters: [.path("unitCode", "Mã đơn vị", .text)], requestSchema: .ref("QueueGroupInput"),
              responses: [201: ("Nhóm dịch vụ", .ref("QueueGroup")), 404: ("Không có đơn vị", problem), 422: ("Thông tin chưa hợp lệ", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .POST, path: "/api/v1/queue/units/{unitCode}/counters", operationID: "addQueueCounter",
              summary: "Thêm quầy và các nhóm dịch vụ quầy phục vụ", tag: "Xếp hàng", security: .signedIn,
              parameters: [.path("unitCode", "Mã đơn vị", .text)], requestSchema: .ref("QueueCounterInput"),
              responses: [201: ("Quầy", .ref("QueueCounter")), 404: ("Không có đơn vị", problem), 422: ("Thông tin chưa hợp lệ", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/queue/units/{unitCode}/statistics", operationID: "getQueueStatistics",
              summary: "Số liệu hàng đợi trong ngày theo nhóm, quầy, cán bộ: số phiếu, thời gian chờ và phục vụ (trung bình, phân vị 90), vắng mặt",
              tag: "Xếp hàng", security: .signedIn,
              parameters: [.path("unitCode", "Mã đơn vị", .text), .query("date", "Ngày (năm-tháng-ngày), mặc định hôm nay")],
              responses: [200: ("Số liệu", .ref("QueueStatistics")), 404: ("Không có đơn vị", problem), 422: ("Ngày không hợp lệ", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/queue/units/{unitCode}/plan", operationID: "getQueueCounterPlan",
              summary: "Số quầy cần mở theo từng giờ (Erlang C) để giữ tỷ lệ công dân chờ không quá thời gian mục tiêu, và kết quả với số quầy dự kiến",
              tag: "Xếp hàng", security: .signedIn,
              parameters: [.path("unitCode", "Mã đơn vị", .text), .query("date", "Ngày cần lập kế hoạch (năm-tháng-ngày)"),
                           .query("target", "Thời gian chờ mục tiêu (phút), mặc định 15"), .query("level", "Tỷ lệ đạt mục tiêu (%), mặc định 80"),
                           .query("counters", "Số quầy dự kiến mở, mặc định số quầy của đơn vị")],
              responses: [200: ("Kế hoạch theo giờ", .ref("QueueCounterPlan")), 404: ("Không có đơn vị", problem), 422: ("Tham số không hợp lệ", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .POST, path: "/api/v1/queue/tickets", operationID: "takeQueueTicket",
              summary: "Lấy số thứ tự (tại ki-ốt hoặc từ xa trên điện thoại)", tag: "Xếp hàng", requestSchema: .ref("QueueTicketInput"),
              responses: [201: ("Số thứ tự", .ref("QueueTicket")), 422: ("Chưa chọn nhóm dịch vụ", problem),
                          409: ("Ngoài giờ làm việc: ki-ốt không cấp số (số lấy từ xa dùng cho lần mở cửa tới)", problem),
                          429: ("Lấy quá nhiều số từ một địa chỉ trong một giờ", problem)]),
        .init(method: .GET, path: "/api/v1/queue/tickets/{id}", operationID: "getQueueTicket",
              summary: "Vị trí và thời gian chờ dự kiến của một số thứ tự (ước tính theo tốc độ phục vụ thực tế của các quầy đang mở)",
              tag: "Xếp hàng", parameters: [.path("id", "Mã định danh số thứ tự")],
              responses: [200: ("Số thứ tự", .ref("QueueTicket")), 404: ("Không có số thứ tự", problem)]),
        .init(method: .POST, path: "/api/v1/queue/counters/{id}/take", operationID: "takeQueueCounter",
              summary: "Cán bộ nhận quầy (rời quầy khác nếu có)", tag: "Xếp hàng", security: .signedIn,
              parameters: [.path("id", "Mã định danh quầy")],
              responses: [200: ("Quầy", .ref("QueueCounter")), 404: ("Không có quầy", problem), 409: ("Quầy do người khác phụ trách", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .POST, path: "/api/v1/queue/counters/{id}/actions/{action}", operationID: "actAtQueueCounter",
              summary: "Gọi số tiếp theo, gọi lại, gọi một số, bỏ qua (vắng mặt), chuyển nhóm, bắt đầu, kết thúc phục vụ", tag: "Xếp hàng",
              security: .signedIn,
              parameters: [.path("id", "Mã định danh quầy"), .path("action", "Thao tác", .ref("QueueCounterAction"))],
              requestSchema: .ref("QueueCounterActionInput"),
              responses: [200: ("Số thứ tự sau thao tác", .ref("QueueTicket")), 404: ("Không có quầy", problem),
                          409: ("Không còn ai chờ, hoặc quầy đang bận", problem), 422: ("Số hoặc nhóm không hợp lệ", problem)]
                .merging(signedInErrors) { a, _ in a }),
    ]

    static let schemas: [String: JSONValue] = {
        let text = JSONValue.text, integer = JSONValue.integer, date = JSONValue.dateTime
        func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }
        let priority = enumeration(TicketPriority.allCases.map(\.rawValue))
        return [
            "QueueCounterAction": enumeration(QueueDesk.CounterAction.allCases.map(\.rawValue)),
            "QueueTicketInput": JSONValue.schemaObject([
                "groupID": .uuid, "priority": priority, "channel": enumeration(["kiosk", "remote"]),
            ], required: ["groupID"]),
            "QueueCounterActionInput": JSONValue.schemaObject(["code": text, "groupID": .uuid], required: []),
            "QueueGroupInput": JSONValue.schemaObject(["name": text, "prefix": text, "typicalMinutes": .decimal, "position": integer],
                                                      required: ["name", "prefix"]),
            "QueueGroup": JSONValue.schemaObject(["id": .uuid, "name": text, "prefix": text, "typicalMinutes": .decimal],
                                                 required: ["id", "name", "prefix", "typicalMinutes"]),
            "QueueCounterInput": JSONValue.schemaObject(["name": text, "groupIDs": JSONValue.array(of: .uuid)], required: ["name", "groupIDs"]),
            "QueueTicket": JSONValue.schemaObject([
                "id": .uuid, "code": text, "groupName": text, "status": enumeration(QueueTicket.Status.allCases.map(\.rawValue)),
                "statusLabel": text, "priority": priority, "priorityUnverified": .boolean, "issuedAt": date, "ahead": integer,
                "expectedWaitMinutes": integer, "waitFromMinutes": integer, "waitToMinutes": integer, "waitText": text,
                "forNextOpening": text, "counter": text, "unitCode": text,
            ], required: ["id", "code", "groupName", "status", "statusLabel", "priorityUnverified", "issuedAt", "unitCode"]),
            "QueueCounter": JSONValue.schemaObject(["id": .uuid, "name": text, "officerName": text, "groupIDs": JSONValue.array(of: .uuid)],
                                                   required: ["id", "name", "groupIDs"]),
            "QueueStatistics": JSONValue.schemaObject([
                "unitCode": text, "day": text,
                "rows": JSONValue.array(of: JSONValue.schemaObject([
                    "kind": text, "name": text, "tickets": integer, "called": integer, "served": integer, "noShows": integer,
                    "meanWaitMinutes": .decimal, "p90WaitMinutes": .decimal, "meanServiceMinutes": .decimal, "p90ServiceMinutes": .decimal,
                ], required: ["kind", "name", "tickets", "called", "served", "noShows"])),
            ], required: ["unitCode", "day", "rows"]),
            "QueueCounterPlan": JSONValue.schemaObject([
                "unitCode": text, "day": text, "historyDays": JSONValue.array(of: text), "serviceMinutes": .decimal, "targetMinutes": .decimal,
                "levelPercent": .decimal,
                "hours": JSONValue.array(of: JSONValue.schemaObject([
                    "hour": integer, "arrivals": .decimal, "needed": integer, "planned": integer, "withinTargetPercent": .decimal,
                    "meanWaitMinutes": .decimal,
                ], required: ["hour", "arrivals", "planned", "withinTargetPercent"])),
            ], required: ["unitCode", "day", "historyDays", "serviceMinutes", "targetMinutes", "levelPercent", "hours"]),
            "QueueBoard": JSONValue.schemaObject([
                "unitCode": text, "unitName": text, "day": text, "opensAt": date, "closedText": text,
                "called": JSONValue.array(of: JSONValue.schemaObject([
                    "ticketID": .uuid, "code": text, "counter": text, "calledAt": date, "calls": integer, "serving": .boolean, "announcement": text,
                ], required: ["ticketID", "code", "counter", "calledAt", "calls", "serving", "announcement"])),
                "lines": JSONValue.array(of: JSONValue.schemaObject([
                    "groupID": .uuid, "name": text, "prefix": text, "waiting": integer, "openCounters": integer, "expectedWaitMinutes": integer,
                    "waitFromMinutes": integer, "waitToMinutes": integer, "waitText": text,
                ], required: ["groupID", "name", "prefix", "waiting", "openCounters"])),
            ], required: ["unitCode", "unitName", "day", "called", "lines"]),
        ]
    }()

    struct TicketInput: Content {
        var groupID: UUID?
        var priority: TicketPriority?
        var channel: QueueTicket.Channel?
    }

    struct GroupDTO: Content {
        let id: UUID
        let name: String
        let prefix: String
        let typicalMinutes: Double
    }

    struct CounterDTO: Content {
        let id: UUID
        let name: String
        let officerName: String?
        let groupIDs: [UUID]
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "queue")
        api.get("units", ":unitCode", use: board)
        api.post("units", ":unitCode", "groups", use: addGroup)
        api.post("units", ":unitCode", "counters", use: addCounter)
        api.get("units", ":unitCode", "statistics", use: statistics)
        api.get("units", ":unitCode", "plan", use: plan)
        api.post("tickets", use: take)
        api.get("tickets", ":id", use: ticket)
        api.post("counters", ":id", "take", use: takeCounter)
        api.post("counters", ":id", "actions", ":action", use: act)
    }

    static func unit(_ req: Request) async throws -> OrgUnit {
        let code = req.parameters.get("unitCode") ?? ""
        guard code.count <= 40, let unit = try await OrgUnit.query(on: req.db).filter(\.$code == code).first(), unit.isActive else {
            throw AppError.notFound("Không có đơn vị mã “\(code.prefix(40))”.")
        }
        return unit
    }

    @Sendable func board(req: Request) async throws -> QueueBoard.State {
        try await QueueBoard.state(of: try await Self.unit(req), now: req.now, on: req.db)
    }

    @Sendable func addGroup(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let group = try await QueueSetup.addGroup(try req.content.decode(QueueSetup.GroupInput.self), to: try await Self.unit(req), by: principal, in: req.context)
        return try await GroupDTO(id: group.id!, name: group.name, prefix: group.prefix, typicalMinutes: group.typicalMinutes)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func addCounter(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let counter = try await QueueSetup.addCounter(try req.content.decode(QueueSetup.CounterInput.self), to: try await Self.unit(req),
                                                      by: principal, in: req.context)
        return try await CounterDTO(id: counter.id!, name: counter.name, officerName: counter.officerName, groupIDs: counter.groupIDs)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func statistics(req: Request) async throws -> QueueReports.Statistics {
        let unit = try await Self.unit(req)
        try QueueReports.authorize(try req.requirePrincipal(), unit)
        return try await QueueReports.statistics(of: unit, day: try QueueReports.day(req.query[String.self, at: "date"], now: req.now), on: req.db)
    }

    @Sendable func plan(req: Request) async throws -> QueueReports.Plan {
        let unit = try await Self.unit(req)
        try QueueReports.authorize(try req.requirePrincipal(), unit)
        let parameters = try QueueReports.PlanParameters(date: req.query[String.self, at: "date"], target: req.query[String.self, at: "target"],
                                                         level: req.query[String.self, at: "level"], counters: req.query[String.self, at: "counters"],
                                                         now: req.now)
        return try await QueueReports.plan(of: unit, parameters, on: req.db)
    }

    @Sendable func take(req: Request) async throws -> Response {
        let input = try req.content.decode(TicketInput.self)
        let ticket = try await QueueDesk.issue(groupID: input.groupID, priority: input.priority, channel: input.channel ?? .remote, in: req.context)
        return try await QueueBoard.ticket(ticket.id, now: req.now, on: req.db).encodeResponse(status: .created, for: req)
    }

    @Sendable func ticket(req: Request) async throws -> QueueBoard.TicketState {
        try await QueueBoard.ticket(req.parameters.get("id", as: UUID.self), now: req.now, on: req.db)
    }

    @Sendable func takeCounter(req: Request) async throws -> CounterDTO {
        let counter = try await QueueDesk.take(req.parameters.get("id", as: UUID.self), by: try req.requirePrincipal(), in: req.context)
        return CounterDTO(id: counter.id!, name: counter.name, officerName: counter.officerName, groupIDs: counter.groupIDs)
    }

    @Sendable func act(req: Request) async throws -> QueueBoard.TicketState {
        let principal = try req.requirePrincipal()
        guard let action = QueueDesk.CounterAction(rawValue: req.parameters.get("action") ?? "") else {
            throw AppError.notFound("Không có thao tác “\(req.parameters.get("action")?.prefix(40) ?? "")”.")
        }
        let input = (try? req.content.decode(QueueDesk.ActionInput.self)) ?? QueueDesk.ActionInput()
        let ticket = try await QueueDesk.perform(action, at: req.parameters.get("id", as: UUID.self), input, by: principal, in: req.context)
        return try await QueueBoard.ticket(ticket.id, now: req.now, on: req.db)
    }
}
