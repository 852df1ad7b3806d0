import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Open311 GeoReport v2 at `/open311/v2`: service discovery, services and their definitions,
/// requests (post with an API key, query, one), tokens, and mySociety's `servicerequestupdates`,
/// each as `.xml` or `.json`. `jurisdiction_id` is the province code, needed only when MotCua
/// serves several provinces.
struct Open311Endpoint: RouteCollection {
    /// The extra question every service asks: which unit the request is for (the province's
    /// office, like a 1022 hotline, when not answered).
    static let unitAttribute = "don_vi"
    /// The specification's default and largest window for queries.
    static let window: TimeInterval = 90 * 24 * 3600
    static let limit = 1_000

    func boot(routes: any RoutesBuilder) throws {
        let v2 = routes.grouped("open311", "v2")
        v2.get(":resource", use: resource)
        v2.on(.POST, ":resource", body: .collect(maxSize: "64kb"), use: post)
        v2.get("services", ":code", use: definition)
        v2.get("requests", ":id", use: request)
        v2.get("tokens", ":id", use: token)
    }

    /// `name.fmt` split; nil for an unknown format.
    static func split(_ raw: String?) -> (name: String, format: Open311Document.Format)? {
        guard let raw, let dot = raw.lastIndex(of: "."), let format = Open311Document.Format(rawValue: String(raw[raw.index(after: dot)...])) else {
            return nil
        }
        return (String(raw[..<dot]), format)
    }

    /// Runs `work`, answering errors in the specification's error format.
    private func answer(_ req: Request, _ raw: String?, _ work: (String, Open311Document.Format) async throws -> Response) async throws -> Response {
        guard let (name, format) = Self.split(raw) else {
            throw AppError.notFound("Không có tài nguyên Open311 này; dùng đuôi .xml hoặc .json.")
        }
        do {
            return try await work(name, format)
        } catch let error as AppError {
            let status: HTTPResponseStatus = error.status == .unprocessableEntity ? .badRequest : error.status
            return Open311Document.errors(status, error.detail, format: format)
        }
    }

    /// The province of `jurisdiction_id`: optional while MotCua serves one province.
    static func jurisdiction(_ raw: String?, on db: any Database) async throws -> Province {
        let code = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if code.isEmpty {
            let provinces = try await Province.query(on: db).limit(2).all()
            guard provinces.count == 1 else { throw AppError.badRequest("Thiếu jurisdiction_id (mã tỉnh, thành phố).") }
            return provinces[0]
        }
        guard code.count <= 20, let province = try await Province.query(on: db).filter(\.$code == code).first() else {
            throw AppError.notFound("Không có jurisdiction_id “\(code.prefix(20))”.")
        }
        return province
    }

    // MARK: Resources

