import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The catalogue of a province or a unit: summary line, fields with counts, level filter, search.
struct CatalogueView: Encodable {
    struct Link: Encodable {
        let label: String
        let href: String
        /// How many procedures, or "" when not counted.
        let count: String
        let isCurrent: Bool
    }

    struct Row: Encodable {
        let code: String
        let name: String
        let field: String
        let level: String
        let levelSlug: String
        let href: String

        init(_ procedure: ProcedureCatalogue.Listing, href: String) {
            code = procedure.code
            name = procedure.name
            field = procedure.fieldName
            level = procedure.level?.label ?? "Chưa xác định"
            levelSlug = procedure.level?.slug ?? "chua-xac-dinh"
            self.href = href
        }
    }

    let layout: Layout
    let heading: String
    let placeName: String
    let summary: String
    let path: String
    let unitCode: String?
    let q: String
    let fieldSlug: String
    let levelSlug: String
    let fieldLinks: [Link]
    let levelLinks: [Link]
    let rows: [Row]
    let resultLine: String
    /// Links to the previous and next pages of results, when there are.
    let previousPage: String?
    let nextPage: String?
    /// The fields as a drop-down (phones show it first, instead of the long list).
    let fieldOptions: [Option]
    let units: [Option]
    let noticeBoardHref: String?

    init(req: Request, province: Province, unit: OrgUnit?, query: CatalogueQuery, fields: [ProcedureField], field: ProcedureField?,
         counts: ProcedureCatalogue.Counts, procedures: [ProcedureCatalogue.Listing], units: [OrgUnit]) {
        placeName = unit?.name ?? province.name
        heading = "Thủ tục hành chính · \(placeName)"
        layout = Layout(request: req, title: heading)
        summary = counts.summary.text
        path = unit.map { SiteURL.unitCatalogue(.value($0.code)).path } ?? SiteURL.catalogue.path
        unitCode = unit?.code
        q = query.text
        fieldSlug = query.fieldSlug ?? ""
        levelSlug = query.level?.slug ?? ""
        let path = self.path
        func href(field: String?, level: String?, text: String = "", page: Int = 1) -> String {
            var items: [String] = []
            if !text.isEmpty { items.append("q=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")") }
            if let field, !field.isEmpty { items.append("linh-vuc=\(field)") }
            if let level, !level.isEmpty { items.append("muc-do=\(level)") }
            if page > 1 { items.append("trang=\(page)") }
            return items.isEmpty ? path : path + "?" + items.joined(separator: "&")
        }
        let levelSlug = self.levelSlug, fieldSlug = self.fieldSlug
        let listed = VietnameseText.sorted(fields.filter { (counts.byField[$0.id!] ?? 0) > 0 }, by: \.name)
        fieldLinks = [Link(label: "Tất cả lĩnh vực", href: href(field: nil, level: levelSlug), count: "\(counts.summary.total)", isCurrent: field == nil)]
            + listed.map { Link(label: $0.name, href: href(field: $0.code, level: levelSlug), count: "\(counts.byField[$0.id!] ?? 0)", isCurrent: $0.id == field?.id) }
        levelLinks = [Link(label: "Mọi mức độ", href: href(field: fieldSlug, level: nil), count: "", isCurrent: query.level == nil)]
            + OnlineLevel.allCases.map { Link(label: $0.label, href: href(field: fieldSlug, level: $0.slug), count: "\(counts.summary.count($0))", isCurrent: $0 == query.level) }
        let suffix = unit.map { "?don-vi=\($0.code)" } ?? ""
        let size = CatalogueQuery.pageSize
        let pages = max(1, (procedures.count + size - 1) / size)
        let page = min(query.page, pages)
        let shown = procedures.dropFirst((page - 1) * size).prefix(size)
        rows = shown.map { procedure in
            Row(procedure, href: SiteURL.procedure(.value(procedure.code)).path + suffix)
        }
        previousPage = page > 1 ? href(field: fieldSlug, level: levelSlug, text: query.text, page: page - 1) : nil
        nextPage = page < pages ? href(field: fieldSlug, level: levelSlug, text: query.text, page: page + 1) : nil
        fieldOptions = [Option(value: "", label: "Tất cả lĩnh vực", selected: field == nil)]
            + listed.map { Option(value: $0.code, label: "\($0.name) (\(counts.byField[$0.id!] ?? 0))", selected: $0.id == field?.id) }
        var line = "\(procedures.count) thủ tục"
        if !query.text.isEmpty { line += " khớp “\(query.text)”" }
        if let field { line += " trong lĩnh vực \(field.name)" }
        if let level = query.level { line += ", mức độ \(level.label.lowercased())" }
        if pages > 1 { line += " · trang \(page)/\(pages) (thủ tục \((page - 1) * size + 1)–\((page - 1) * size + shown.count))" }
        resultLine = line
        self.units = units.map { Option(value: $0.code, label: $0.name, selected: false) }
        noticeBoardHref = unit.map { SiteURL.noticeBoard(.value($0.code)).path + (field.map { "?linh-vuc=\($0.code)" } ?? "") }
    }
}

/// A procedure's public page at one version.
struct ProcedureView: Encodable {
    struct Document: Encodable {
        let number: Int
        let name: String
        let form: String
        let quantity: Int
        let templateName: String?
        let templateURL: String?
    }

