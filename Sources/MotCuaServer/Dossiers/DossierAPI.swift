import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Dossiers as JSON: registration, workspaces, detail, actions, files and public tracking.
struct DossierAPI: RouteCollection {
    /// The largest file an upload may carry, in bytes (`AppConfig.maximumFileBytes`).
    let largestFile: Int

    private static let problem = JSONValue.ref("Problem")
    private static let dossierRef = APIOperation.Parameter.path("code", "Mã hồ sơ (ví dụ 10301008-261128-0001) hoặc mã định danh UUID", .text)
    private static let signedInErrors: [Int: (String, JSONValue?)] = [401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem)]

    static let operations: [APIOperation] = [
        .init(method: .POST, path: "/api/v1/dossiers", operationID: "registerDossier",
              summary: "Nộp hồ sơ trực tuyến (công dân) hoặc tiếp nhận tại quầy (cán bộ một cửa; accept=true để tiếp nhận ngay)",
              tag: "Hồ sơ", security: .signedIn,
              parameters: [.header(DossierRequestKey.header,
                                   "Khóa chống nộp trùng (ví dụ một UUID): gửi lại cùng yêu cầu với cùng khóa nhận về hồ sơ đã tạo, không tạo hồ sơ thứ hai",
                                   ["type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"])],
              requestSchema: .ref("ApplicationInput"),
              responses: [201: ("Hồ sơ đã đăng ký, có mã hồ sơ (hoặc hồ sơ đã tạo trước đó với cùng Idempotency-Key)", .ref("Dossier")),
                          400: ("Idempotency-Key không hợp lệ", problem),
                          422: ("Thông tin chưa hợp lệ, hoặc Idempotency-Key đã dùng cho yêu cầu khác", problem),
                          429: ("Tài khoản công dân đã nộp đủ số hồ sơ trực tuyến cho phép trong ngày", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/dossiers", operationID: "listDossiers",
              summary: "Hồ sơ chờ xử lý của cán bộ theo hộp (box), sắp xếp theo mức khẩn; công dân: hồ sơ của mình",
              tag: "Hồ sơ", security: .signedIn,
              parameters: [.query("box", "Hộp việc", ["type": "string", "enum": .array(DossierWorkspace.Box.allCases.map { .string($0.rawValue) })])],
              responses: [200: ("Hồ sơ", JSONValue.array(of: .ref("DossierSummary"))), 400: ("Hộp không hợp lệ", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/dossiers/{code}", operationID: "getDossier", summary: "Chi tiết hồ sơ, lịch sử, tệp và thao tác được phép",
              tag: "Hồ sơ", security: .signedIn, parameters: [dossierRef],
              responses: [200: ("Hồ sơ", .ref("Dossier")), 404: ("Không có hồ sơ hoặc không được xem", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .POST, path: "/api/v1/dossiers/{code}/actions/{action}", operationID: "actOnDossier",
              summary: "Thực hiện thao tác (tiếp nhận, bổ sung, phân công, trình, phê duyệt, trả kết quả…) với phiên bản đã xem",
              tag: "Hồ sơ", security: .signedIn,
              parameters: [dossierRef, .path("action", "Thao tác", .ref("DossierAction"))], requestSchema: .ref("DossierActionInput"),
              responses: [200: ("Hồ sơ sau thao tác", .ref("Dossier")), 404: ("Không có hồ sơ", problem),
                          409: ("Hồ sơ đã thay đổi hoặc trạng thái không cho phép", problem), 422: ("Thiếu lý do, ngày hẹn…", problem)]
                .merging(signedInErrors) { a, _ in a }),
        .init(method: .POST, path: "/api/v1/dossiers/{code}/files", operationID: "addDossierFile",
              summary: "Thêm tệp (PDF, JPG, PNG) vào hồ sơ: thân yêu cầu là nội dung tệp", tag: "Hồ sơ", security: .signedIn,
              parameters: [dossierRef, .query("name", "Tên tệp"), .query("document", "Thành phần hồ sơ")],
              responses: [201: ("Tệp đã lưu", .ref("DossierFile")), 404: ("Không có hồ sơ", problem), 413: ("Tệp quá lớn", problem),
                          422: ("Loại tệp không nhận", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/dossiers/{code}/files/{fileID}", operationID: "getDossierFile", summary: "Tải tệp của hồ sơ",
              tag: "Hồ sơ", security: .signedIn, parameters: [dossierRef, .path("fileID", "Mã định danh tệp")],
              responses: [200: ("Nội dung tệp", nil), 404: ("Không có tệp", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/dossiers/{code}/status", operationID: "trackDossier",
              summary: "Tra cứu tình trạng hồ sơ theo mã (công khai, không có thông tin cá nhân)", tag: "Hồ sơ",
              parameters: [dossierRef, .query("phone", "4 số cuối điện thoại người nộp: xem thêm lý do bổ sung, từ chối, xin lỗi")],
              responses: [200: ("Tình trạng", .ref("DossierStatus")), 403: ("Số điện thoại không khớp", problem), 404: ("Không có hồ sơ", problem),
                          429: ("Thử số điện thoại quá nhiều lần (một hồ sơ trong ngày, hoặc một địa chỉ trong giờ)", problem)]),
    ]

    static let schemas: [String: JSONValue] = {
        let text = JSONValue.text, integer = JSONValue.integer, date = JSONValue.dateTime
        func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }
        let status = enumeration(DossierStatus.allCases.map(\.rawValue))
        let timeliness = enumeration(Timeliness.allCases.map(\.rawValue))
        let delivery = enumeration(ResultDelivery.allCases.map(\.rawValue))
        return [
            "DossierAction": enumeration(DossierAction.allCases.map(\.rawValue)),
            "ApplicationInput": JSONValue.schemaObject([
                "unitCode": text, "procedureCode": text, "applicantName": text, "applicantIDNumber": text, "applicantPhone": text,
                "applicantEmail": text, "applicantAddress": text, "requestSummary": text, "resultDelivery": delivery,
                "channel": enumeration(SubmissionChannel.allCases.map(\.rawValue)), "accept": .boolean,
            ], required: ["unitCode", "procedureCode", "applicantName", "applicantPhone", "applicantAddress"]),
            "DossierActionInput": JSONValue.schemaObject([
                "version": integer, "note": text, "assigneeID": .uuid, "newAppointmentDate": ["type": "string", "format": "date"],
                "agency": text, "transferUnitCode": text,
                "paymentChannel": enumeration(PaymentChannel.allCases.map(\.rawValue)), "resultDelivery": delivery,
            ], required: ["version"]),
            "DossierFile": JSONValue.schemaObject([
                "id": .uuid, "documentName": text, "fileName": text, "mediaType": text, "size": integer, "sha256": text,
                "digitized": .boolean, "uploadedAt": date,
            ], required: ["id", "documentName", "fileName", "mediaType", "size", "sha256", "digitized", "uploadedAt"]),
            "DossierEvent": JSONValue.schemaObject([
                "at": date, "action": text, "label": text, "fromStatus": status, "toStatus": status, "actorName": text, "givenBy": text,
                "receivedBy": text, "stepDueAt": date, "stepTimeliness": timeliness, "note": text, "appointmentAt": date,
            ], required: ["at", "action", "label", "toStatus", "actorName", "note"]),
            "Dossier": JSONValue.schemaObject([
                "id": .uuid, "code": text, "version": integer, "status": status, "statusLabel": text, "nationalStatusCode": integer,
                "channel": enumeration(SubmissionChannel.allCases.map(\.rawValue)), "procedureCode": text, "procedureName": text,
                "procedureVersion": integer, "unitID": .uuid, "handlingUnitID": .uuid, "applicantName": text, "applicantIDNumber": text,
                "applicantPhone": text, "applicantEmail": text, "applicantAddress": text, "requestSummary": text, "resultDelivery": delivery,
                "submittedAt": date, "receivedAt": date, "legalAppointmentAt": date, "appointmentAt": date, "processedAt": date,
                "returnedAt": date, "timeliness": timeliness,
                "supplements": JSONValue.array(of: JSONValue.schemaObject(["requestedAt": date, "completedAt": date], required: ["requestedAt"])),
                "apologyCount": integer, "assigneeID": .uuid, "assigneeName": text, "holder": text, "stepDueAt": date, "transferAgency": text, "paidAt": date,
                "paidOnline": ["type": "integer", "enum": [1, 2], "description": "DuocThanhToanTrucTuyen: 1 DVCQG, 2 cổng thanh toán địa phương"],
                "allowedActions": JSONValue.array(of: .ref("DossierAction")), "events": JSONValue.array(of: .ref("DossierEvent")),
                "files": JSONValue.array(of: .ref("DossierFile")),
            ], required: ["id", "code", "version", "status", "statusLabel", "nationalStatusCode", "channel", "procedureCode", "procedureName",
                          "procedureVersion", "unitID", "handlingUnitID", "applicantName", "applicantPhone", "applicantAddress", "requestSummary",
                          "resultDelivery", "submittedAt", "supplements", "apologyCount", "holder", "allowedActions", "events", "files"]),
            "DossierSummary": JSONValue.schemaObject([
                "id": .uuid, "code": text, "status": status, "statusLabel": text, "procedureCode": text, "procedureName": text,
                "applicantName": text, "submittedAt": date, "appointmentAt": date, "assigneeName": text,
                "urgency": enumeration(["overdue", "due_soon", "on_track"]), "urgencyLabel": text,
            ], required: ["id", "code", "status", "statusLabel", "procedureCode", "procedureName", "applicantName", "submittedAt"]),
            "DossierStatus": JSONValue.schemaObject([
                "code": text, "procedureCode": text, "procedureName": text, "receivingUnit": text, "status": status, "statusLabel": text,
                "nationalStatusCode": integer, "submittedAt": date, "receivedAt": date, "appointmentAt": date, "processedAt": date,
                "returnedAt": date, "timeliness": timeliness, "detailsShown": .boolean,
                "timeline": JSONValue.array(of: JSONValue.schemaObject(["at": date, "label": text, "note": text, "appointmentAt": date],
                                                                       required: ["at", "label"])),
            ], required: ["code", "procedureCode", "procedureName", "receivingUnit", "status", "statusLabel", "nationalStatusCode",
                          "submittedAt", "detailsShown", "timeline"]),
        ]
    }()

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "dossiers")
        api.post(use: register)
        api.get(use: list)
        api.get(":code", use: detail)
        api.post(":code", "actions", ":action", use: act)
        // Signed in before the body is read, and no more than the largest file is read.
        api.grouped(SignInRequiredMiddleware()).on(.POST, ":code", "files", body: .collect(maxSize: ByteCount(value: largestFile)), use: addFile)
        api.get(":code", "files", ":fileID", use: file)
        api.get(":code", "status", use: status)
    }

    /// The dossier a path names by code or by UUID.
    static func dossierID(_ req: Request) async throws -> UUID? {
        try await DossierWorkspace.id(of: req.parameters.get("code") ?? "", on: req.db)
    }

    @Sendable func register(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let requestKey = try DossierRequestKey.of(req, owner: principal.userID)
        if let earlier = try await requestKey?.earlierDossier(on: req.db) { return try await Self.replay(earlier, for: principal, req) }
        let input = try req.content.decode(ApplicationInput.self)
        let registration: DossierIntake.Registration
        do {
            registration = try await DossierIntake.register(input, by: principal, requestKey: requestKey, in: req.context)
        } catch is DossierRequestKey.Taken {
            // A request with the same key committed while this one ran: answer with its dossier.
            guard let earlier = try await requestKey?.earlierDossier(on: req.db) else { throw AppError.conflict("Yêu cầu trùng đang được xử lý; thử lại sau ít giây.") }
            return try await Self.replay(earlier, for: principal, req)
        }
        // A new dossier has no files yet; its events are the ones just written.
        return try await DossierWorkspace.dto(registration.dossier, events: registration.events, files: [], for: principal)
            .encodeResponse(status: .created, for: req)
    }

    /// The answer to a repeated registration: the dossier the first one made, as it is now.
    private static func replay(_ id: UUID, for principal: Principal, _ req: Request) async throws -> Response {
        let (dossier, events, files) = try await DossierWorkspace.detail(id, for: principal, on: req.db)
        let response = try await DossierWorkspace.dto(dossier, events: events, files: files, for: principal).encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: "Idempotent-Replayed", value: "true")
        return response
    }

    @Sendable func list(req: Request) async throws -> [DossierSummaryDTO] {
        let principal = try req.requirePrincipal()
        let time = try await CalendarService.workingTime(around: [req.now], unit: nil, on: req.db)
        if principal.isCitizen {
            return DossierWorkspace.summaries(try await DossierWorkspace.own(by: principal, on: req.db), now: req.now, time: time)
        }
        guard principal.reach(.handleDossiers) != .nowhere else { throw AppError.forbidden() }
        let raw = req.query[String.self, at: "box"]
        let boxes: [DossierWorkspace.Box]
        if let raw {
            guard let box = DossierWorkspace.Box(rawValue: raw) else { throw AppError.badRequest("box không hợp lệ: \(raw.prefix(40)).") }
            boxes = [box]
        } else {
            boxes = DossierWorkspace.Box.of(principal)
        }
        var rows: [DossierWorkspace.Row] = []
        for box in boxes { rows += try await DossierWorkspace.rows(box, for: principal, on: req.db) }
        return DossierWorkspace.summaries(rows, now: req.now, time: time)
    }

    @Sendable func detail(req: Request) async throws -> DossierDTO {
        let principal = try req.requirePrincipal()
        let (dossier, events, files) = try await DossierWorkspace.detail(try await Self.dossierID(req), for: principal, on: req.db)
        return DossierWorkspace.dto(dossier, events: events, files: files, for: principal)
    }

    @Sendable func act(req: Request) async throws -> DossierDTO {
        let principal = try req.requirePrincipal()
        guard let id = try await Self.dossierID(req) else { throw AppError.notFound("Không tìm thấy hồ sơ.") }
        guard let action = DossierAction(rawValue: req.parameters.get("action") ?? "") else {
            throw AppError.notFound("Không có thao tác “\(req.parameters.get("action")?.prefix(40) ?? "")”.")
        }
        let input = try req.content.decode(DossierActionInput.self)
        let changed = try await DossierDesk.perform(action, on: id, input, by: principal, in: req.context)
        let (dossier, events, files) = try await DossierWorkspace.history(of: changed, on: req.db)
        return DossierWorkspace.dto(dossier, events: events, files: files, for: principal)
    }

    @Sendable func addFile(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let body = req.body.data else { throw AppError.invalid([.init(field: "file", message: "Tệp rỗng.")]) }
        let data = Data(body.readableBytesView)
        let file = try await DossierFiles.add(data, fileName: req.query[String.self, at: "name"] ?? "tep", documentName: req.query[String.self, at: "document"] ?? "",
                                              to: try await Self.dossierID(req), by: principal, in: req.context)
        return try await DossierDTO.File(id: file.id!, documentName: file.documentName, fileName: file.fileName, mediaType: file.mediaType,
                                         size: file.size, sha256: file.sha256, digitized: file.digitized, uploadedAt: file.uploadedAt)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func file(req: Request) async throws -> Response {
        try await DossierFiles.download(req.parameters.get("fileID", as: UUID.self), of: try await Self.dossierID(req),
                                        by: try req.requirePrincipal(), request: req)
    }

    @Sendable func status(req: Request) async throws -> DossierStatusDTO {
        let found = try await DossierTracking.lookup(code: req.parameters.get("code") ?? "", phoneDigits: req.query[String.self, at: "phone"], request: req)
        if let refusal = found.refusal { throw refusal }
        return found.status
    }
}