    @Sendable func resource(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("resource")) { name, format in
            switch name {
            case "discovery": return discovery(req, format)
            case "services": return try await services(req, format)
            case "requests": return try await requests(req, format)
            case "servicerequestupdates": return try await updates(req, format)
            default: throw AppError.notFound("Không có tài nguyên Open311 “\(name.prefix(40))”.")
            }
        }
    }

    func discovery(_ req: Request, _ format: Open311Document.Format) -> Response {
        let base = "\(req.publicBaseURL)/open311/v2/"
        let endpoint: [(String, Open311Document.Value)] = [
            ("specification", .text("http://wiki.open311.org/GeoReport_v2")), ("url", .text(base)), ("changeset", .text("2026-11-28T00:00:00+07:00")),
            ("type", .text("production")),
            ("formats", .texts(element: "format", ["text/xml", "application/json"])),
        ]
        return Open311Document(root: "discovery", element: "discovery", records: [[
            ("changeset", .text("2026-11-28T00:00:00+07:00")), ("contact", .text("Trung tâm Phục vụ hành chính công – MotCua")),
            ("key_service", .text("Khóa API do quản trị hệ thống của tỉnh cấp (Quản trị → Khóa API).")),
            ("endpoints", .list(element: "endpoint", [endpoint])),
        ]], single: true).response(format)
    }

    func services(_ req: Request, _ format: Open311Document.Format) async throws -> Response {
        let province = try await Self.jurisdiction(req.query[String.self, at: "jurisdiction_id"], on: req.db)
        let categories = try await FeedbackConfiguration.categories(of: province, on: req.db)
        return Open311Document(root: "services", element: "service", records: categories.map { category in
            [("service_code", .text(category.code)), ("service_name", .text(category.name)), ("description", .text(category.description)),
             ("metadata", .flag(true)), ("type", .text("realtime")), ("keywords", .text(category.keywords)), ("group", .text(category.groupName))]
        }).response(format)
    }

    @Sendable func definition(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("code")) { code, format in
            let province = try await Self.jurisdiction(req.query[String.self, at: "jurisdiction_id"], on: req.db)
            guard let category = try await FeedbackCategory.query(on: req.db).filter(\.$province.$id == province.id!)
                .filter(\.$code == String(code.prefix(60))).filter(\.$isActive == true).first()
            else { throw AppError.notFound("Không có service_code “\(code.prefix(60))”.") }
            let units = try await OrgUnit.query(on: req.db).filter(\.$province.$id == province.id!).filter(\.$isActive == true).sort(\.$code).all()
            let unitQuestion = FeedbackCategory.Attribute(
                code: Self.unitAttribute, datatype: .singlevaluelist, required: false,
                description: "Đơn vị nhận phản ánh (bỏ trống: \(units.first { $0.kind == .provinceOffice }?.name ?? "cơ quan cấp tỉnh") tiếp nhận và chuyển)",
                values: units.map { .init(key: $0.code, name: $0.name) })
            let attributes = [unitQuestion] + category.attributes
            let records: [[(String, Open311Document.Value)]] = attributes.enumerated().map { index, attribute in
                [("variable", .flag(true)), ("code", .text(attribute.code)), ("datatype", .text(attribute.datatype.rawValue)),
                 ("required", .flag(attribute.required)), ("datatype_description", .text(attribute.datatype.rawValue == "number" ? "Số" : "")),
                 ("order", .number(Double(index + 1))), ("description", .text(attribute.description)),
                 ("values", .list(element: "value", attribute.values.map { [("key", .text($0.key)), ("name", .text($0.name))] }))]
            }
            return Open311Document(root: "service_definition", element: "service_definition", records: [[
                ("service_code", .text(category.code)), ("attributes", .list(element: "attribute", records)),
            ]], single: true).response(format)
        }
    }

    // MARK: Requests

    @Sendable func post(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("resource")) { name, format in
            guard name == "requests" else { throw AppError.notFound("Chỉ gửi được tới requests.") }
            let form = try FormInput(req)
            guard let (principal, token) = try await APITokenAuthenticator.principal(for: form.text("api_key"), request: req) else {
                throw AppError(status: .forbidden, detail: "api_key không hợp lệ, đã hết hạn hoặc đã bị thu hồi.")
            }
            let province = try await Self.jurisdiction(form.text("jurisdiction_id"), on: req.db)
            guard principal.actor.provinceID == province.id else {
                throw AppError(status: .forbidden, detail: "api_key không thuộc tỉnh, thành phố này.")
            }
            let serviceCode = form.text("service_code")
            guard !serviceCode.isEmpty else { throw AppError.badRequest("Thiếu service_code.") }
            guard try await FeedbackCategory.query(on: req.db).filter(\.$province.$id == province.id!)
                .filter(\.$code == String(serviceCode.prefix(60))).filter(\.$isActive == true).first() != nil
            else { throw AppError.notFound("Không có service_code “\(serviceCode.prefix(60))”.") }
            let latitude = form.text("lat"), longitude = form.text("long")
            let address = [form.text("address_string"), form.text("address_id")].first { !$0.isEmpty }
            guard (!latitude.isEmpty && !longitude.isEmpty) || address != nil else {
                throw AppError.badRequest("Cần vị trí: lat và long, address_string hoặc address_id.")
            }
            guard latitude.isEmpty || Double(latitude) != nil, longitude.isEmpty || Double(longitude) != nil else {
                throw AppError.badRequest("lat, long phải là số.")
            }
            var attributes: [String: [String]] = [:]
            for (key, values) in form.entries where key.hasPrefix("attribute[") {
                let inner = key.dropFirst("attribute[".count)
                guard let close = inner.firstIndex(of: "]") else { continue }
                attributes[String(inner[..<close]), default: []].append(contentsOf: values)
            }
            let unitCode = attributes.removeValue(forKey: Self.unitAttribute)?.first
            let name = [form.text("first_name"), form.text("last_name")].filter { !$0.isEmpty }.joined(separator: " ")
            let input = FeedbackInput(
                provinceCode: province.code, categoryCode: serviceCode, unitCode: unitCode, description: form.text("description"),
                address: address, latitude: Double(latitude), longitude: Double(longitude), attributes: attributes,
                senderName: name.isEmpty ? nil : name, senderPhone: form.text("phone").isEmpty ? nil : form.text("phone"),
                senderEmail: form.text("email").isEmpty ? nil : form.text("email"))
            let receipt = try await FeedbackIntake.submit(input, files: [], from: .application(principal, name: token.name), in: req.context)
            let notice = "Đã nhận. Hạn trả lời: \(VietnameseFormat.dateTime(receipt.item.answerDueAt)). Theo dõi: " + req.publicBaseURL + SiteURL.feedbackFollow(.value(receipt.item.code)).path + "?k=\(receipt.secret)"
            return Open311Document(root: "service_requests", element: "request", records: [[
                ("service_request_id", .text(receipt.item.code)), ("token", .text(receipt.item.token)), ("service_notice", .text(notice)),
                ("account_id", form.text("account_id").isEmpty ? .absent : .text(form.text("account_id"))),
            ]]).response(format, status: .created)
        }
    }

    func requests(_ req: Request, _ format: Open311Document.Format) async throws -> Response {
        let province = try await Self.jurisdiction(req.query[String.self, at: "jurisdiction_id"], on: req.db)
        let query = Listed.select(on: req.db).where("province_id", .equal, SQLBind(province.id!))
        let ids = (req.query[String.self, at: "service_request_id"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !ids.isEmpty {
            // A list of ids overrides every other filter.
            query.where("code", .in, SQLBind.group(ids.prefix(Self.limit).map { String($0.prefix(40)) }))
        } else {
            let (start, end) = try Self.range(req, now: req.now)
            query.where("submitted_at", .greaterThanOrEqual, SQLBind(start)).where("submitted_at", .lessThanOrEqual, SQLBind(end))
                .where("status", .notIn, SQLBind.group(Self.unreviewed.map(\.rawValue).sorted()))
            if let code = req.query[String.self, at: "service_code"], !code.isEmpty {
                let codes = code.split(separator: ",").map { String($0.prefix(60)) }
                let categories = try await FeedbackCategory.query(on: req.db).filter(\.$province.$id == province.id!).filter(\.$code ~~ codes).all()
                query.where("category_id", .in, SQLBind.group(categories.compactMap(\.id)))
            }
            let open = FeedbackWorkflow.open.map(\.rawValue).sorted()
            switch req.query[String.self, at: "status"] ?? "" {
            case "": break
            case "open": query.where("status", .in, SQLBind.group(open))
            case "closed": query.where("status", .notIn, SQLBind.group(open))
            default: throw AppError.badRequest("status phải là open hoặc closed.")
            }
        }
        let rows = try await query.orderBy("submitted_at", .descending).limit(Self.limit).all(decoding: Listed.self)
        return try await document(rows, on: req.db).response(format)
    }

    /// The columns a request listing shows, read without the whole model (a thousand rows at a time).
    struct Listed: Decodable {
        let code: String
        let status: FeedbackStatus
        let category_code: String
        let category_name: String
        let public_description: String
        let public_answer: String?
        let transfer_agency: String?
        let unit_id: UUID
        let submitted_at: Date
        let updated_at: Date
        let answer_due_at: Date
        let address: String?
        let latitude: Double?
        let longitude: Double?

        static func select(on db: any Database) -> SQLSelectBuilder {
            (db as! any SQLDatabase).select().from(FeedbackItem.schema)
                .columns("code", "status", "category_code", "category_name", "public_description", "public_answer", "transfer_agency", "unit_id",
                         "submitted_at", "updated_at", "answer_due_at", "address", "latitude", "longitude")
        }
    }

    /// `start_date`…`end_date`: at most 90 days, by default the last 90.
    static func range(_ req: Request, now: Date) throws -> (Date, Date) {
        func date(_ name: String) throws -> Date? {
            guard let raw = req.query[String.self, at: name], !raw.isEmpty else { return nil }
            guard let date = ISO8601DateFormatter().date(from: raw) else {
                throw AppError.badRequest("\(name) phải theo ISO 8601 có múi giờ, ví dụ 2026-11-30T00:00:00+07:00.")
            }
            return date
        }
        let start = try date("start_date"), end = try date("end_date")
        let to = end ?? (start.map { $0 + window } ?? now)
        let from = start ?? to - window
        guard from <= to else { throw AppError.badRequest("start_date phải trước end_date.") }
        guard to.timeIntervalSince(from) <= window else { throw AppError.badRequest("Khoảng thời gian không quá 90 ngày.") }
        return (from, to)
    }

    /// Items the unit has not looked at yet: not in listings, and asked for by id they show no
    /// description or place (the sender may have written what must not be published).
    static let unreviewed: Set<FeedbackStatus> = [.submitted, .infoRequested]

    func document(_ items: [Listed], on db: any Database) async throws -> Open311Document {
        let units = try await FeedbackReading.unitNames(Set(items.map(\.unit_id)), on: db)
        return Open311Document(root: "service_requests", element: "request", records: items.map { item in
            let shown = !Self.unreviewed.contains(item.status)
            let notes = item.status == .published ? (item.public_answer ?? item.status.publicLabel)
                : item.status == .transferredOut ? "\(item.status.label): \(item.transfer_agency ?? "")" : item.status.publicLabel
            return [
                ("service_request_id", .text(item.code)), ("status", .text(item.status.open311)), ("status_notes", .text(notes)),
                ("service_name", .text(item.category_name)), ("service_code", .text(item.category_code)), ("description", shown ? .text(item.public_description) : .absent),
                ("agency_responsible", .text(units[item.unit_id] ?? "")), ("service_notice", .absent),
                ("requested_datetime", Open311Document.date(item.submitted_at)), ("updated_datetime", Open311Document.date(item.updated_at)),
                ("expected_datetime", Open311Document.date(item.answer_due_at)), ("address", shown ? item.address.map { .text($0) } ?? .absent : .absent),
                ("address_id", .absent), ("zipcode", .absent), ("lat", shown ? item.latitude.map { .number($0) } ?? .absent : .absent),
                ("long", shown ? item.longitude.map { .number($0) } ?? .absent : .absent), ("media_url", .absent),
            ]
        })
    }

    @Sendable func request(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("id")) { id, format in
            let province = try await Self.jurisdiction(req.query[String.self, at: "jurisdiction_id"], on: req.db)
            guard id.count <= 40, let item = try await Listed.select(on: req.db).where("province_id", .equal, SQLBind(province.id!))
                .where("code", .equal, SQLBind(id)).first(decoding: Listed.self)
            else { throw AppError.notFound("Không có service_request_id “\(id.prefix(40))”.") }
            return try await document([item], on: req.db).response(format)
        }
    }

    @Sendable func token(req: Request) async throws -> Response {
        try await answer(req, req.parameters.get("id")) { token, format in
            guard token.count <= 40, let item = try await FeedbackItem.query(on: req.db).filter(\.$token == token.lowercased()).first() else {
                throw AppError.notFound("Không có token “\(token.prefix(40))”.")
            }
            return Open311Document(root: "service_requests", element: "request", records: [[
                ("service_request_id", .text(item.code)), ("token", .text(item.token)),
            ]]).response(format)
        }
    }

    /// mySociety's extension: the public updates of a period (at most 90 days, by default the last day).
    func updates(_ req: Request, _ format: Open311Document.Format) async throws -> Response {
        let province = try await Self.jurisdiction(req.query[String.self, at: "jurisdiction_id"], on: req.db)
        let (start, end) = try Self.range(req, now: req.now)
        let from = req.query[String.self, at: "start_date"] == nil ? max(start, end - 24 * 3600) : start
        let updates = try await FeedbackUpdate.query(on: req.db).filter(\.$provinceID == province.id!)
            .filter(\.$occurredAt >= from).filter(\.$occurredAt <= end).filter(\.$publicNote != nil)
            .sort(\.$occurredAt).limit(Self.limit).all()
        let items = try await FeedbackItem.query(on: req.db).filter(\.$id ~~ Array(Set(updates.map { $0.$feedback.id }))).all()
        let codes = Dictionary(uniqueKeysWithValues: items.map { ($0.id!, $0.code) })
        return Open311Document(root: "service_request_updates", element: "request_update", records: updates.map { update in
            [("update_id", .text(update.id!.uuidString.lowercased())), ("service_request_id", .text(codes[update.$feedback.id] ?? "")),
             ("status", .text(update.status.open311)), ("updated_datetime", Open311Document.date(update.occurredAt)),
             ("description", .text(update.status.publicLabel)), ("media_url", .absent)]
        }).response(format)
    }
}
