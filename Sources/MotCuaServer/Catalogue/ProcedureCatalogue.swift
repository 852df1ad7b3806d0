import Fluent
import FluentSQL
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Reading the catalogue: a province's procedures, those a unit receives, search and versions.
enum ProcedureCatalogue {
    struct Filter {
        var unitID: UUID?
        var fieldID: UUID?
        var level: OnlineLevel?
        var search = ProcedureSearch("")
        var limit: Int?
        /// Only these procedure codes (the home page's most filed).
        var codes: [String]?
    }

    /// The province a public page is about: by code, or the first one (a deployment usually serves
    /// one province).
    static func province(code: String?, on db: any Database) async throws -> Province {
        let query = Province.query(on: db).sort(\.$code)
        if let code, !code.isEmpty { query.filter(\.$code == code) }
        guard let province = try await query.first() else { throw AppError.notFound("Không tìm thấy tỉnh, thành phố.") }
        return province
    }

    /// A commune-level unit by its code, for public pages.
    static func unit(code: String?, on db: any Database) async throws -> OrgUnit {
        guard let code, let unit = try await OrgUnit.query(on: db).filter(\.$code == code).first() else {
            throw AppError.notFound("Không tìm thấy đơn vị có mã “\(code ?? "")”.")
        }
        return unit
    }

    /// A procedure as lists and search show it: the current version's listed facts and its field,
    /// read with one SQL query (no model decoding: lists are the hot path).
    struct Listing: Decodable {
        let id: UUID
        let code: String
        let name: String
        let fieldID: UUID
        let fieldName: String
        let onlineLevel: String?
        let searchName: String
        let searchText: String
        let currentVersion: Int
        let updatedAt: Date

        var level: OnlineLevel? { onlineLevel.flatMap(OnlineLevel.init(rawValue:)) }

        enum CodingKeys: String, CodingKey {
            case id, code, name, fieldID = "field_id", fieldName = "field_name", onlineLevel = "online_level", searchName = "search_name"
            case searchText = "search_text", currentVersion = "current_version", updatedAt = "updated_at"
        }
    }

    /// The unit an optional query parameter names: nil when absent, 404 when unknown.
    static func unit(ifGiven code: String?, on db: any Database) async throws -> OrgUnit? {
        guard let code else { return nil }
        return try await unit(code: code, on: db)
    }

    /// Procedures of a province matching the filter: ranked when searching, by name otherwise. When
    /// no procedure has every word searched for, those with most of them (`partialScore`).
    static func procedures(provinceID: UUID, _ filter: Filter, on db: any Database) async throws -> [Listing] {
        var procedures: [Listing]
        if filter.search.isEmpty {
            procedures = try await listings(provinceID: provinceID, filter, everyTerm: false, on: db)
            procedures.sort { ($0.searchName, $0.code) < ($1.searchName, $1.code) }
        } else {
            var ranked = try await listings(provinceID: provinceID, filter, everyTerm: true, on: db).compactMap { procedure in
                filter.search.score(code: procedure.code, name: procedure.searchName, text: procedure.searchText).map { (procedure, $0) }
            }
            if ranked.isEmpty, filter.search.terms.count >= 2 {
                ranked = try await listings(provinceID: provinceID, filter, everyTerm: false, on: db).compactMap { procedure in
                    filter.search.partialScore(name: procedure.searchName, text: procedure.searchText).map { (procedure, $0) }
                }
            }
            // Higher score first; among equals the shorter (more general) name first.
            procedures = ranked.sorted { a, b in
                a.1 != b.1 ? a.1 > b.1 : (a.0.searchName.count, a.0.searchName) < (b.0.searchName.count, b.0.searchName)
            }.map(\.0)
        }
        if let limit = filter.limit { procedures = Array(procedures.prefix(limit)) }
        return procedures
    }

