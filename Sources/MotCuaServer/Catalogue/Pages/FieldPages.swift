import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Fields (lĩnh vực) for the province's administrators: list with counts, add, rename.
struct FieldPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.adminFields.pathComponents, use: page)
        admin.post(SiteURL.adminFields.pathComponents, use: add)
        admin.post(SiteURL.adminField(.key).pathComponents, use: rename)
    }

    struct Row: Encodable {
        let id: String
        let name: String
        let count: Int
    }

    struct Context: Encodable {
        let layout: Layout
        let rows: [Row]
    }

    @Sendable func page(req: Request) async throws -> View {
        let provinceID = try CatalogueEditor.managedProvince(of: try req.requirePrincipal())
        let counts = try await ProcedureCatalogue.counts(provinceID: provinceID, unitID: nil, on: req.db)
        let rows = try await ProcedureField.query(on: req.db).all()
            .sorted { VietnameseText.fold($0.name) < VietnameseText.fold($1.name) }
            .map { Row(id: $0.id!.uuidString, name: $0.name, count: counts.byField[$0.id!] ?? 0) }
        return try await req.view.render("Catalogue/fields", Context(layout: Layout(request: req, title: "Lĩnh vực"), rows: rows))
    }

    @Sendable func add(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let name = try FormInput(req).text("name")
        return try await req.redirectAfter(SiteURL.adminFields.path, success: "Đã thêm lĩnh vực “\(name)”.") {
            try await CatalogueEditor.saveField(id: nil, name: name, by: principal, audit: req.audit, on: req.db)
        }
    }

    @Sendable func rename(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let id = req.parameters.get("fieldID", as: UUID.self) else { throw AppError.notFound("Không tìm thấy lĩnh vực.") }
        let name = try FormInput(req).text("name")
        return try await req.redirectAfter(SiteURL.adminFields.path, success: "Đã đổi tên lĩnh vực thành “\(name)”.") {
            try await CatalogueEditor.saveField(id: id, name: name, by: principal, audit: req.audit, on: req.db)
        }
    }
}
