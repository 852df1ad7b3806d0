import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The working calendar, appointment dates and working time as JSON.
struct CalendarAPI: RouteCollection {
    private static let problem = JSONValue.ref("Problem")

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/calendar/{year}", operationID: "getCalendarYear",
              summary: "Ngày nghỉ trong tuần làm việc và ngày làm việc cuối tuần của một năm", tag: "Lịch làm việc",
              parameters: [.init(name: "year", location: .path, description: "Năm (1901–2099)", schema: JSONValue.integer)],
              responses: [200: ("Các ngày đặc biệt trong năm", .ref("CalendarYear")), 400: ("Năm không hợp lệ", problem)]),
        .init(method: .GET, path: "/api/v1/deadline", operationID: "computeDeadline", summary: "Tính ngày hẹn trả kết quả",
              tag: "Lịch làm việc",
              parameters: [
                APIOperation.Parameter.query("received", "Thời điểm nhận đủ hồ sơ (ISO 8601, ví dụ 2026-02-13T10:00:00+07:00)", JSONValue.dateTime),
                APIOperation.Parameter.query("value", "Thời hạn (số ngày hoặc giờ làm việc; 0 với same_day)", JSONValue.integer),
                APIOperation.Parameter.query("unit", "Đơn vị thời hạn", .ref("DeadlineUnit")),
                APIOperation.Parameter.query("unitID", "Đơn vị hành chính (để dùng giờ làm việc của đơn vị)", JSONValue.uuid),
              ],
              responses: [200: ("Ngày hẹn", .ref("Deadline")), 400: ("Tham số không hợp lệ", problem)]),
        .init(method: .GET, path: "/api/v1/working-time", operationID: "computeWorkingTime", summary: "Thời gian làm việc giữa hai thời điểm",
              tag: "Lịch làm việc",
              parameters: [APIOperation.Parameter.query("from", "Từ (ISO 8601)", JSONValue.dateTime),
                           APIOperation.Parameter.query("to", "Đến (ISO 8601)", JSONValue.dateTime),
                           APIOperation.Parameter.query("unitID", "Đơn vị hành chính", JSONValue.uuid)],
              responses: [200: ("Thời gian làm việc", .ref("WorkingTime")), 400: ("Tham số không hợp lệ", problem)]),
        .init(method: .POST, path: "/api/v1/calendar/declarations", operationID: "declareCalendarDay",
              summary: "Thêm ngày nghỉ hoặc làm bù theo thông báo (quản trị cấp tỉnh)", tag: "Lịch làm việc", security: .signedIn,
              requestSchema: .ref("DeclarationInput"),
              responses: [201: ("Đã thêm", .ref("CalendarDay")), 400: ("Dữ liệu không đọc được", problem), 401: ("Chưa đăng nhập", problem),
                          403: ("Không có quyền", problem), 422: ("Dữ liệu chưa hợp lệ", problem)]),
        .init(method: .DELETE, path: "/api/v1/calendar/declarations/{declarationID}", operationID: "withdrawCalendarDay",
              summary: "Bỏ một ngày đã thông báo (quản trị cấp tỉnh)", tag: "Lịch làm việc", security: .signedIn,
              parameters: [.path("declarationID", "Mã định danh (UUID) của thông báo")],
              responses: [204: ("Đã bỏ", nil), 401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem), 404: ("Không có", problem)]),
    ]

    static let schemas: [String: JSONValue] = {
        let text = JSONValue.text
        return [
            "CalendarDayKind": ["type": "string", "enum": .array(CalendarDay.Kind.allCases.map { .string($0.rawValue) })],
            "DeadlineUnit": ["type": "string", "enum": .array(DeadlineUnit.allCases.map { .string($0.rawValue) })],
            "CalendarDay": JSONValue.schemaObject(["date": ["type": "string", "format": "date"], "name": text, "kind": .ref("CalendarDayKind"),
                                                   "kindLabel": text, "isWorkingDay": JSONValue.boolean],
                                                  required: ["date", "name", "kind", "kindLabel", "isWorkingDay"]),
            "CalendarYear": JSONValue.schemaObject(["year": JSONValue.integer, "days": JSONValue.array(of: .ref("CalendarDay"))],
                                                   required: ["year", "days"]),
            "Deadline": JSONValue.schemaObject(["received": JSONValue.dateTime, "value": JSONValue.integer, "unit": .ref("DeadlineUnit"),
                                                "countsFrom": JSONValue.dateTime, "due": JSONValue.dateTime, "dueText": text],
                                               required: ["received", "value", "unit", "countsFrom", "due", "dueText"]),
            "WorkingTime": JSONValue.schemaObject(["from": JSONValue.dateTime, "to": JSONValue.dateTime, "seconds": JSONValue.integer,
                                                   "hours": ["type": "number"]], required: ["from", "to", "seconds", "hours"]),
            "DeclarationInput": JSONValue.schemaObject(["date": ["type": "string", "format": "date"], "kind": .ref("CalendarDayKind"), "name": text],
                                                       required: ["date", "kind", "name"]),
        ]
    }()

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("calendar", ":year", use: year)
        api.get("deadline", use: deadline)
        api.get("working-time", use: workingTime)
        api.post("calendar", "declarations", use: declare)
        api.delete("calendar", "declarations", ":declarationID", use: withdraw)
    }

    @Sendable func year(req: Request) async throws -> CalendarYearDTO {
        guard let year = req.parameters.get("year").flatMap(Int.init), CalendarService.supportedYears.contains(year) else {
            throw AppError.badRequest("Năm phải là số trong khoảng \(CalendarService.supportedYears.lowerBound)–\(CalendarService.supportedYears.upperBound).")
        }
        let calendar = try await CalendarService.calendar(covering: year...year, on: req.db)
        return CalendarYearDTO(year: year, days: calendar.exceptions(in: year).map(CalendarDayDTO.init))
    }

    @Sendable func deadline(req: Request) async throws -> DeadlineDTO {
        let question = try DeadlineQuestion(
            received: req.query[String.self, at: "received"], value: req.query[String.self, at: "value"],
            unit: req.query[String.self, at: "unit"])
        let unit = try await Self.unit(req.query[String.self, at: "unitID"], on: req.db)
        return try await question.answer(for: unit, on: req.db)
    }

    @Sendable func workingTime(req: Request) async throws -> WorkingTimeDTO {
        guard let from = req.query[String.self, at: "from"].flatMap(MomentParser.parse),
              let to = req.query[String.self, at: "to"].flatMap(MomentParser.parse) else {
            throw AppError.badRequest("from và to phải là thời điểm theo ISO 8601, ví dụ 2026-02-13T10:00:00+07:00.")
        }
        guard to >= from else { throw AppError.badRequest("to phải sau from.") }
        guard to.timeIntervalSince(from) <= 5 * 366 * 86_400 else { throw AppError.badRequest("Khoảng thời gian tối đa 5 năm.") }
        let unit = try await Self.unit(req.query[String.self, at: "unitID"], on: req.db)
        let time = try await CalendarService.workingTime(around: [from, to], unit: unit, on: req.db)
        do {
            let seconds = try time.workingSeconds(from: from, to: to)
            return WorkingTimeDTO(from: from, to: to, seconds: seconds, hours: Double(seconds) / 3600)
        } catch {
            throw AppError.badRequest("Thời điểm nằm ngoài lịch làm việc đã biết.")
        }
    }

    private struct DeclarationInput: Decodable {
        let date: String
        let kind: String
        let name: String
    }

    @Sendable func declare(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let input = try req.content.decode(DeclarationInput.self)
        let declaration = try await CalendarService.declare(date: input.date, kind: input.kind, name: input.name, by: principal,
                                                            audit: req.audit, on: req.db)
        return try await CalendarDayDTO(declaration.calendarDay!).encodeResponse(status: .created, for: req)
    }

    @Sendable func withdraw(req: Request) async throws -> HTTPStatus {
        let principal = try req.requirePrincipal()
        try await CalendarService.withdraw(req.parameters.get("declarationID"), by: principal, audit: req.audit, on: req.db)
        return .noContent
    }

    /// The unit named by `unitID`, for its office hours; nil when absent.
    static func unit(_ raw: String?, on db: any Database) async throws -> OrgUnit? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let id = UUID(uuidString: raw), let unit = try await OrgUnit.find(id, on: db) else {
            throw AppError.badRequest("unitID không phải đơn vị nào.")
        }
        return unit
    }
}

