import Fluent
import Foundation
import MotCuaCore
import Vapor

/// A province's feedback categories and time limits, set by its administrators.
enum FeedbackConfiguration {
    struct CategoryInput: Content {
        var code: String?
        var name: String?
        var description: String?
        var group: String?
        var keywords: [String]?
        var attributes: [FeedbackCategory.Attribute]?
        var position: Int?
        var active: Bool?
    }

    static func categories(of province: Province, on db: any Database) async throws -> [FeedbackCategory] {
        try await FeedbackCategory.query(on: db).filter(\.$province.$id == province.id!).filter(\.$isActive == true)
            .sort(\.$position).sort(\.$code).all()
    }

    /// Creates a category or changes the one with the same code.
    static func save(_ input: CategoryInput, by principal: Principal, in context: ActionContext) async throws -> FeedbackCategory {
        guard case .province(let provinceID) = principal.reach(.configureFeedback) else { throw AppError.forbidden() }
        var problems: [FieldProblem] = []
        let code = (input.code ?? "").trimmingCharacters(in: .whitespaces)
        if code.range(of: #"^[a-z0-9][a-z0-9-]{1,39}$"#, options: .regularExpression) == nil {
            problems.append(.init(field: "code", message: "Mã lĩnh vực: 2–40 chữ thường không dấu, số hoặc gạch nối."))
        }
        let name = (input.name ?? "").trimmingCharacters(in: .whitespaces)
        if !(3...150).contains(name.count) { problems.append(.init(field: "name", message: "Tên lĩnh vực: 3–150 ký tự.")) }
        let description = (input.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if description.count > 1_000 { problems.append(.init(field: "description", message: "Mô tả tối đa 1.000 ký tự.")) }
        let attributes = input.attributes ?? []
        if attributes.count > 10 { problems.append(.init(field: "attributes", message: "Tối đa 10 câu hỏi thêm.")) }
        for attribute in attributes {
            if attribute.code.range(of: #"^[a-z0-9_]{1,40}$"#, options: .regularExpression) == nil || attribute.description.isEmpty
                || attribute.description.count > 300 {
                problems.append(.init(field: "attributes", message: "Câu hỏi thêm cần mã (chữ thường, số, gạch dưới) và nội dung câu hỏi."))
            }
            let isList = attribute.datatype == .singlevaluelist || attribute.datatype == .multivaluelist
            if isList == attribute.values.isEmpty {
                problems.append(.init(field: "attributes", message: "Chỉ câu hỏi dạng danh sách mới có (và phải có) các lựa chọn."))
            }
        }
        if Set(attributes.map(\.code)).count != attributes.count {
            problems.append(.init(field: "attributes", message: "Mã câu hỏi thêm không được trùng."))
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let existing = try await FeedbackCategory.query(on: context.db).filter(\.$province.$id == provinceID).filter(\.$code == code).first()
        let category = existing ?? FeedbackCategory(provinceID: provinceID, code: code, name: name, description: description,
                                                    groupName: "", position: 0)
        category.name = name
        category.description = description
        category.groupName = String((input.group ?? "").trimmingCharacters(in: .whitespaces).prefix(100))
        category.keywords = (input.keywords ?? []).map { $0.replacingOccurrences(of: ",", with: " ").trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.prefix(20).joined(separator: ",")
        category.attributesJSON = String(decoding: try JSONEncoder().encode(attributes), as: UTF8.self)
        // A new category goes last unless told otherwise.
        let last = existing == nil ? try await FeedbackCategory.query(on: context.db).filter(\.$province.$id == provinceID).count() + 1 : category.position
        category.position = input.position ?? last
        category.isActive = input.active ?? true
        let audit = context.audit
        try await context.db.transaction { db in
            try await category.save(on: db)
            try await audit.record(.feedbackConfigured, on: db, entityType: "feedback_category", entityID: category.id, scope: (provinceID, nil),
                                   summary: "Lưu lĩnh vực phản ánh \(code): \(name)", after: FeedbackCategoryDTO(category))
        }
        return category
    }

    static func saveDeadlines(_ deadlines: FeedbackDeadlines, by principal: Principal, in context: ActionContext) async throws {
        guard case .province(let provinceID) = principal.reach(.configureFeedback) else { throw AppError.forbidden() }
        let problems = deadlines.problems
        guard problems.isEmpty else { throw AppError.invalid(problems.map { .init(field: "deadlines", message: $0) }) }
        let existing = try await FeedbackSettings.find(provinceID, on: context.db)
        let before = existing?.deadlines ?? .standard
        let settings = existing ?? FeedbackSettings()
        settings.id = provinceID
        settings.deadlinesJSON = String(decoding: try JSONEncoder().encode(deadlines), as: UTF8.self)
        settings.updatedAt = context.now
        let audit = context.audit
        try await context.db.transaction { db in
            try await settings.save(on: db)
            try await audit.record(.feedbackConfigured, on: db, entityType: "feedback_settings", entityID: provinceID, scope: (provinceID, nil),
                                   summary: "Đặt thời hạn xử lý phản ánh, kiến nghị", before: before, after: deadlines)
        }
    }
}
