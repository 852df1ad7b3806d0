import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Choosing the procedures a unit receives (/quan-tri/don-vi/{id}/thu-tuc): every procedure of
/// the province, by field, ticked when the unit receives it.
struct UnitProcedurePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.adminUnitProcedures(.key).pathComponents, use: page)
        admin.on(.POST, SiteURL.adminUnitProcedures(.key).pathComponents, body: .collect(maxSize: "1mb"), use: save)
    }

    struct Group: Encodable {
        let field: String
        let slug: String
        let procedures: [Choice]
    }

    struct Choice: Encodable {
        let code: String
        let name: String
        let checked: Bool
    }

    struct Context: Encodable {
        let layout: Layout
        let unitID: String
        let unitName: String
        let chosenCount: Int
        let groups: [Group]
    }

    private func unit(_ req: Request) async throws -> OrgUnit {
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        guard try req.requirePrincipal().may(.chooseProcedures, in: unit.scope) else { throw AppError.forbidden() }
        return unit
    }

    @Sendable func page(req: Request) async throws -> View {
        let unit = try await unit(req)
        let all = try await ProcedureCatalogue.procedures(provinceID: unit.$province.id, .init(), on: req.db)
        let chosen = Set(try await ProcedureCatalogue.procedures(provinceID: unit.$province.id, .init(unitID: unit.id), on: req.db).map(\.code))
        let groups = Dictionary(grouping: all, by: \.fieldName)
            .sorted { VietnameseText.fold($0.key) < VietnameseText.fold($1.key) }
            .map { field, procedures in
                Group(field: field, slug: VietnameseText.slug(field),
                      procedures: procedures.map { Choice(code: $0.code, name: $0.name, checked: chosen.contains($0.code)) })
            }
        return try await req.view.render("Catalogue/unit-procedures", Context(
            layout: Layout(request: req, title: "Thủ tục tiếp nhận · \(unit.name)"), unitID: unit.id!.uuidString, unitName: unit.name,
            chosenCount: chosen.count, groups: groups))
    }

    @Sendable func save(req: Request) async throws -> Response {
        let unit = try await unit(req)
        let codes = try FormInput(req).all("codes")
        let path = SiteURL.adminUnitProcedures(.id(unit.id!)).path
        return try await req.redirectAfter(path, success: "Đã lưu: \(unit.name) tiếp nhận \(Set(codes).count) thủ tục.") {
            try await CatalogueEditor.choose(codes, for: unit, by: try req.requirePrincipal(), audit: req.audit, on: req.db)
        }
    }
}
