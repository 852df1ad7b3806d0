import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Changing the catalogue: publishing a procedure version, importing a whole catalogue, fields,
/// and the procedures a unit receives. Each change is one transaction with its audit record.
enum CatalogueEditor {
    /// What an import or a publication did.
    struct Report: Content, Equatable {
        var created = 0
        var updated = 0
        var unchanged = 0
        var newFields: [String] = []

        var summary: String {
            var text = "Thêm \(created), cập nhật \(updated), giữ nguyên \(unchanged) thủ tục"
            if !newFields.isEmpty { text += "; thêm lĩnh vực: \(newFields.joined(separator: ", "))" }
            return text + "."
        }
    }

    /// The province whose catalogue the principal manages, or 403.
    static func managedProvince(of principal: Principal) throws -> UUID {
        guard case .province(let provinceID) = principal.reach(.manageCatalogue) else {
            throw AppError.forbidden("Chỉ quản trị viên cấp tỉnh được sửa danh mục thủ tục.")
        }
        return provinceID
    }

    /// Publishes one procedure (a new version when its content changed).
    @discardableResult
    static func publish(_ content: ProcedureContent, note: String, by principal: Principal, audit: AuditTrail,
                        on db: any Database) async throws -> (Procedure, Report) {
        let provinceID = try managedProvince(of: principal)
        let problems = content.problems
        guard problems.isEmpty else { throw AppError.invalid(problems.map { FieldProblem(field: "procedure", message: $0) }) }
        return try await db.transaction { db in
            var state = try await State.load(provinceID: provinceID, onlyCode: content.code.value, on: db)
            try state.checkAuthorities([(2, content)], lineLabel: { _ in "competentAuthorityCode" })
            var report = Report()
            let procedure = try await state.write(content, note: note, keepDetails: false, author: audit.context.actorName,
                                                  at: audit.context.now, audit: audit, report: &report, on: db)
            return (procedure, report)
        }
    }

    /// Imports a whole catalogue: every row valid, or nothing is written.
    /// A CSV carries only the flat columns: `keepDetails` keeps the documents, steps and internal
    /// process already published for a procedure instead of erasing them.
    static func importCatalogue(_ contents: [ProcedureContent], source: String, keepDetails: Bool, by principal: Principal, audit: AuditTrail,
                                on db: any Database) async throws -> Report {
        let provinceID = try managedProvince(of: principal)
        return try await db.transaction { db in
            try await store(contents, provinceID: provinceID, source: source, keepDetails: keepDetails, audit: audit, on: db)
        }
    }

    /// Writes a catalogue inside the caller's transaction (import, demo seed): the province's
    /// fields, units and procedures are read once, then only changed procedures are written.
    static func store(_ contents: [ProcedureContent], provinceID: UUID, source: String, keepDetails: Bool, audit: AuditTrail,
                      on db: any Database) async throws -> Report {
        var state = try await State.load(provinceID: provinceID, onlyCode: nil, on: db)
        try state.checkAuthorities(Array(zip(2..., contents)), lineLabel: { "dòng \($0)" })
        var report = Report()
        for content in contents {
            try await state.write(content, note: "Nhập từ \(source)", keepDetails: keepDetails, author: audit.context.actorName,
                                  at: audit.context.now, audit: nil, report: &report, on: db)
        }
        try await audit.record(.catalogueImported, on: db, entityType: "catalogue", entityID: nil, scope: (provinceID, nil),
                               summary: "Nhập danh mục từ \(source): \(report.summary)", after: report)
        return report
    }

    /// What a write needs to know, read in a few queries rather than per procedure.
    private struct State {
        let provinceID: UUID
        /// Fields by slug, so "Hộ Tịch" and "Hộ tịch" are one field.
        var fields: [String: ProcedureField]
        /// The province's units and agencies by code (competent authorities).
        let authorities: [String: UUID]
        var procedures: [String: Procedure]
        var published: [UUID: ProcedureContent]

