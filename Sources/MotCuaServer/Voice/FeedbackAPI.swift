import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Feedback as JSON: send and follow it, the public answers and reactions, the unit's inbox and
/// actions, the province's categories and time limits.
struct FeedbackAPI: RouteCollection {
    private static let problem = JSONValue.ref("Problem")
    private static let signedInErrors: [Int: (String, JSONValue?)] = [401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem)]

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/feedback/categories", operationID: "listFeedbackCategories",
              summary: "Các lĩnh vực phản ánh, kiến nghị của tỉnh và câu hỏi thêm của từng lĩnh vực", tag: "Phản ánh, kiến nghị",
              parameters: [.query("provinceCode", "Mã tỉnh; bỏ trống: tỉnh đầu tiên")],
              responses: [200: ("Lĩnh vực", JSONValue.array(of: .ref("FeedbackCategory"))), 404: ("Không có tỉnh", problem)]),
        .init(method: .POST, path: "/api/v1/feedback/categories", operationID: "saveFeedbackCategory",
              summary: "Thêm hoặc sửa lĩnh vực phản ánh (theo mã), quản trị cấp tỉnh", tag: "Phản ánh, kiến nghị", security: .signedIn,
              requestSchema: .ref("FeedbackCategory"),
              responses: [200: ("Lĩnh vực", .ref("FeedbackCategory")), 422: ("Thông tin chưa hợp lệ", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/feedback/deadlines", operationID: "getFeedbackDeadlines",
              summary: "Thời hạn xử lý phản ánh (ngày làm việc) theo loại thông thường, khẩn cấp", tag: "Phản ánh, kiến nghị",
              parameters: [.query("provinceCode", "Mã tỉnh")],
              responses: [200: ("Thời hạn", .ref("FeedbackDeadlines")), 404: ("Không có tỉnh", problem)]),
        .init(method: .PUT, path: "/api/v1/feedback/deadlines", operationID: "setFeedbackDeadlines",
              summary: "Đặt thời hạn xử lý phản ánh của tỉnh (áp dụng cho phản ánh nhận sau đó)", tag: "Phản ánh, kiến nghị", security: .signedIn,
              requestSchema: .ref("FeedbackDeadlines"),
              responses: [200: ("Thời hạn", .ref("FeedbackDeadlines")), 422: ("Thời hạn không hợp lệ", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .POST, path: "/api/v1/feedback", operationID: "sendFeedback",
              summary: "Gửi phản ánh, kiến nghị (không cần đăng nhập; cán bộ tổng đài nhập thay người gọi)", tag: "Phản ánh, kiến nghị",
              requestSchema: .ref("FeedbackInput"),
              responses: [201: ("Mã phản ánh và đường dẫn theo dõi", .ref("FeedbackReceipt")), 404: ("Không có tỉnh hoặc đơn vị được nêu", problem),
                          422: ("Thông tin chưa hợp lệ", problem), 429: ("Gửi quá nhiều trong một giờ", problem)]),
        .init(method: .GET, path: "/api/v1/feedback/track/{code}", operationID: "trackFeedback",
              summary: "Theo dõi phản ánh theo mã; với mã bí mật trong đường dẫn theo dõi, xem cả nội dung và lý do", tag: "Phản ánh, kiến nghị",
              parameters: [.path("code", "Mã phản ánh", .text), .query("secret", "Mã bí mật của người gửi")],
              responses: [200: ("Phản ánh", .ref("FeedbackTracking")), 404: ("Không có phản ánh", problem)]),
        .init(method: .POST, path: "/api/v1/feedback/track/{code}/information", operationID: "addFeedbackInformation",
              summary: "Người gửi bổ sung thông tin theo đề nghị của cơ quan", tag: "Phản ánh, kiến nghị",
              parameters: [.path("code", "Mã phản ánh", .text)], requestSchema: .ref("FeedbackInformation"),
              responses: [200: ("Phản ánh", .ref("FeedbackTracking")), 403: ("Mã bí mật không đúng", problem), 404: ("Không có phản ánh", problem),
                          409: ("Không có đề nghị bổ sung", problem)]),
        .init(method: .GET, path: "/api/v1/feedback/answers", operationID: "listPublicAnswers",
              summary: "Các câu trả lời phản ánh đã công khai (đã ẩn thông tin cá nhân), tìm không phân biệt dấu", tag: "Phản ánh, kiến nghị",
              parameters: [.query("q", "Từ khóa"), .query("categoryCode", "Lĩnh vực"), .query("unitCode", "Đơn vị"),
                           .query("page", "Trang (20 câu trả lời mỗi trang)", .integer)],
              responses: [200: ("Câu trả lời", .ref("PublicAnswerPage"))]),
        .init(method: .GET, path: "/api/v1/feedback/answers/{code}", operationID: "getPublicAnswer",
              summary: "Một câu trả lời đã công khai", tag: "Phản ánh, kiến nghị", parameters: [.path("code", "Mã phản ánh", .text)],
              responses: [200: ("Câu trả lời", .ref("PublicAnswer")), 404: ("Chưa công khai", problem)]),
        .init(method: .POST, path: "/api/v1/feedback/answers/{code}/reactions", operationID: "reactToAnswer",
              summary: "Đánh giá câu trả lời hữu ích hay không (mỗi người một lần, đổi được)", tag: "Phản ánh, kiến nghị",
              parameters: [.path("code", "Mã phản ánh", .text)], requestSchema: .ref("AnswerReactionInput"),
              responses: [200: ("Số đánh giá", .ref("AnswerReactions")), 404: ("Chưa công khai", problem), 429: ("Quá nhiều lần", problem)]),
        .init(method: .GET, path: "/api/v1/feedback/items", operationID: "listFeedbackItems",
              summary: "Phản ánh của đơn vị theo hộp: chờ tiếp nhận, đang xử lý, chờ duyệt, chờ công khai, quá hạn, đã kết thúc",
              tag: "Phản ánh, kiến nghị", security: .signedIn,
              parameters: [.query("box", "Hộp", ["type": "string", "enum": .array(FeedbackReading.Box.allCases.map { .string($0.rawValue) })]),
                           .query("unitCode", "Đơn vị (giám sát cấp tỉnh)")],
              responses: [200: ("Phản ánh", JSONValue.array(of: .ref("FeedbackRow")))].merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/feedback/items/{id}", operationID: "getFeedbackItem",
              summary: "Toàn bộ phản ánh: người gửi, thời hạn, quá trình xử lý, tệp, thao tác được phép", tag: "Phản ánh, kiến nghị",
              security: .signedIn, parameters: [.path("id", "Mã định danh phản ánh")],
              responses: [200: ("Phản ánh", .ref("FeedbackDetail")), 404: ("Không có phản ánh", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .POST, path: "/api/v1/feedback/items/{id}/actions/{action}", operationID: "actOnFeedback",
              summary: "Phân loại, từ chối, đề nghị bổ sung, chuyển phòng ban, chuyển đơn vị, trình, duyệt, trả lại, công khai",
              tag: "Phản ánh, kiến nghị", security: .signedIn,
              parameters: [.path("id", "Mã định danh phản ánh"),
                           .path("action", "Thao tác", ["type": "string", "enum": .array(FeedbackAction.allCases.map { .string($0.rawValue) })])],
              requestSchema: .ref("FeedbackActionInput"),
              responses: [200: ("Phản ánh sau thao tác", .ref("FeedbackDetail")), 404: ("Không có phản ánh", problem),
                          409: ("Trạng thái không cho phép, hoặc người khác vừa xử lý", problem), 422: ("Thông tin chưa hợp lệ", problem)]
                .merging(signedInErrors) { a, _ in a }),
    ]

    static let schemas: [String: JSONValue] = {
        let text = JSONValue.text, integer = JSONValue.integer, date = JSONValue.dateTime
        func enumeration(_ values: [String]) -> JSONValue { ["type": "string", "enum": .array(values.map { .string($0) })] }
        let status = enumeration(FeedbackStatus.allCases.map(\.rawValue))
        let stages = JSONValue.schemaObject(["reception": integer, "firstInfoRequest": integer, "answer": integer, "publish": integer],
                                            required: ["reception", "firstInfoRequest", "answer", "publish"])
        let late = JSONValue.array(of: enumeration(FeedbackClock.Stage.allCases.map(\.rawValue)))
        let answer = JSONValue.schemaObject([
            "code": text, "categoryName": text, "unitName": text, "question": text, "answer": text, "submittedAt": date, "publishedAt": date,
            "useful": integer, "notUseful": integer,
        ], required: ["code", "categoryName", "unitName", "question", "answer", "submittedAt", "publishedAt", "useful", "notUseful"])
        return [
            "FeedbackCategory": JSONValue.schemaObject([
                "code": text, "name": text, "description": text, "group": text, "keywords": JSONValue.array(of: text),
                "attributes": JSONValue.array(of: JSONValue.schemaObject([
                    "code": text, "datatype": enumeration(FeedbackCategory.Attribute.DataType.allCases.map(\.rawValue)), "required": .boolean,
                    "description": text, "values": JSONValue.array(of: JSONValue.schemaObject(["key": text, "name": text], required: ["key", "name"])),
                ], required: ["code", "datatype", "required", "description"])),
            ], required: ["code", "name"]),
            "FeedbackDeadlines": JSONValue.schemaObject(["normal": stages, "urgent": stages], required: ["normal", "urgent"]),
            "FeedbackInput": JSONValue.schemaObject([
                "provinceCode": text, "categoryCode": text, "unitCode": text, "description": text, "address": text, "latitude": .decimal,
                "longitude": .decimal, "attributes": ["type": "object", "additionalProperties": JSONValue.array(of: text)],
                "senderName": text, "senderPhone": text, "senderEmail": text, "channel": enumeration(["hotline", "counter"]),
            ], required: ["categoryCode", "description"]),
            "FeedbackReceipt": JSONValue.schemaObject(["code": text, "status": status, "statusLabel": text, "answerDueAt": date, "followURL": text],
                                                      required: ["code", "status", "statusLabel", "answerDueAt", "followURL"]),
            "FeedbackTracking": JSONValue.schemaObject([
                "code": text, "categoryName": text, "unitName": text, "status": status, "statusLabel": text, "submittedAt": date, "answerDueAt": date,
                "detailsShown": .boolean, "description": text,
                "timeline": JSONValue.array(of: JSONValue.schemaObject(["at": date, "status": status, "text": text], required: ["at", "status", "text"])),
                "publicQuestion": text, "publicAnswer": text, "publishedAt": date, "mayAddInformation": .boolean,
            ], required: ["code", "categoryName", "unitName", "status", "statusLabel", "submittedAt", "answerDueAt", "detailsShown", "timeline",
                          "mayAddInformation"]),
            "FeedbackInformation": JSONValue.schemaObject(["secret": text, "note": text], required: ["secret", "note"]),
            "PublicAnswer": answer,
            "PublicAnswerPage": JSONValue.schemaObject(["items": JSONValue.array(of: answer), "page": integer, "hasNext": .boolean],
                                                       required: ["items", "page", "hasNext"]),
            "AnswerReactionInput": JSONValue.schemaObject(["useful": .boolean], required: ["useful"]),
            "AnswerReactions": JSONValue.schemaObject(["useful": integer, "notUseful": integer], required: ["useful", "notUseful"]),
            "FeedbackRow": JSONValue.schemaObject([
                "id": .uuid, "code": text, "categoryName": text, "unitName": text, "status": status, "statusLabel": text,
                "kind": enumeration(FeedbackKind.allCases.map(\.rawValue)), "urgent": .boolean,
                "channel": enumeration(FeedbackItem.Channel.allCases.map(\.rawValue)), "submittedAt": date, "answerDueAt": date, "late": late,
                "summary": text,
            ], required: ["id", "code", "categoryName", "status", "statusLabel", "urgent", "channel", "submittedAt", "answerDueAt", "late"]),
            "FeedbackActionInput": JSONValue.schemaObject([
                "note": text, "kind": enumeration(FeedbackKind.allCases.map(\.rawValue)), "urgent": .boolean, "departmentID": .uuid,
                "unitCode": text, "agency": text, "answer": text, "publicQuestion": text, "publicAnswer": text, "version": integer,
            ]),
            "FeedbackDetail": JSONValue.schemaObject([
                "id": .uuid, "code": text, "version": integer, "unitCode": text, "unitName": text, "departmentID": .uuid, "departmentName": text,
                "categoryCode": text, "categoryName": text, "status": status, "statusLabel": text, "urgent": .boolean,
                "kind": enumeration(FeedbackKind.allCases.map(\.rawValue)), "channel": enumeration(FeedbackItem.Channel.allCases.map(\.rawValue)),
                "description": text, "address": text, "latitude": .decimal, "longitude": .decimal,
                "attributes": ["type": "object", "additionalProperties": JSONValue.array(of: text)], "senderName": text, "senderPhone": text,
                "senderEmail": text, "submittedAt": date, "receptionDueAt": date, "firstInfoDueAt": date, "answerDueAt": date, "publishDueAt": date,
                "late": late, "draftAnswer": text, "answer": text, "publicQuestion": text, "publicAnswer": text, "useful": integer,
                "notUseful": integer, "actions": JSONValue.array(of: enumeration(FeedbackAction.allCases.map(\.rawValue))),
                "updates": JSONValue.array(of: JSONValue.schemaObject([
                    "at": date, "action": text, "actionLabel": text, "status": status, "actorName": text, "note": text, "publicNote": text,
                ], required: ["at", "action", "actionLabel", "status", "actorName", "note"])),
                "files": JSONValue.array(of: JSONValue.schemaObject(["id": .uuid, "fileName": text, "mediaType": text, "size": integer],
                                                                    required: ["id", "fileName", "mediaType", "size"])),
            ], required: ["id", "code", "version", "status", "statusLabel", "description", "submittedAt", "answerDueAt", "late", "actions",
                          "updates", "files"]),
        ]
    }()

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "feedback")
        api.get("categories", use: categories)
        api.post("categories", use: saveCategory)
        api.get("deadlines", use: deadlines)
        api.put("deadlines", use: setDeadlines)
        api.post(use: send)
        api.get("track", ":code", use: track)
        api.post("track", ":code", "information", use: addInformation)
        api.get("answers", use: answers)
        api.get("answers", ":code", use: answer)
        api.post("answers", ":code", "reactions", use: react)
        api.get("items", use: items)
        api.get("items", ":id", use: item)
        api.post("items", ":id", "actions", ":action", use: act)
    }

    @Sendable func categories(req: Request) async throws -> [FeedbackCategoryDTO] {
        let province = try await FeedbackIntake.province(code: req.query[String.self, at: "provinceCode"], on: req.db)
        return try await FeedbackConfiguration.categories(of: province, on: req.db).map(FeedbackCategoryDTO.init)
    }

    @Sendable func saveCategory(req: Request) async throws -> FeedbackCategoryDTO {
        let principal = try req.requirePrincipal()
        guard let input = try? req.content.decode(FeedbackConfiguration.CategoryInput.self) else {
            throw AppError.badRequest("Nội dung gửi lên không phải JSON hợp lệ.")
        }
        return FeedbackCategoryDTO(try await FeedbackConfiguration.save(input, by: principal, in: req.context))
    }

    @Sendable func deadlines(req: Request) async throws -> FeedbackDeadlines {
        let province = try await FeedbackIntake.province(code: req.query[String.self, at: "provinceCode"], on: req.db)
        return try await FeedbackSettings.deadlines(of: province.id!, on: req.db)
    }

    @Sendable func setDeadlines(req: Request) async throws -> FeedbackDeadlines {
        let principal = try req.requirePrincipal()
        guard let deadlines = try? req.content.decode(FeedbackDeadlines.self) else {
            throw AppError.invalid([.init(field: "deadlines", message: "Ghi đủ bốn thời hạn (số ngày làm việc) cho loại thông thường và khẩn cấp.")])
        }
        try await FeedbackConfiguration.saveDeadlines(deadlines, by: principal, in: req.context)
        return deadlines
    }

    @Sendable func send(req: Request) async throws -> Response {
        guard let input = try? req.content.decode(FeedbackInput.self) else { throw AppError.badRequest("Nội dung gửi lên không phải JSON hợp lệ.") }
        let sender: FeedbackIntake.Sender = if let principal = req.auth.get(Principal.self), principal.isOfficer { .officer(principal) } else { .visitor }
        let receipt = try await FeedbackIntake.submit(input, files: [], from: sender, in: req.context)
        let response = Response(status: .created)
        try response.content.encode(Self.receipt(receipt, request: req))
        return response
    }

    static func receipt(_ receipt: FeedbackIntake.Receipt, request req: Request) -> FeedbackReceiptDTO {
        FeedbackReceiptDTO(code: receipt.item.code, status: receipt.item.status, statusLabel: receipt.item.status.publicLabel,
                           answerDueAt: receipt.item.answerDueAt,
                           followURL: req.publicBaseURL + SiteURL.feedbackFollow(.value(receipt.item.code)).path + "?k=\(receipt.secret)")
    }

    @Sendable func track(req: Request) async throws -> FeedbackTrackingDTO {
        let (item, verified) = try await FeedbackDesk.item(code: req.parameters.get("code") ?? "", secret: req.query[String.self, at: "secret"],
                                                           on: req.db)
        if req.query[String.self, at: "secret"]?.isEmpty == false, !verified { throw AppError.forbidden("Mã bí mật không đúng.") }
        return try await FeedbackReading.tracking(item, verified: verified, on: req.db)
    }

    struct InformationInput: Content {
        var secret: String?
        var note: String?
    }

    @Sendable func addInformation(req: Request) async throws -> FeedbackTrackingDTO {
        let input = (try? req.content.decode(InformationInput.self)) ?? InformationInput()
        let (item, verified) = try await FeedbackDesk.item(code: req.parameters.get("code") ?? "", secret: input.secret, on: req.db)
        let principal = req.auth.get(Principal.self)
        guard verified || (principal?.isCitizen == true && principal?.userID == item.senderUserID) else {
            throw AppError.forbidden("Mã bí mật không đúng.")
        }
        let changed = try await FeedbackDesk.act(.infoReceived, on: item, FeedbackActionInput(note: input.note), principal: principal?.isCitizen == true ? principal : nil,
                                                 secretVerified: true, in: req.context)
        return try await FeedbackReading.tracking(changed, verified: true, on: req.db)
    }

    @Sendable func answers(req: Request) async throws -> PublicAnswerPageDTO {
        try await FeedbackReading.answers(query: req.query[String.self, at: "q"], categoryCode: req.query[String.self, at: "categoryCode"],
                                          unitCode: req.query[String.self, at: "unitCode"], page: req.query[Int.self, at: "page"], on: req.db)
    }

    @Sendable func answer(req: Request) async throws -> PublicAnswerDTO {
        let item = try await FeedbackReading.publishedItem(code: req.parameters.get("code") ?? "", on: req.db)
        return FeedbackReading.publicAnswer(item, unitName: try await OrgUnit.find(item.$unit.id, on: req.db)?.name ?? "")
    }

    struct ReactionInput: Content {
        var useful: Bool?
    }

    @Sendable func react(req: Request) async throws -> AnswerReactions {
        let item = try await FeedbackReading.publishedItem(code: req.parameters.get("code") ?? "", on: req.db)
        guard let useful = (try? req.content.decode(ReactionInput.self))?.useful else {
            throw AppError.invalid([.init(field: "useful", message: "Chọn hữu ích hoặc không hữu ích.")])
        }
        return try await Self.react(item, useful: useful, request: req)
    }

    /// One reaction per reader: the signed-in person, or else the client's address (hashed), with
    /// a limit per address and hour so nobody can tip the balance.
    static func react(_ item: FeedbackItem, useful: Bool, request req: Request) async throws -> AnswerReactions {
        let address = req.clientAddress
        let reader = req.auth.get(Principal.self).map { "user:\($0.userID)" } ?? "address:\(ContentAddress.sha256(Data(address.utf8)))"
        let limit = req.application.motcua.feedbackPerHour
        if limit > 0, !(try await RateLimit.take("reaction:\(address)", limit: limit * 6, window: 3600, now: req.now, on: req.db)) {
            throw AppError(status: .tooManyRequests, detail: "Quá nhiều lần đánh giá từ một địa chỉ trong một giờ. Vui lòng thử lại sau.")
        }
        return try await FeedbackReading.react(item, useful: useful, reader: reader, now: req.now, on: req.db)
    }

    @Sendable func items(req: Request) async throws -> [FeedbackRowDTO] {
        let principal = try req.requirePrincipal()
        guard let box = FeedbackReading.Box(rawValue: req.query[String.self, at: "box"] ?? "new") else {
            throw AppError.badRequest("Hộp phản ánh không hợp lệ.")
        }
        let units = try await ReadableUnits.units(for: principal, .readFeedback, unitCode: req.query[String.self, at: "unitCode"], on: req.db).units
        return try await FeedbackReading.inbox(box, units: units, now: req.now, on: req.db)
    }

    @Sendable func item(req: Request) async throws -> FeedbackDetailDTO {
        let principal = try req.requirePrincipal()
        let item = try await FeedbackDesk.item(req.parameters.get("id", as: UUID.self), readableBy: principal, on: req.db)
        return try await FeedbackReading.detail(item, for: principal, now: req.now, on: req.db)
    }

    @Sendable func act(req: Request) async throws -> FeedbackDetailDTO {
        let principal = try req.requirePrincipal()
        let item = try await FeedbackDesk.item(req.parameters.get("id", as: UUID.self), readableBy: principal, on: req.db)
        guard let action = FeedbackAction(rawValue: req.parameters.get("action") ?? "") else { throw AppError.notFound("Không có thao tác này.") }
        let input = (try? req.content.decode(FeedbackActionInput.self)) ?? FeedbackActionInput()
        let changed = try await FeedbackDesk.act(action, on: item, input, principal: principal, in: req.context)
        return try await FeedbackReading.detail(changed, for: principal, now: req.now, on: req.db)
    }
}
