import Fluent
import MotCuaCore
import Vapor

/// The public landing page.
struct HomePage: RouteCollection {
    struct Context: Encodable {
        let layout: Layout
        let provinceName: String?
        let communeLevelUnits: Int
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: index)
    }

    @Sendable func index(req: Request) async throws -> View {
        let province = try await Province.query(on: req.db).sort(\.$name).first()
        let count = try await OrgUnit.query(on: req.db).filter(\.$kind ~~ UnitKind.allCases.filter(\.isCommuneLevel)).count()
        return try await req.view.render("Home/index", Context(
            layout: Layout(request: req, title: "Một cửa điện tử"), provinceName: province?.name, communeLevelUnits: count))
    }
}
