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
        try await checkAuthorities([(2, content)], provinceID: provinceID, on: db, lineLabel: { _ in "competentAuthorityCode" })
        return try await db.transaction { db in
            var report = Report()
            let procedure = try await write(content, provinceID: provinceID, note: note, keepDetails: false, author: audit.context.actorName, at: audit.context.now,
                                            audit: audit, report: &report, on: db)
            return (procedure, report)
        }
    }

    /// Imports a whole catalogue: every row valid, or nothing is written.
    /// A CSV carries only the flat columns: `keepDetails` keeps the documents, steps and internal
    /// process already published for a procedure instead of erasing them.
    static func importCatalogue(_ contents: [ProcedureContent], source: String, keepDetails: Bool, by principal: Principal, audit: AuditTrail,
                                on db: any Database) async throws -> Report {
        let provinceID = try managedProvince(of: principal)
        try await checkAuthorities(Array(zip(2..., contents)), provinceID: provinceID, on: db, lineLabel: { "dòng \($0)" })
        return try await db.transaction { db in
            try await store(contents, provinceID: provinceID, source: source, keepDetails: keepDetails, audit: audit, on: db)
        }
    }

    /// Writes a checked catalogue inside the caller's transaction (import, demo seed).
    static func store(_ contents: [ProcedureContent], provinceID: UUID, source: String, keepDetails: Bool, audit: AuditTrail,
                      on db: any Database) async throws -> Report {
        var report = Report()
        for content in contents {
            try await write(content, provinceID: provinceID, note: "Nhập từ \(source)", keepDetails: keepDetails, author: audit.context.actorName,
                            at: audit.context.now, audit: nil, report: &report, on: db)
        }
        try await audit.record(.catalogueImported, on: db, entityType: "catalogue", entityID: nil, scope: (provinceID, nil),
                               summary: "Nhập danh mục từ \(source): \(report.summary)", after: report)
        return report
    }

    /// The competent authorities named must be units or agencies of the same province.
    private static func checkAuthorities(_ rows: [(Int, ProcedureContent)], provinceID: UUID, on db: any Database,
                                         lineLabel: (Int) -> String) async throws {
        let codes = Set(rows.compactMap(\.1.competentAuthorityCode))
        guard !codes.isEmpty else { return }
        let known = Set(try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).filter(\.$code ~~ Array(codes)).all().map(\.code))
        let problems = rows.compactMap { line, content in
            content.competentAuthorityCode.flatMap { known.contains($0) ? nil : FieldProblem(
                field: lineLabel(line), message: "Dòng \(line): cơ quan có thẩm quyền mã “\($0)” không có trong tỉnh.") }
        }
        if !problems.isEmpty { throw AppError.invalid(problems) }
    }

    @discardableResult
    private static func write(_ incoming: ProcedureContent, provinceID: UUID, note: String, keepDetails: Bool, author: String, at now: Date,
                              audit: AuditTrail?, report: inout Report, on db: any Database) async throws -> Procedure {
        var content = incoming
        let field = try await field(named: content.field, report: &report, on: db)
        let authorityID = try await content.competentAuthorityCode.asyncMap { code in
            try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).filter(\.$code == code).first()?.id
        } ?? nil
        let existing = try await Procedure.query(on: db).filter(\.$province.$id == provinceID).filter(\.$code == content.code.value).first()
        let procedure = existing ?? Procedure()
        var before: ProcedureContent?
        if let existing {
            let published = try await ProcedureCatalogue.version(of: existing, on: db).content()
            before = published
            if keepDetails {
                content.documents = published.documents
                content.steps = published.steps
                content.internalProcess = published.internalProcess
                content.illustrativeNote = published.illustrativeNote
                if content.result.isEmpty { content.result = published.result }
            }
            if before == content {
                report.unchanged += 1
                return existing
            }
            report.updated += 1
        } else {
            procedure.$province.id = provinceID
            report.created += 1
        }
        let number = (existing?.currentVersion ?? 0) + 1
        procedure.apply(content, fieldID: field.id!, authorityID: authorityID, version: number, at: now)
        try await procedure.save(on: db)
        try await ProcedureVersion(procedureID: procedure.id!, number: number, content: content, at: now, author: author, note: note).create(on: db)
        try await audit?.record(.procedurePublished, on: db, entityType: "procedure", entityID: procedure.id, scope: (provinceID, nil),
                                summary: "Thủ tục \(content.code) phiên bản \(number): \(content.name)", before: before, after: content)
        return procedure
    }

    /// A field by name, created when new.
    private static func field(named name: String, report: inout Report, on db: any Database) async throws -> ProcedureField {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let field = try await ProcedureField.query(on: db).filter(\.$name == trimmed).first() { return field }
        let field = ProcedureField(code: VietnameseText.slug(trimmed), name: trimmed)
        try await field.create(on: db)
        report.newFields.append(trimmed)
        return field
    }

    /// Adds or renames a field (lĩnh vực).
    static func saveField(id: UUID?, name rawName: String, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        let provinceID = try managedProvince(of: principal)
        let name = rawName.trimmingCharacters(in: .whitespaces)
        guard (2...200).contains(name.count) else {
            throw AppError.invalid([FieldProblem(field: "name", message: "Tên lĩnh vực cần từ 2 đến 200 ký tự.")])
        }
        if let other = try await ProcedureField.query(on: db).filter(\.$name == name).first(), other.id != id {
            throw AppError.conflict("Đã có lĩnh vực “\(name)”.")
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
            field.code = VietnameseText.slug(name)
            try await field.save(on: db)
            try await audit.record(.fieldSaved, on: db, entityType: "field", entityID: field.id, scope: (provinceID, nil),
                                   summary: "Lĩnh vực \(name)", before: before, after: FieldDTO(field))
        }
    }

    /// Sets the procedures a unit receives, by code; codes must be in the unit's province.
    static func choose(_ codes: [String], for unit: OrgUnit, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard principal.may(.chooseProcedures, in: unit.scope) else { throw AppError.forbidden() }
        let wanted = Set(codes)
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

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
