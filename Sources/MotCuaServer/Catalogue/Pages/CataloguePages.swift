import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Public catalogue pages: a province's or a unit's procedures by field and online level with
/// search, a procedure's page (printable on A4), its QR code, and a field's notice-board sheet.
struct CataloguePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.catalogue.pathComponents, use: provinceCatalogue)
        routes.get(SiteURL.catalogueUnits.pathComponents, use: chooseUnit)
        routes.get(SiteURL.unitCatalogue(.key).pathComponents, use: unitCatalogue)
        routes.get(SiteURL.noticeBoard(.key).pathComponents, use: noticeBoard)
        routes.get(SiteURL.procedure(.key).pathComponents, use: procedurePage)
        routes.get(SiteURL.procedureQRSVG(.key).pathComponents, use: qrSVG)
        routes.get(SiteURL.procedureQRPNG(.key).pathComponents, use: qrPNG)
    }

    @Sendable func provinceCatalogue(req: Request) async throws -> View {
        let province = try await ProcedureCatalogue.province(code: req.query[String.self, at: "tinh"], on: req.db)
        return try await catalogue(req, province: province, unit: nil)
    }

    /// The unit picker on the province page (works without JavaScript).
    @Sendable func chooseUnit(req: Request) async throws -> Response {
        let unit = try await ProcedureCatalogue.unit(code: req.query[String.self, at: "ma"], on: req.db)
        return req.redirect(to: SiteURL.unitCatalogue(.value(unit.code)).path)
    }

    @Sendable func unitCatalogue(req: Request) async throws -> View {
        let unit = try await ProcedureCatalogue.unit(code: req.parameters.get("unitCode"), on: req.db)
        let province = try await Province.find(unit.$province.id, on: req.db)!
        return try await catalogue(req, province: province, unit: unit)
    }

    private func catalogue(_ req: Request, province: Province, unit: OrgUnit?) async throws -> View {
        let query = CatalogueQuery(req)
        let fields = try await ProcedureField.query(on: req.db).all()
        let field = fields.first { $0.code == query.fieldSlug }
        let counts = try await ProcedureCatalogue.counts(provinceID: province.id!, unitID: unit?.id, on: req.db)
        let filter = ProcedureCatalogue.Filter(unitID: unit?.id, fieldID: field?.id, level: query.level, search: ProcedureSearch(query.text))
        let procedures = try await ProcedureCatalogue.procedures(provinceID: province.id!, filter, on: req.db)
        let units = unit == nil ? VietnameseText.sorted(try await OrgUnit.query(on: req.db).filter(\.$province.$id == province.id!).all().filter(\.kind.isCommuneLevel), by: \.name) : []
        let context = CatalogueView(req: req, province: province, unit: unit, query: query, fields: fields, field: field, counts: counts,
                                    procedures: procedures, units: units)
        return try await req.view.render("Catalogue/index", context)
    }

    @Sendable func noticeBoard(req: Request) async throws -> View {
        let unit = try await ProcedureCatalogue.unit(code: req.parameters.get("unitCode"), on: req.db)
        let query = CatalogueQuery(req)
        let field = try await ProcedureField.query(on: req.db).filter(\.$code == query.fieldSlug ?? "").first()
        let procedures = try await ProcedureCatalogue.procedures(provinceID: unit.$province.id, .init(unitID: unit.id, fieldID: field?.id), on: req.db)
        let contents = try await ProcedureCatalogue.currentContents(of: procedures, on: req.db)
        let rows = procedures.map { procedure in
            NoticeBoardView.Row(code: procedure.code, name: procedure.name, level: procedure.level?.label ?? "Chưa xác định",
                                time: contents[procedure.id]?.processingTime?.text ?? "Chưa có thông tin",
                                fee: contents[procedure.id]?.feeText ?? "Chưa có thông tin",
                                qr: SiteURL.procedureQRSVG(.value(procedure.code)).path + "?don-vi=\(unit.code)")
        }
        let title = "Niêm yết thủ tục hành chính" + (field.map { " · \($0.name)" } ?? "")
        return try await req.view.render("Catalogue/notice-board", NoticeBoardView(
            layout: Layout(request: req, title: title), unitName: unit.name, fieldName: field?.name, rows: rows,
            printedOn: VietnameseFormat.date(req.now)))
    }

    /// The procedure a page is about: in the unit's province when `don-vi` is given.
    private func procedure(_ req: Request) async throws -> (Procedure, OrgUnit?) {
        let unit = try await ProcedureCatalogue.unit(ifGiven: req.query[String.self, at: "don-vi"], on: req.db)
        let provinceID: UUID
        if let unit { provinceID = unit.$province.id } else {
            provinceID = try await ProcedureCatalogue.province(code: req.query[String.self, at: "tinh"], on: req.db).id!
        }
        return (try await ProcedureCatalogue.find(code: req.parameters.get("code") ?? "", provinceID: provinceID, on: req.db), unit)
    }

    @Sendable func procedurePage(req: Request) async throws -> View {
        let (procedure, unit) = try await procedure(req)
        let requested = req.query[Int.self, at: "phien-ban"]
        let version = try await ProcedureCatalogue.version(of: procedure, number: requested, on: req.db)
        let receiving = try await ProcedureCatalogue.receivingUnitCount(of: procedure, on: req.db)
        return try await req.view.render("Catalogue/procedure", try ProcedureView(
            req: req, procedure: procedure, version: version, unit: unit, receivingCount: receiving,
            pageURL: Self.publicURL(req, procedure: procedure, unit: unit)))
    }

    /// The address a QR code opens: the procedure page, in the unit's context when given.
    static func publicURL(_ req: Request, procedure: Procedure, unit: OrgUnit?) -> String {
        req.publicBaseURL + SiteURL.procedure(.value(procedure.code)).path + (unit.map { "?don-vi=\($0.code)" } ?? "")
    }

    @Sendable func qrSVG(req: Request) async throws -> Response {
        let (procedure, unit) = try await procedure(req)
        let svg = try QRCode(Self.publicURL(req, procedure: procedure, unit: unit)).svg(title: "Mã QR thủ tục \(procedure.code)")
        return Response.svg(svg)
    }

    @Sendable func qrPNG(req: Request) async throws -> Response {
        let (procedure, unit) = try await procedure(req)
        let scale = min(max(req.query[Int.self, at: "co"] ?? 10, 2), 40)
        return Response.image(Data(try QRCode(Self.publicURL(req, procedure: procedure, unit: unit)).png(scale: scale)), type: .png)
    }

}

/// The filters of a catalogue page, from its query string.
struct CatalogueQuery {
    let text: String
    let fieldSlug: String?
    let level: OnlineLevel?
    /// The page of results, from 1.
    let page: Int

    /// Procedures per page: a phone shows a page in a few screens.
    static let pageSize = 25

    init(_ req: Request) {
        text = req.query[String.self, at: "q"] ?? ""
        fieldSlug = req.query[String.self, at: "linh-vuc"].flatMap { $0.isEmpty ? nil : $0 }
        level = req.query[String.self, at: "muc-do"].flatMap(OnlineLevel.init(slug:))
        page = min(max(req.query[Int.self, at: "trang"] ?? 1, 1), 10_000)
    }
}