        static func load(provinceID: UUID, onlyCode: String?, on db: any Database) async throws -> State {
            let fields = try await ProcedureField.query(on: db).all()
            let units = try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).all()
            let query = Procedure.query(on: db).filter(\.$province.$id == provinceID)
            if let onlyCode { query.filter(\.$code == onlyCode) }
            let procedures = try await query.all()
            let published = try await ProcedureCatalogue.currentContents(provinceID: provinceID, onlyCode: onlyCode, on: db)
            return State(provinceID: provinceID,
                         fields: Dictionary(fields.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first }),
                         authorities: Dictionary(units.map { ($0.code, $0.id!) }, uniquingKeysWith: { first, _ in first }),
                         procedures: Dictionary(uniqueKeysWithValues: procedures.map { ($0.code, $0) }),
                         published: published)
        }

        /// The competent authorities named must be units or agencies of the same province.
        func checkAuthorities(_ rows: [(Int, ProcedureContent)], lineLabel: (Int) -> String) throws {
            let problems = rows.compactMap { line, content in
                content.competentAuthorityCode.flatMap { authorities[$0] != nil ? nil : FieldProblem(
                    field: lineLabel(line), message: "Dòng \(line): cơ quan có thẩm quyền mã “\($0)” không có trong tỉnh.") }
            }
            if !problems.isEmpty { throw AppError.invalid(problems) }
        }

        @discardableResult
        mutating func write(_ incoming: ProcedureContent, note: String, keepDetails: Bool, author: String, at now: Date,
                            audit: AuditTrail?, report: inout Report, on db: any Database) async throws -> Procedure {
            var content = incoming
            let field = try await field(named: content.field, report: &report, on: db)
            let existing = procedures[content.code.value]
            let procedure = existing ?? Procedure()
            let before = existing.flatMap { published[$0.id!] }
            if let published = before {
                if keepDetails {
                    content.documents = published.documents
                    content.steps = published.steps
                    content.internalProcess = published.internalProcess
                    content.illustrativeNote = published.illustrativeNote
                    if content.result.isEmpty { content.result = published.result }
                }
                if published == content {
                    report.unchanged += 1
                    return procedure
                }
                report.updated += 1
            } else {
                procedure.$province.id = provinceID
                report.created += 1
            }
            let number = (existing?.currentVersion ?? 0) + 1
            procedure.apply(content, fieldID: field.id!, authorityID: content.competentAuthorityCode.flatMap { authorities[$0] },
                            version: number, at: now)
            try await procedure.save(on: db)
            try await ProcedureVersion(procedureID: procedure.id!, number: number, content: content, at: now, author: author, note: note).create(on: db)
            try await audit?.record(.procedurePublished, on: db, entityType: "procedure", entityID: procedure.id, scope: (provinceID, nil),
                                    summary: "Thủ tục \(content.code) phiên bản \(number): \(content.name)", before: before, after: content)
            procedures[content.code.value] = procedure
            published[procedure.id!] = content
            return procedure
        }

        /// A field by name (ignoring case and diacritics), created when new.
        private mutating func field(named name: String, report: inout Report, on db: any Database) async throws -> ProcedureField {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            let slug = VietnameseText.slug(trimmed)
            if let field = fields[slug] { return field }
            let field = ProcedureField(code: slug, name: trimmed)
            try await field.create(on: db)
            fields[slug] = field
            report.newFields.append(trimmed)
            return field
        }
    }

    /// Adds or renames a field (lĩnh vực).
    static func saveField(id: UUID?, name rawName: String, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        let provinceID = try managedProvince(of: principal)
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard (2...200).contains(name.count) else {
            throw AppError.invalid([FieldProblem(field: "name", message: "Tên lĩnh vực cần từ 2 đến 200 ký tự.")])
        }
        let slug = VietnameseText.slug(name)
        guard !slug.isEmpty else {
            throw AppError.invalid([FieldProblem(field: "name", message: "Tên lĩnh vực cần có chữ.")])
        }
        // Names that fold to the same words are one field ("Hộ tịch", "HỘ TỊCH").
        if let other = try await ProcedureField.query(on: db).group(.or, { $0.filter(\.$name == name).filter(\.$code == slug) }).first(),
           other.id != id {
            throw AppError.conflict("Đã có lĩnh vực “\(other.name)”.")
        }
        try await db.transaction { db in
            let field: ProcedureField
            if let id {
                guard let found = try await ProcedureField.find(id, on: db) else { throw AppError.notFound("Không tìm thấy lĩnh vực.") }
                field = found
            } else {
                field = ProcedureField(code: VietnameseText.slug(name), name: name)
            }
            let before = field.id == nil ? nil : FieldDTO(field)
            field.name = name
            field.code = slug
            try await field.save(on: db)
            try await audit.record(.fieldSaved, on: db, entityType: "field", entityID: field.id, scope: (provinceID, nil),
                                   summary: "Lĩnh vực \(name)", before: before, after: FieldDTO(field))
        }
    }

    /// Sets the procedures a unit receives, by code; codes must be in the unit's province.
    static func choose(_ codes: [String], for unit: OrgUnit, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard principal.may(.chooseProcedures, in: unit.scope) else { throw AppError.forbidden() }
        let wanted = Set(codes)
        guard wanted.count <= 5_000 else {
            throw AppError.invalid([FieldProblem(field: "codes", message: "Chọn nhiều nhất 5.000 thủ tục một lần.")])
        }
        let procedures = try await Procedure.query(on: db).filter(\.$province.$id == unit.$province.id).filter(\.$code ~~ Array(wanted)).all()
        let missing = wanted.subtracting(procedures.map(\.code)).sorted()
        guard missing.isEmpty else {
            throw AppError.invalid([FieldProblem(field: "codes", message: "Không có trong danh mục của tỉnh: \(missing.joined(separator: ", ")).")])
        }
        try await db.transaction { db in
            let current = try await UnitProcedure.query(on: db).filter(\.$unit.$id == unit.id!).with(\.$procedure).all()
            let before = current.map(\.procedure.code).sorted()
            let keep = Set(procedures.map(\.id!))
            for link in current where !keep.contains(link.$procedure.id) { try await link.delete(on: db) }
            let have = Set(current.map(\.$procedure.id))
            for procedure in procedures where !have.contains(procedure.id!) {
                try await UnitProcedure(unitID: unit.id!, procedureID: procedure.id!).create(on: db)
            }
            try await audit.record(.unitProceduresChosen, on: db, entityType: "unit", entityID: unit.id, scope: (unit.$province.id, unit.id),
                                   summary: "\(unit.name) tiếp nhận \(procedures.count) thủ tục", before: before, after: wanted.sorted())
        }
    }
}
