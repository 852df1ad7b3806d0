import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The province administrators' catalogue pages (/quan-tri/thu-tuc): import a CSV or JSON file
/// (every bad line listed, nothing half-imported), export, find a procedure, and add or edit one
/// (each save publishes a new version).
struct CatalogueAdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.adminCatalogue.pathComponents, use: page)
        admin.on(.POST, SiteURL.adminCatalogueImport.pathComponents, body: .collect(maxSize: "20mb"), use: importFile)
        admin.get(SiteURL.adminProcedureNew.pathComponents, use: newProcedure)
        admin.get(SiteURL.adminProcedure(.key).pathComponents, use: editProcedure)
        admin.on(.POST, SiteURL.adminProcedure(.key).pathComponents, body: .collect(maxSize: "1mb"), use: saveProcedure)
    }

    struct FormContext: Encodable {
        let layout: Layout
        let isNew: Bool
        let form: ProcedureForm
        let fields: [Option]
        let authorities: [Option]
        let levels: [Option]
        let units: [Option]
        let problems: [String]
        let versions: [VersionRow]
    }

    struct VersionRow: Encodable {
        let number: Int
        let publishedAt: String
        let authorName: String
        let changeNote: String
        let href: String
    }

    private func renderForm(_ req: Request, form: ProcedureForm, isNew: Bool, problems: [String] = [], status: HTTPStatus = .ok) async throws -> Response {
        let provinceID = try CatalogueEditor.managedProvince(of: try req.requirePrincipal())
        let fields = try await ProcedureField.query(on: req.db).all().sorted { VietnameseText.fold($0.name) < VietnameseText.fold($1.name) }
        let authorities = VietnameseText.sorted(try await OrgUnit.query(on: req.db).filter(\.$province.$id == provinceID).all(), by: \.name)
        var versions: [VersionRow] = []
        if !isNew, let procedure = try? await ProcedureCatalogue.find(code: form.code, provinceID: provinceID, on: req.db) {
            versions = try await ProcedureCatalogue.versions(of: procedure, on: req.db).map {
                VersionRow(number: $0.number, publishedAt: VietnameseFormat.dateTime($0.createdAt), authorName: $0.authorName,
                           changeNote: $0.changeNote, href: SiteURL.procedure(.value(form.code)).path + "?phien-ban=\($0.number)")
            }
        }
        let context = FormContext(
            layout: Layout(request: req, title: isNew ? "Thêm thủ tục" : "Sửa thủ tục \(form.code)"), isNew: isNew, form: form,
            fields: fields.map { Option(value: $0.name, label: $0.name, selected: $0.name == form.field) },
            authorities: [Option(value: "", label: "Đơn vị tiếp nhận tự giải quyết", selected: form.competentAuthority.isEmpty)]
                + authorities.map { Option(value: $0.code, label: "\($0.name) (\($0.code))", selected: $0.code == form.competentAuthority) },
            levels: [Option(value: "", label: "Chưa xác định", selected: form.level.isEmpty)]
                + OnlineLevel.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.level) },
            units: [Option(value: "", label: "Chưa có thông tin", selected: form.deadlineUnit.isEmpty)]
                + ProcessingTime.Unit.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == form.deadlineUnit) },
            problems: problems, versions: versions)
        return try await req.view.render("Catalogue/procedure-form", context).encodeResponse(status: status, for: req)
    }

    @Sendable func newProcedure(req: Request) async throws -> Response {
        try await renderForm(req, form: ProcedureForm(), isNew: true)
    }

    @Sendable func editProcedure(req: Request) async throws -> Response {
        let provinceID = try CatalogueEditor.managedProvince(of: try req.requirePrincipal())
        let procedure = try await ProcedureCatalogue.find(code: req.parameters.get("code") ?? "", provinceID: provinceID, on: req.db)
        return try await renderForm(req, form: ProcedureForm(try await ProcedureCatalogue.version(of: procedure, on: req.db).content()), isNew: false)
    }

    @Sendable func saveProcedure(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let provinceID = try CatalogueEditor.managedProvince(of: principal)
        let input = try FormInput(req)
        let isNew = req.parameters.get("code") == "moi"
        var form = ProcedureForm(input, code: isNew ? input.text("code") : req.parameters.get("code") ?? "")
        let existing = try? await ProcedureCatalogue.find(code: form.code, provinceID: provinceID, on: req.db)
        if isNew, existing != nil {
            return try await renderForm(req, form: form, isNew: true, problems: ["Đã có thủ tục mã \(form.code); hãy sửa thủ tục đó."], status: .conflict)
        }
        if !isNew, existing == nil { throw AppError.notFound("Không có thủ tục mã “\(form.code)” trong danh mục.") }
        if let existing { form.illustrativeNote = try await ProcedureCatalogue.version(of: existing, on: req.db).content().illustrativeNote }
        let (content, problems) = form.content()
        guard let content else { return try await renderForm(req, form: form, isNew: isNew, problems: problems, status: .unprocessableEntity) }
        do {
            let (_, report) = try await CatalogueEditor.publish(content, note: form.note, by: principal, audit: req.audit, on: req.db)
            let message = report.unchanged > 0 ? "Nội dung không đổi; không tạo phiên bản mới." : "Đã công bố phiên bản mới của thủ tục \(content.code)."
            return req.redirect(to: SiteURL.adminProcedure(.value(content.code.value)).path, flash: message)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderForm(req, form: form, isNew: isNew, problems: error.problems.map(\.message), status: .unprocessableEntity)
        }
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
            rows: procedures.map { CatalogueView.Row($0, href: SiteURL.adminProcedure(.value($0.code)).path) },
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