    struct Step: Encodable {
        let number: Int
        let actor: String
        let task: String
        let hours: String
    }

    let layout: Layout
    let code: String
    let name: String
    let field: String
    let agency: String
    let competentAuthority: String?
    let level: String
    let time: String
    let fee: String
    let feeNote: String
    let result: String
    let legalBasis: String
    let documents: [Document]
    let steps: [String]
    let internalSteps: [Step]
    let internalTotal: String
    let illustrativeNote: String?
    let version: Int
    let currentVersion: Int
    let publishedOn: String
    let unitName: String?
    let receivingCount: Int
    let pageURL: String
    let qrQuery: String
    let backHref: String
    /// Online submission, offered in a unit's context for procedures with an online service.
    let submitHref: String?

    init(req: Request, procedure: Procedure, version: ProcedureVersion, unit: OrgUnit?, receivingCount: Int, pageURL: String) throws {
        let content = try version.content()
        layout = Layout(request: req, title: "\(content.name) (\(content.code))")
        code = content.code.value
        name = content.name
        field = procedure.$field.value?.name ?? content.field
        agency = content.agency.isEmpty ? "Chưa có thông tin" : content.agency
        competentAuthority = procedure.competentAuthority.map { "\($0.name) (tiếp nhận không phụ thuộc địa giới hành chính, chuyển hồ sơ về cơ quan này giải quyết)" }
        level = content.onlineLevel?.label ?? "Chưa xác định"
        time = content.processingTime?.text ?? "Chưa có thông tin"
        fee = content.feeText
        feeNote = content.feeNote
        result = content.result
        legalBasis = content.legalBasis
        documents = content.documents.enumerated().map {
            Document(number: $0.offset + 1, name: $0.element.name, form: $0.element.form.label, quantity: $0.element.quantity,
                     templateName: $0.element.templateName, templateURL: $0.element.templateURL)
        }
        steps = content.steps
        internalSteps = content.internalProcess.enumerated().map {
            Step(number: $0.offset + 1, actor: $0.element.actor, task: $0.element.task, hours: Self.hours($0.element.hours))
        }
        internalTotal = Self.hours(content.internalHours)
        illustrativeNote = content.illustrativeNote
        self.version = version.number
        currentVersion = procedure.currentVersion
        publishedOn = VietnameseFormat.date(version.createdAt)
        unitName = unit?.name
        self.receivingCount = receivingCount
        self.pageURL = pageURL
        qrQuery = unit.map { "?don-vi=\($0.code)" } ?? ""
        backHref = unit.map { SiteURL.unitCatalogue(.value($0.code)).path } ?? SiteURL.catalogue.path
        submitHref = unit.flatMap { unit in
            [.full, .partial].contains(content.onlineLevel) ? SiteURL.submission.path + "?thu-tuc=\(content.code.value)&don-vi=\(unit.code)" : nil
        }
    }

    /// "1,5 giờ", "16 giờ".
    static func hours(_ value: Double) -> String {
        (value == value.rounded() ? "\(Int(value))" : String(format: "%g", value).replacingOccurrences(of: ".", with: ",")) + " giờ"
    }
}

/// The printable sheet of a unit's procedures (one field or all), each with its QR code.
struct NoticeBoardView: Encodable {
    struct Row: Encodable {
        let code: String
        let name: String
        let level: String
        let time: String
        let fee: String
        let qr: String
    }

    let layout: Layout
    let unitName: String
    let fieldName: String?
    let rows: [Row]
    let printedOn: String
}
