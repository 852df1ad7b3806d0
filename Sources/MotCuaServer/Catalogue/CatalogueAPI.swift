import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Fields and procedures as JSON: public list, search and detail; versions; editing, import and
/// export for the province's administrators; the procedures a unit receives.
struct CatalogueAPI: RouteCollection {
    private static let problem = JSONValue.ref("Problem")
    private static let code = APIOperation.Parameter.path("code", "Mã thủ tục, ví dụ 1.000894", ["type": "string", "pattern": "^[0-9]\\.[0-9]{6}$"])
    private static let province = APIOperation.Parameter.query("province", "Mã tỉnh (mặc định: tỉnh đầu tiên)")
    private static let unitID = APIOperation.Parameter.path("unitID", "Mã định danh (UUID) của đơn vị")
    private static let signedInErrors: [Int: (String, JSONValue?)] = [401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem)]

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/fields", operationID: "listFields", summary: "Lĩnh vực và số thủ tục (công khai)", tag: "Danh mục",
              parameters: [province, .query("unit", "Mã đơn vị: chỉ đếm thủ tục đơn vị tiếp nhận")],
              responses: [200: ("Các lĩnh vực", JSONValue.array(of: .ref("FieldCount"))), 404: ("Không có tỉnh hoặc đơn vị", problem)]),
        .init(method: .GET, path: "/api/v1/procedures", operationID: "listProcedures", summary: "Danh sách, tìm kiếm thủ tục (không phân biệt dấu)",
              tag: "Danh mục",
              parameters: [.query("q", "Từ khóa hoặc mã thủ tục"), province, .query("unit", "Mã đơn vị tiếp nhận"),
                           .query("field", "Mã lĩnh vực (slug), ví dụ ho-tich"), .query("level", "Mức độ trực tuyến", .ref("OnlineLevel")),
                           .query("limit", "Số dòng tối đa (1–2000)", JSONValue.integer)],
              responses: [200: ("Thủ tục, xếp theo mức độ phù hợp", JSONValue.array(of: .ref("ProcedureSummary"))),
                          400: ("Tham số không hợp lệ", problem), 404: ("Không có tỉnh, đơn vị hoặc lĩnh vực", problem)]),
        .init(method: .GET, path: "/api/v1/procedures/{code}", operationID: "getProcedure", summary: "Nội dung hiện hành của thủ tục", tag: "Danh mục",
              parameters: [code, province], responses: [200: ("Thủ tục", .ref("ProcedureDetail")), 404: ("Không có thủ tục", problem)]),
        .init(method: .PUT, path: "/api/v1/procedures/{code}", operationID: "publishProcedure",
              summary: "Công bố phiên bản mới của thủ tục (quản trị cấp tỉnh)", tag: "Danh mục", security: .signedIn,
              parameters: [code], requestSchema: .ref("ProcedureContent"),
              responses: [200: ("Phiên bản hiện hành", .ref("ProcedureDetail")), 400: ("Dữ liệu không đọc được", problem),
                          422: ("Dữ liệu chưa hợp lệ", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/procedures/{code}/versions", operationID: "listProcedureVersions", summary: "Các phiên bản của thủ tục",
              tag: "Danh mục", parameters: [code, province],
              responses: [200: ("Mới nhất trước", JSONValue.array(of: .ref("ProcedureVersion"))), 404: ("Không có thủ tục", problem)]),
        .init(method: .GET, path: "/api/v1/procedures/{code}/versions/{number}", operationID: "getProcedureVersion",
              summary: "Một phiên bản đã công bố (hồ sơ giữ phiên bản lúc tiếp nhận)", tag: "Danh mục",
              parameters: [code, .path("number", "Số phiên bản", JSONValue.integer), province],
              responses: [200: ("Phiên bản", .ref("ProcedureDetail")), 404: ("Không có phiên bản", problem)]),
        .init(method: .GET, path: "/api/v1/catalogue/export", operationID: "exportCatalogue", summary: "Xuất danh mục (CSV hoặc JSON, công khai)",
              tag: "Danh mục", parameters: [province, .query("format", "csv hoặc json", ["type": "string", "enum": ["csv", "json"]])],
              responses: [200: ("Tệp danh mục", nil), 400: ("Định dạng không hỗ trợ", problem)]),
        .init(method: .POST, path: "/api/v1/catalogue/import", operationID: "importCatalogue",
              summary: "Nhập danh mục: JSON (mảng ProcedureContent) hoặc text/csv; lỗi nào cũng báo theo dòng, không nhập dở dang",
              tag: "Danh mục", security: .signedIn, requestSchema: JSONValue.array(of: .ref("ProcedureContent")),
              responses: [200: ("Kết quả nhập", .ref("ImportReport")), 415: ("Kiểu nội dung không hỗ trợ", problem),
                          422: ("Có dòng chưa hợp lệ; không dòng nào được nhập", problem)].merging(signedInErrors) { a, _ in a }),
        .init(method: .GET, path: "/api/v1/units/{unitID}/procedures", operationID: "listUnitProcedures", summary: "Thủ tục đơn vị tiếp nhận (công khai)",
              tag: "Danh mục", parameters: [unitID],
              responses: [200: ("Thủ tục", JSONValue.array(of: .ref("ProcedureSummary"))), 404: ("Không có đơn vị", problem)]),
        .init(method: .PUT, path: "/api/v1/units/{unitID}/procedures", operationID: "chooseUnitProcedures",
              summary: "Chọn các thủ tục đơn vị tiếp nhận (quản trị đơn vị hoặc tỉnh)", tag: "Danh mục", security: .signedIn,
              parameters: [unitID], requestSchema: .ref("UnitProceduresInput"),
              responses: [200: ("Thủ tục sau khi chọn", JSONValue.array(of: .ref("ProcedureSummary"))), 404: ("Không có đơn vị", problem),
                          422: ("Mã không có trong danh mục", problem)].merging(signedInErrors) { a, _ in a }),
    ]

    static let schemas: [String: JSONValue] = {
        let text = JSONValue.text, integer = JSONValue.integer, number: JSONValue = ["type": "number"]
        return [
            "OnlineLevel": ["type": "string", "enum": .array(OnlineLevel.allCases.map { .string($0.rawValue) })],
            "FieldCount": JSONValue.schemaObject(["id": .uuid, "code": text, "name": text, "procedureCount": integer],
                                                 required: ["id", "code", "name", "procedureCount"]),
            "ProcedureSummary": JSONValue.schemaObject(["code": text, "name": text, "fieldID": .uuid, "field": text, "onlineLevel": .ref("OnlineLevel"),
                                                        "version": integer, "updatedAt": .dateTime],
                                                       required: ["code", "name", "fieldID", "field", "version", "updatedAt"], nullable: ["onlineLevel"]),
            "ProcessingTime": JSONValue.schemaObject(["value": number, "unit": ["type": "string", "enum": .array(ProcessingTime.Unit.allCases.map { .string($0.rawValue) })],
                                                      "cutoffHour": integer], required: ["value", "unit"]),
            "RequiredDocument": JSONValue.schemaObject(["name": text, "form": ["type": "string", "enum": .array(RequiredDocument.Form.allCases.map { .string($0.rawValue) })],
                                                        "quantity": integer, "templateName": text, "templateURL": text], required: ["name", "form", "quantity"]),
            "InternalStep": JSONValue.schemaObject(["actor": text, "task": text, "hours": number], required: ["actor", "task", "hours"]),
            "ProcedureContent": JSONValue.schemaObject([
                "code": text, "name": text, "field": text, "agency": text, "competentAuthorityCode": text, "onlineLevel": .ref("OnlineLevel"),
                "processingTime": .ref("ProcessingTime"), "feeVND": integer, "feeNote": text, "result": text, "legalBasis": text,
                "documents": JSONValue.array(of: .ref("RequiredDocument")), "steps": JSONValue.array(of: text),
                "internalProcess": JSONValue.array(of: .ref("InternalStep")), "source": text, "illustrativeNote": text,
            ], required: ["code", "name", "field", "agency", "feeNote", "result", "legalBasis", "documents", "steps", "internalProcess", "source"]),
            "ProcedureDetail": JSONValue.schemaObject(["version": integer, "publishedAt": .dateTime, "isCurrent": .boolean, "processingTimeText": text,
                                                       "feeText": text, "content": .ref("ProcedureContent")],
                                                      required: ["version", "publishedAt", "isCurrent", "feeText", "content"], nullable: ["processingTimeText"]),
            "ProcedureVersion": JSONValue.schemaObject(["number": integer, "publishedAt": .dateTime, "authorName": text, "changeNote": text],
                                                       required: ["number", "publishedAt", "authorName", "changeNote"]),
            "ImportReport": JSONValue.schemaObject(["created": integer, "updated": integer, "unchanged": integer, "newFields": JSONValue.array(of: text)],
                                                   required: ["created", "updated", "unchanged", "newFields"]),
            "UnitProceduresInput": JSONValue.schemaObject(["codes": JSONValue.array(of: text)], required: ["codes"]),
        ]
    }()

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.get("fields", use: fields)
        api.get("procedures", use: list)
        api.get("procedures", ":code", use: detail)
        api.put("procedures", ":code", use: publish)
        api.get("procedures", ":code", "versions", use: versions)
        api.get("procedures", ":code", "versions", ":number", use: version)
        api.get("catalogue", "export", use: export)
        api.on(.POST, "catalogue", "import", body: .collect(maxSize: "20mb"), use: importCatalogue)
        api.get("units", ":unitID", "procedures", use: unitProcedures)
        api.put("units", ":unitID", "procedures", use: chooseUnitProcedures)
    }

    private func province(_ req: Request) async throws -> Province {
        try await ProcedureCatalogue.province(code: req.query[String.self, at: "province"], on: req.db)
    }

    @Sendable func fields(req: Request) async throws -> [FieldCountDTO] {
        let unit = try await ProcedureCatalogue.unit(ifGiven: req.query[String.self, at: "unit"], on: req.db)
        let provinceID: UUID
        if let unit { provinceID = unit.$province.id } else { provinceID = try await province(req).id! }
        let counts = try await ProcedureCatalogue.counts(provinceID: provinceID, unitID: unit?.id, on: req.db)
        return try await ProcedureField.query(on: req.db).all()
            .sorted { VietnameseText.fold($0.name) < VietnameseText.fold($1.name) }
            .map { FieldCountDTO(id: $0.id!, code: $0.code, name: $0.name, procedureCount: counts.byField[$0.id!] ?? 0) }
    }

    @Sendable func list(req: Request) async throws -> [ProcedureSummaryDTO] {
        var filter = ProcedureCatalogue.Filter(search: ProcedureSearch(req.query[String.self, at: "q"] ?? ""))
        let unit = try await ProcedureCatalogue.unit(ifGiven: req.query[String.self, at: "unit"], on: req.db)
        filter.unitID = unit?.id
        if let slug = req.query[String.self, at: "field"] {
            guard let field = try await ProcedureField.query(on: req.db).filter(\.$code == slug).first() else {
                throw AppError.notFound("Không có lĩnh vực “\(slug)”.")
            }
            filter.fieldID = field.id
        }
        if let raw = req.query[String.self, at: "level"] {
            guard let level = OnlineLevel(rawValue: raw) else { throw AppError.badRequest("level phải là full, partial hoặc none.") }
            filter.level = level
        }
        if let raw = req.query[String.self, at: "limit"] {
            guard let limit = Int(raw), (1...2_000).contains(limit) else { throw AppError.badRequest("limit phải là số từ 1 đến 2000.") }
            filter.limit = limit
        }
        let provinceID: UUID
        if let unit { provinceID = unit.$province.id } else { provinceID = try await province(req).id! }
        return try await ProcedureCatalogue.procedures(provinceID: provinceID, filter, on: req.db).map(ProcedureSummaryDTO.init)
    }

    private func procedure(_ req: Request) async throws -> Procedure {
        try await ProcedureCatalogue.find(code: req.parameters.get("code") ?? "", provinceID: province(req).id!, on: req.db)
    }

    @Sendable func detail(req: Request) async throws -> ProcedureDetailDTO {
        let procedure = try await procedure(req)
        return try ProcedureDetailDTO(try await ProcedureCatalogue.version(of: procedure, on: req.db), current: procedure.currentVersion)
    }

    @Sendable func versions(req: Request) async throws -> [ProcedureVersionDTO] {
        try await ProcedureCatalogue.versions(of: procedure(req), on: req.db).map(ProcedureVersionDTO.init)
    }

    @Sendable func version(req: Request) async throws -> ProcedureDetailDTO {
        let procedure = try await procedure(req)
        guard let number = req.parameters.get("number", as: Int.self) else { throw AppError.notFound("Số phiên bản không hợp lệ.") }
        return try ProcedureDetailDTO(try await ProcedureCatalogue.version(of: procedure, number: number, on: req.db), current: procedure.currentVersion)
    }

    @Sendable func publish(req: Request) async throws -> ProcedureDetailDTO {
        let principal = try req.requirePrincipal()
        _ = try CatalogueEditor.managedProvince(of: principal)
        let content: ProcedureContent
        do { content = try req.content.decode(ProcedureContent.self) } catch {
            throw AppError.badRequest("Nội dung thủ tục không đọc được: cần JSON theo lược đồ ProcedureContent.")
        }
        guard content.code.value == req.parameters.get("code") else {
            throw AppError.invalid([FieldProblem(field: "code", message: "Mã trong nội dung (\(content.code)) khác mã trên đường dẫn.")])
        }
        let (procedure, _) = try await CatalogueEditor.publish(content, note: "Sửa qua API", by: principal, audit: req.audit, on: req.db)
        return try ProcedureDetailDTO(try await ProcedureCatalogue.version(of: procedure, on: req.db), current: procedure.currentVersion)
    }

    @Sendable func export(req: Request) async throws -> Response {
        let province = try await province(req)
        let contents = try await ProcedureCatalogue.contents(provinceID: province.id!, on: req.db)
        let format = req.query[String.self, at: "format"] ?? "csv"
        let response = Response(status: .ok)
        switch format {
        case "csv":
            response.body = .init(string: CatalogueFiles.csv(contents))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        case "json":
            response.body = .init(data: try CatalogueFiles.json(contents))
            response.headers.contentType = .json
        default:
            throw AppError.badRequest("format phải là csv hoặc json.")
        }
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"thu-tuc-\(province.code).\(format)\"")
        return response
    }

    @Sendable func importCatalogue(req: Request) async throws -> CatalogueEditor.Report {
        let principal = try req.requirePrincipal()
        _ = try CatalogueEditor.managedProvince(of: principal)
        let type = req.headers.contentType
        let isJSON = type == .json
        guard isJSON || type?.subType == "csv" else {
            throw AppError(status: .unsupportedMediaType, detail: "Gửi danh mục dạng application/json hoặc text/csv.")
        }
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let contents = try CatalogueFiles.read(data, isJSON: isJSON)
        return try await CatalogueEditor.importCatalogue(contents, source: isJSON ? "tệp JSON" : "tệp CSV", keepDetails: !isJSON, by: principal, audit: req.audit, on: req.db)
    }

    @Sendable func unitProcedures(req: Request) async throws -> [ProcedureSummaryDTO] {
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        return try await ProcedureCatalogue.procedures(provinceID: unit.$province.id, .init(unitID: unit.id), on: req.db).map(ProcedureSummaryDTO.init)
    }

    @Sendable func chooseUnitProcedures(req: Request) async throws -> [ProcedureSummaryDTO] {
        let principal = try req.requirePrincipal()
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        guard principal.may(.chooseProcedures, in: unit.scope) else { throw AppError.forbidden() }
        let input: UnitProceduresInput
        do { input = try req.content.decode(UnitProceduresInput.self) } catch {
            throw AppError.badRequest("Cần JSON dạng {\"codes\": [\"1.000894\", …]}.")
        }
        try await CatalogueEditor.choose(input.codes, for: unit, by: principal, audit: req.audit, on: req.db)
        return try await unitProcedures(req: req)
    }
}
