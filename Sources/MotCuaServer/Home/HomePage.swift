import Fluent
import MotCuaCore
import Vapor

/// The public landing page, as the national portal's: find a procedure (the catalogue's search),
/// the most filed procedures, take a queue number, track a dossier.
struct HomePage: RouteCollection {
    struct Context: Encodable {
        struct Popular: Encodable {
            let code: String
            let name: String
            let field: String
        }
        let layout: Layout
        let provinceName: String?
        let communeLevelUnits: Int
        let popular: [Popular]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.home.pathComponents, use: index)
    }

    @Sendable func index(req: Request) async throws -> View {
        let province = try await Province.query(on: req.db).sort(\.$name).first()
        let count = try await OrgUnit.query(on: req.db).filter(\.$kind ~~ UnitKind.allCases.filter(\.isCommuneLevel)).count()
        var popular: [ProcedureCatalogue.Listing] = []
        if let province { popular = try await PopularProcedures.top(8, provinceID: province.id!, now: req.now, on: req.db) }
        return try await req.view.render("Home/index", Context(
            layout: Layout(request: req, title: "Một cửa điện tử"), provinceName: province?.name, communeLevelUnits: count,
            popular: popular.map { .init(code: $0.code, name: $0.name, field: $0.fieldName) }))
    }
}
