import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The province administrators' catalogue page (/quan-tri/thu-tuc): import a CSV or JSON file
/// (every bad line listed, nothing half-imported), export, and find a procedure.
struct CatalogueAdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("quan-tri", "thu-tuc").grouped(SignInRequiredMiddleware())
        admin.get(use: page)
        admin.on(.POST, "nhap", body: .collect(maxSize: "20mb"), use: importFile)
    }

    struct Context: Encodable {
        let layout: Layout
        let provinceName: String
        let summary: String
        let q: String
        let rows: [CatalogueView.Row]
        let problems: [String]
        let report: String?
    }

    private struct Upload: Content {
        var file: File?
    }

    private func render(_ req: Request, problems: [String] = [], report: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let principal = try req.requirePrincipal()
        let provinceID = try CatalogueEditor.managedProvince(of: principal)
        let province = try await Province.find(provinceID, on: req.db)!
        let q = req.query[String.self, at: "q"] ?? ""
        let counts = try await ProcedureCatalogue.counts(provinceID: provinceID, unitID: nil, on: req.db)
        let procedures = try await ProcedureCatalogue.procedures(provinceID: provinceID, .init(search: ProcedureSearch(q), limit: 50), on: req.db)
        let context = Context(
            layout: Layout(request: req, title: "Danh mục thủ tục"), provinceName: province.name, summary: counts.summary.text, q: q,
            rows: procedures.map { CatalogueView.Row(code: $0.code, name: $0.name, field: $0.field.name, level: $0.level?.label ?? "Chưa xác định",
                                                     levelSlug: $0.level?.slug ?? "chua-xac-dinh", href: "/thu-tuc/\($0.code)") },
            problems: problems, report: report)
        return try await req.view.render("Catalogue/admin", context).encodeResponse(status: status, for: req)
    }

    @Sendable func page(req: Request) async throws -> Response { try await render(req) }

    @Sendable func importFile(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        _ = try CatalogueEditor.managedProvince(of: principal)
        guard let file = (try? req.content.decode(Upload.self))?.file, file.data.readableBytes > 0 else {
            return try await render(req, problems: ["Hãy chọn tệp danh mục (.csv hoặc .json)."], status: .unprocessableEntity)
        }
        let isJSON = file.filename.lowercased().hasSuffix(".json")
        do {
            let contents = try CatalogueFiles.read(Data(file.data.readableBytesView), isJSON: isJSON)
            let report = try await CatalogueEditor.importCatalogue(contents, source: "tệp \(file.filename)", keepDetails: !isJSON, by: principal, audit: req.audit, on: req.db)
            return try await render(req, report: report.summary)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, problems: error.problems.isEmpty ? [error.detail] : error.problems.map(\.message), status: .unprocessableEntity)
        }
    }
}
