import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Receives feedback: checks everything the sender wrote and attached, gives it a code, its due
/// moments and a secret follow-up link, and saves it with its first update, files, audit line and
/// the sender's notice in one transaction.
enum FeedbackIntake {
    static let sequenceSchema = "feedback_code_counters"
    static let maximumFiles = 5

    /// Who sends it: a visitor or citizen on the web, an officer entering a call or a visit, or an
    /// application through Open311 (the API token's name).
    enum Sender {
        case visitor
        case officer(Principal)
        case application(Principal, name: String)
    }

    struct Receipt {
        let item: FeedbackItem
        /// Shown once, in the follow-up link; only its hash is stored.
        let secret: String
    }

    static func submit(_ input: FeedbackInput, files: [FeedbackUpload], from sender: Sender, in context: ActionContext) async throws -> Receipt {
        let db = context.db
        let now = context.now
        var problems: [FieldProblem] = []
        let province = try await province(code: input.provinceCode, on: db)
        let categoryCode = (input.categoryCode ?? "").trimmingCharacters(in: .whitespaces)
        let category = categoryCode.isEmpty || categoryCode.count > 60 ? nil : try await FeedbackCategory.query(on: db)
            .filter(\.$province.$id == province.id!).filter(\.$code == categoryCode).filter(\.$isActive == true).first()
        if category == nil { problems.append(.init(field: "categoryCode", message: "Chọn lĩnh vực phản ánh.")) }
        let unit = try await receivingUnit(code: input.unitCode, province: province, on: db)
        if unit == nil { problems.append(.init(field: "unitCode", message: "Không có đơn vị nhận phản ánh này trong tỉnh.")) }
        let description = (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count < 10 { problems.append(.init(field: "description", message: "Ghi nội dung phản ánh, kiến nghị (ít nhất 10 ký tự).")) }
        if description.count > 4_000 { problems.append(.init(field: "description", message: "Nội dung dài quá 4.000 ký tự.")) }
        let address = clean(input.address)
        if (address?.count ?? 0) > 300 { problems.append(.init(field: "address", message: "Địa chỉ dài quá 300 ký tự.")) }
        if let latitude = input.latitude, !(-90...90).contains(latitude) || latitude.isNaN {
            problems.append(.init(field: "latitude", message: "Vĩ độ phải từ -90 đến 90."))
        }
        if let longitude = input.longitude, !(-180...180).contains(longitude) || longitude.isNaN {
            problems.append(.init(field: "longitude", message: "Kinh độ phải từ -180 đến 180."))
        }
        if (input.latitude == nil) != (input.longitude == nil) {
            problems.append(.init(field: "latitude", message: "Ghi cả vĩ độ và kinh độ, hoặc bỏ trống cả hai."))
        }
        let attributes = category.map { check(input.attributes ?? [:], against: $0.attributes, problems: &problems) } ?? [:]
        let name = clean(input.senderName)
        if (name?.count ?? 0) > 100 { problems.append(.init(field: "senderName", message: "Họ tên dài quá 100 ký tự.")) }
        let rawPhone = clean(input.senderPhone), rawEmail = clean(input.senderEmail)
        let phone = rawPhone.flatMap(PhoneNumber.init)
        if rawPhone != nil, phone == nil { problems.append(.init(field: "senderPhone", message: "Số điện thoại di động không hợp lệ.")) }
        let email = rawEmail.flatMap(EmailAddress.init)
        if rawEmail != nil, email == nil { problems.append(.init(field: "senderEmail", message: "Địa chỉ thư điện tử không hợp lệ.")) }
        let checkedFiles = checkFiles(files, limit: context.config.maximumFileBytes, problems: &problems)
        guard problems.isEmpty, let category, let unit else { throw AppError.invalid(problems) }

        var channel = FeedbackItem.Channel.web
        var enteredBy: String?
        var senderUserID: UUID?
        var actorName = name ?? "Người gửi"
        switch sender {
        case .visitor:
            if let principal = context.actor, principal.isCitizen { senderUserID = principal.userID }
            let limit = context.config.feedbackPerHour
            if limit > 0, !(try await RateLimit.take("feedback:\((context.clientAddress ?? ""))", limit: limit, window: 3600, now: now, on: db)) {
                throw AppError(status: .tooManyRequests, detail: "Địa chỉ này đã gửi quá \(limit) phản ánh trong một giờ. Vui lòng thử lại sau.")
            }
        case .officer(let principal):
            guard principal.reach(.handleFeedback) != .nowhere else { throw AppError.forbidden() }
            channel = input.channel == "counter" ? .counter : .hotline
            enteredBy = principal.fullName
            actorName = principal.fullName
        case .application(_, let application):
            channel = .open311
            enteredBy = application
        }

        let item = FeedbackItem()
        item.id = UUID()
        item.$province.id = province.id!
        item.$unit.id = unit.id!
        item.$category.id = category.id!
        item.categoryCode = category.code
        item.categoryName = category.name
        item.token = UUID().uuidString.lowercased()
        let secret = Self.secret()
        item.secretHash = ContentAddress.sha256(Data(secret.utf8))
        item.channel = channel
        item.status = .submitted
        item.urgent = false
        item.description = description
        item.publicDescription = PersonalDataRedaction.redact(description, names: [name].compactMap { $0 })
        item.address = address
        item.latitude = input.latitude
        item.longitude = input.longitude
        item.attributesJSON = String(decoding: try JSONEncoder().encode(attributes), as: UTF8.self)
        item.senderName = name
        item.senderPhone = phone?.national
        item.senderEmail = email?.value
        item.senderUserID = senderUserID
        item.enteredBy = enteredBy
        item.submittedAt = now
        item.setPauses([])
        item.usefulCount = 0
        item.notUsefulCount = 0
        item.updatedAt = now
        item.version = 1
        let clock = try await FeedbackDesk.clock(for: item, unit: unit, urgent: false, pauses: [], approvedAt: nil, on: db)
        FeedbackDesk.apply(clock, to: item)

        var stored: [FeedbackAttachment] = []
        for file in checkedFiles {
            let attachment = FeedbackAttachment()
            attachment.$feedback.id = item.id!
            attachment.fileName = file.name
            attachment.mediaType = file.type
            attachment.size = file.data.count
            attachment.sha256 = try await context.files.put(file.data)
            attachment.uploadedAt = now
            stored.append(attachment)
        }
        let audit = context.audit
        let base = context.messageBaseURL
        let unverified = try await FeedbackDesk.unverifiedContacts(of: item, on: db)
        let (attachments, via, submittedBy) = (stored, channel, actorName)
        try await db.transaction { db in
            let day = VietnameseFormat.civilDate(of: now)
            let number = try await DailySequence.next(in: sequenceSchema, owner: "province_id", province.id!, day: day.description, on: db)
            item.code = String(format: "PA%@-%02d%02d%02d-%04d", province.code, day.year % 100, day.month, day.day, number)
            try await item.create(on: db)
            let update = FeedbackUpdate(feedback: item, action: "submit", note: "Kênh: \(via.label)", publicNote: "Đã nhận phản ánh, kiến nghị.",
                                        actorName: submittedBy, at: now)
            try await update.create(on: db)
            for attachment in attachments { try await attachment.create(on: db) }
            try await audit.record(.feedbackSubmitted, on: db, entityType: "feedback", entityID: item.id, scope: (province.id, unit.id),
                                   summary: "Nhận phản ánh \(item.code) (\(category.name)) qua \(via.label.lowercased())")
            let link = base + SiteURL.feedbackFollow(.value(item.code)).path + "?k=\(secret)"
            for message in OutboxMessage.toPerson(name: name, email: item.senderEmail, phone: item.senderPhone,
                                                  subject: "Đã nhận phản ánh \(item.code)",
                                                  text: "Phản ánh, kiến nghị của ông/bà đã được nhận với mã \(item.code).",
                                                  footer: "Theo dõi: \(link)", key: update.id!, unverified: unverified, at: now) {
                try await message.create(on: db)
            }
        }
        return Receipt(item: item, secret: secret)
    }

    /// The province named by its code; without one, the only province (or the first by code).
    static func province(code: String?, on db: any Database) async throws -> Province {
        let code = (code ?? "").trimmingCharacters(in: .whitespaces)
        let query = Province.query(on: db)
        if !code.isEmpty { query.filter(\.$code == String(code.prefix(20))) }
        guard let province = try await query.sort(\.$code).first() else { throw AppError.notFound("Không có tỉnh, thành phố mã “\(code.prefix(20))”.") }
        return province
    }

    /// The unit named, if active in the province; without a code, the province's office.
    static func receivingUnit(code: String?, province: Province, on db: any Database) async throws -> OrgUnit? {
        let code = (code ?? "").trimmingCharacters(in: .whitespaces)
        let query = OrgUnit.query(on: db).filter(\.$province.$id == province.id!).filter(\.$isActive == true)
        if code.isEmpty { query.filter(\.$kind == .provinceOffice) } else { query.filter(\.$code == String(code.prefix(40))) }
        return try await query.first()
    }

    /// The answers to a category's extra questions, checked: required ones present, list answers
    /// among the listed keys, numbers numeric, at most 500 characters each.
    static func check(_ given: [String: [String]], against attributes: [FeedbackCategory.Attribute],
                      problems: inout [FieldProblem]) -> [String: [String]] {
        var answers: [String: [String]] = [:]
        for attribute in attributes {
            let values = (given[attribute.code] ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            let field = "attribute[\(attribute.code)]"
            if values.isEmpty {
                if attribute.required { problems.append(.init(field: field, message: "Trả lời câu hỏi “\(attribute.description)”.")) }
                continue
            }
            switch attribute.datatype {
            case .singlevaluelist, .multivaluelist:
                let keys = Set(attribute.values.map(\.key))
                if !values.allSatisfy(keys.contains) || (attribute.datatype == .singlevaluelist && values.count > 1) {
                    problems.append(.init(field: field, message: "Chọn câu trả lời có trong danh sách cho “\(attribute.description)”."))
                }
            case .number:
                if values.count > 1 || Double(values[0]) == nil {
                    problems.append(.init(field: field, message: "“\(attribute.description)” phải là một số."))
                }
            case .string, .text, .datetime:
                if values.count > 1 || values[0].count > 500 {
                    problems.append(.init(field: field, message: "“\(attribute.description)”: một câu trả lời, tối đa 500 ký tự."))
                }
            }
            answers[attribute.code] = values
        }
        return answers
    }

    /// Photos and documents: at most five, each within the size limit and a JPEG, PNG or PDF by
    /// its first bytes.
    static func checkFiles(_ files: [FeedbackUpload], limit: Int, problems: inout [FieldProblem]) -> [(data: Data, name: String, type: String)] {
        let files = files.filter { !$0.data.isEmpty }
        if files.count > maximumFiles {
            problems.append(.init(field: "files", message: "Gửi tối đa \(maximumFiles) tệp."))
            return []
        }
        var checked: [(data: Data, name: String, type: String)] = []
        for file in files {
            guard file.data.count <= limit else {
                problems.append(.init(field: "files", message: "Mỗi tệp không lớn hơn \(limit / 1024 / 1024) MB."))
                continue
            }
            guard let type = UploadedFile.mediaType(of: file.data) else {
                problems.append(.init(field: "files", message: "Chỉ nhận ảnh JPG, PNG hoặc tệp PDF."))
                continue
            }
            checked.append((file.data, UploadedFile.safeName(file.fileName, ext: type.ext), type.type))
        }
        return checked
    }

    static func clean(_ text: String?) -> String? {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    /// 24 characters from an alphabet without look-alikes (about 120 bits).
    static func secret() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<24).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