    /// The listings the filter's unit, field and level allow; with `everyTerm`, only those whose
    /// searchable text contains every search term (a superset of the matches, ranked afterwards).
    private static func listings(provinceID: UUID, _ filter: Filter, everyTerm: Bool, on db: any Database) async throws -> [Listing] {
        let sql = db as! any SQLDatabase
        func column(_ name: String, _ table: String = "p") -> SQLColumn { SQLColumn(name, table: table) }
        var query = sql.select()
            .column(column("id")).column(column("code")).column(column("name")).column(column("field_id"))
            .column(SQLAlias(column("name", "f"), as: SQLIdentifier("field_name")))
            .column(column("online_level")).column(column("search_name")).column(column("search_text"))
            .column(column("current_version")).column(column("updated_at"))
            .from(SQLAlias(SQLIdentifier(Procedure.schema), as: SQLIdentifier("p")))
            .join(SQLAlias(SQLIdentifier(ProcedureField.schema), as: SQLIdentifier("f")), method: SQLJoinMethod.inner,
                  on: column("id", "f"), .equal, column("field_id"))
            .where(column("province_id"), .equal, SQLBind(provinceID))
        if let unitID = filter.unitID {
            query = query.join(SQLAlias(SQLIdentifier(UnitProcedure.schema), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                               on: column("procedure_id", "u"), .equal, column("id"))
                .where(column("unit_id", "u"), .equal, SQLBind(unitID))
        }
        if let fieldID = filter.fieldID { query = query.where(column("field_id"), .equal, SQLBind(fieldID)) }
        if let level = filter.level { query = query.where(column("online_level"), .equal, SQLBind(level.rawValue)) }
        if let codes = filter.codes { query = query.where(column("code"), .in, SQLBind.group(codes)) }
        if everyTerm {
            for term in filter.search.terms {
                let safe = term.filter { !"%_\\".contains($0) }
                if !safe.isEmpty { query = query.where(column("search_text"), .like, SQLBind("%\(safe)%")) }
            }
        }
        return try await query.all(decoding: Listing.self)
    }

    /// The current content of several procedures, by procedure id, in one query.
    static func currentContents(of procedures: [Listing], on db: any Database) async throws -> [UUID: ProcedureContent] {
        guard !procedures.isEmpty else { return [:] }
        let wanted = Dictionary(uniqueKeysWithValues: procedures.map { ($0.id, $0.currentVersion) })
        let versions = try await ProcedureVersion.query(on: db).filter(\.$procedure.$id ~~ Array(wanted.keys)).all()
        var contents: [UUID: ProcedureContent] = [:]
        for version in versions where wanted[version.$procedure.id] == version.number {
            contents[version.$procedure.id] = try version.content()
        }
        return contents
    }

    /// Counts by field and online level, in one grouped query (the notice-board summary).
    struct Counts {
        var byField: [UUID: Int] = [:]
        var summary = CatalogueSummary(levels: [])
    }

    static func counts(provinceID: UUID, unitID: UUID?, on db: any Database) async throws -> Counts {
        let sql = db as! any SQLDatabase
        var query = sql.select()
            .column(SQLColumn("field_id", table: "p")).column(SQLColumn("online_level", table: "p"))
            .column(SQLAlias(SQLFunction("COUNT", args: SQLLiteral.all), as: SQLIdentifier("n")))
            .from(SQLAlias(SQLIdentifier(Procedure.schema), as: SQLIdentifier("p")))
            .where(SQLColumn("province_id", table: "p"), .equal, SQLBind(provinceID))
            .groupBy(SQLColumn("field_id", table: "p")).groupBy(SQLColumn("online_level", table: "p"))
        if let unitID {
            query = query.join(SQLAlias(SQLIdentifier(UnitProcedure.schema), as: SQLIdentifier("u")), method: SQLJoinMethod.inner,
                               on: SQLColumn("procedure_id", table: "u"), .equal, SQLColumn("id", table: "p"))
                .where(SQLColumn("unit_id", table: "u"), .equal, SQLBind(unitID))
        }
        var counts = Counts()
        var levels: [OnlineLevel?] = []
        for row in try await query.all() {
            let n = try row.decode(column: "n", as: Int.self)
            counts.byField[try row.decode(column: "field_id", as: UUID.self), default: 0] += n
            let level = try row.decode(column: "online_level", as: String?.self).flatMap(OnlineLevel.init(rawValue:))
            levels += Array(repeating: level, count: n)
        }
        counts.summary = CatalogueSummary(levels: levels)
        return counts
    }

    /// A procedure by code in a province, with its field, or 404.
    static func find(code: String, provinceID: UUID, on db: any Database) async throws -> Procedure {
        guard let procedure = try await Procedure.query(on: db).filter(\.$province.$id == provinceID).filter(\.$code == code)
            .with(\.$field).with(\.$competentAuthority).first()
        else { throw AppError.notFound("Không có thủ tục mã “\(code)” trong danh mục.") }
        return procedure
    }

    /// A version of a procedure (the current one by default), or 404.
    static func version(of procedure: Procedure, number: Int? = nil, on db: any Database) async throws -> ProcedureVersion {
        guard let version = try await ProcedureVersion.query(on: db).filter(\.$procedure.$id == procedure.id!)
            .filter(\.$number == (number ?? procedure.currentVersion)).first()
        else { throw AppError.notFound("Không có phiên bản \(number ?? procedure.currentVersion) của thủ tục \(procedure.code).") }
        return version
    }

    /// Joined with `procedures`: the version that is current.
    private static var isCurrentVersion: DatabaseQuery.Filter {
        .sql(unsafeRaw: "\"procedure_versions\".\"number\" = \"procedures\".\"current_version\"")
    }

    /// A province's procedure by code with its current version, in one query.
    static func current(code: String, provinceID: UUID, on db: any Database) async throws -> (Procedure, ProcedureVersion)? {
        guard let version = try await ProcedureVersion.query(on: db)
            .join(Procedure.self, on: \ProcedureVersion.$procedure.$id == \Procedure.$id)
            .filter(Procedure.self, \.$province.$id == provinceID)
            .filter(Procedure.self, \.$code == code)
            .filter(isCurrentVersion)
            .first()
        else { return nil }
        return (try version.joined(Procedure.self), version)
    }

    static func versions(of procedure: Procedure, on db: any Database) async throws -> [ProcedureVersion] {
        try await ProcedureVersion.query(on: db).filter(\.$procedure.$id == procedure.id!).sort(\.$number, .descending).all()
    }

    /// How many units receive a procedure (for its public page).
    static func receivingUnitCount(of procedure: Procedure, on db: any Database) async throws -> Int {
        try await UnitProcedure.query(on: db).filter(\.$procedure.$id == procedure.id!).count()
    }

    /// Current contents of a province's procedures (or of the one with `onlyCode`), by procedure id.
    static func currentContents(provinceID: UUID, onlyCode: String? = nil, on db: any Database) async throws -> [UUID: ProcedureContent] {
        let query = ProcedureVersion.query(on: db)
            .join(Procedure.self, on: \ProcedureVersion.$procedure.$id == \Procedure.$id)
            .filter(Procedure.self, \.$province.$id == provinceID)
            .filter(isCurrentVersion)
        if let onlyCode { query.filter(Procedure.self, \.$code == onlyCode) }
        var contents: [UUID: ProcedureContent] = [:]
        for version in try await query.all() { contents[version.$procedure.id] = try version.content() }
        return contents
    }

    /// Every procedure's current content in a province, by code (export).
    static func contents(provinceID: UUID, on db: any Database) async throws -> [ProcedureContent] {
        try await currentContents(provinceID: provinceID, on: db).values.sorted { $0.code < $1.code }
    }
}
