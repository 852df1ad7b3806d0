import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The province administrator's feedback settings: time limits per class and the categories.
struct FeedbackSettingsPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminFeedback.pathComponents, use: page)
        routes.post(SiteURL.adminFeedbackDeadlines.pathComponents, use: saveDeadlines)
    }

    struct Stage: Encodable {
        let field: String
        let label: String
        let normal: Int
        let urgent: Int
    }

    struct Context: Encodable {
        let layout: Layout
        let provinceName: String
        let stages: [Stage]
        let categories: [FeedbackCategoryDTO]
    }

    private static let stages: [(field: String, label: String, path: WritableKeyPath<FeedbackDeadlines.Stages, Int>)] = [
        ("reception", "Tiếp nhận, phân loại hoặc từ chối", \.reception),
        ("firstInfoRequest", "Đề nghị bổ sung thông tin lần đầu", \.firstInfoRequest),
        ("answer", "Trả lời (không tính thời gian chờ bổ sung)", \.answer),
        ("publish", "Công khai sau khi duyệt trả lời", \.publish),
    ]

    @Sendable func page(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        guard case .province(let provinceID) = principal.reach(.configureFeedback), let province = try await Province.find(provinceID, on: req.db) else {
            throw AppError.forbidden()
        }
        let deadlines = try await FeedbackSettings.deadlines(of: provinceID, on: req.db)
        return try await req.view.render("Voice/settings", Context(
            layout: Layout(request: req, title: "Phản ánh, kiến nghị – thiết lập"), provinceName: province.name,
            stages: Self.stages.map { Stage(field: $0.field, label: $0.label, normal: deadlines.normal[keyPath: $0.path],
                                            urgent: deadlines.urgent[keyPath: $0.path]) },
            categories: try await FeedbackConfiguration.categories(of: province, on: req.db).map(FeedbackCategoryDTO.init)))
    }

    @Sendable func saveDeadlines(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try FormInput(req)
        var deadlines = FeedbackDeadlines.standard
        for stage in Self.stages {
            deadlines.normal[keyPath: stage.path] = Int(form.text("normal-\(stage.field)")) ?? 0
            deadlines.urgent[keyPath: stage.path] = Int(form.text("urgent-\(stage.field)")) ?? 0
        }
        return try await req.redirectAfter(SiteURL.adminFeedback.path, success: "Đã lưu thời hạn; áp dụng cho phản ánh nhận từ nay.") {
            try await FeedbackConfiguration.saveDeadlines(deadlines, by: principal, in: req.context)
        }
    }
}