/// "When is the appointment?" as typed in a query or the public form, validated in Vietnamese.
struct DeadlineQuestion {
    let received: Date
    let value: Int
    let unit: DeadlineUnit

    init(received rawReceived: String?, value rawValue: String?, unit rawUnit: String?) throws {
        var problems: [FieldProblem] = []
        let received = rawReceived.flatMap(MomentParser.parse)
        if received == nil {
            problems.append(.init(field: "received", message: "Thời điểm nhận hồ sơ phải theo dạng 2026-02-13T10:00:00+07:00."))
        }
        let unit = rawUnit.flatMap(DeadlineUnit.init(rawValue:))
        if unit == nil {
            problems.append(.init(field: "unit", message: "Đơn vị thời hạn phải là working_days, working_hours hoặc same_day."))
        }
        let value = (rawValue ?? (unit == .sameDay ? "0" : "")).trimmingCharacters(in: .whitespaces)
        let number = Int(value)
        if number == nil || number! < 0 || number! > 1000 {
            problems.append(.init(field: "value", message: "Thời hạn phải là số nguyên từ 0 đến 1000."))
        }
        guard problems.isEmpty, let received, let unit, let number else {
            throw AppError(status: .badRequest, detail: problems.map(\.message).joined(separator: " "), problems: problems)
        }
        self.received = received
        self.value = number
        self.unit = unit
    }

    func answer(for orgUnit: OrgUnit?, on db: any Database) async throws -> DeadlineDTO {
        let time = try await CalendarService.workingTime(around: [received], unit: orgUnit, on: db)
        do {
            let appointment = try DeadlineCalculator(time: time).appointment(receivedAt: received, value: value, unit: unit)
            return DeadlineDTO(received: received, value: value, unit: unit, countsFrom: appointment.countsFrom, due: appointment.due,
                               dueText: VietnameseFormat.dateTime(appointment.due))
        } catch {
            throw AppError.badRequest("Ngày hẹn vượt ra ngoài lịch làm việc đã biết; hãy giảm thời hạn.")
        }
    }
}
