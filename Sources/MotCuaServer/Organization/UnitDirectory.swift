import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Reading and changing units, always within what the actor may reach.
enum UnitDirectory {
    /// A unit by id, or 404 (also for an id that is not a UUID).
    static func find(_ rawID: String?, on db: any Database) async throws -> OrgUnit {
        guard let rawID, let id = UUID(uuidString: rawID), let unit = try await OrgUnit.find(id, on: db) else {
            throw AppError.notFound("Không tìm thấy đơn vị.")
        }
        return unit
    }

    /// Units an actor's reach covers, in name order.
    static func units(in reach: AccessPolicy.Reach, kind: UnitKind? = nil, on db: any Database) async throws -> [OrgUnit] {
        let query = OrgUnit.query(on: db)
        switch reach {
        case .nowhere: return []
        case .unit(let id): query.filter(\.$id == id)
        case .province(let id): query.filter(\.$province.$id == id)
        }
        if let kind { query.filter(\.$kind == kind) }
        return VietnameseText.sorted(try await query.all(), by: \.name)
    }

    static func create(_ input: UnitInput, by principal: Principal, audit: AuditTrail, on db: any Database) async throws -> OrgUnit {
        guard case .province(let provinceID) = principal.reach(.manageUnits) else { throw AppError.forbidden() }
        let valid = try input.validated(editing: false)
        try await ensureCodeFree(valid.code, except: nil, on: db)
        return try await db.transaction { db in
            let unit = OrgUnit(provinceID: provinceID, kind: valid.kind, code: valid.code, name: valid.name, createdAt: audit.context.now)
            try await unit.create(on: db)
            try await UnitRevision(of: unit, validFrom: audit.context.now, reason: valid.reason, recordedBy: principal.userID).create(on: db)
            try await audit.record(.unitCreated, on: db, entityType: "unit", entityID: unit.id,
                                   scope: (provinceID, unit.id), summary: "Thêm \(unit.name) (\(unit.code))",
                                   after: UnitDTO(unit))
            return unit
        }
    }

    static func update(_ unit: OrgUnit, with input: UnitInput, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard principal.may(.manageUnits, in: unit.scope) else { throw AppError.forbidden() }
        let valid = try input.validated(editing: true)
        try await ensureCodeFree(valid.code, except: unit.id, on: db)
        let before = UnitDTO(unit)
        unit.code = valid.code
        unit.name = valid.name
        unit.kind = valid.kind
        guard unit.hasChanges else { return }
        try await db.transaction { db in
            try await unit.save(on: db)
            try await UnitRevision(of: unit, validFrom: audit.context.now, reason: valid.reason, recordedBy: principal.userID).create(on: db)
            try await audit.record(.unitUpdated, on: db, entityType: "unit", entityID: unit.id,
                                   scope: (unit.$province.id, unit.id),
                                   summary: "Sửa \(before.name) → \(unit.name): \(valid.reason)",
                                   before: before, after: UnitDTO(unit))
        }
    }

    static func history(of unit: OrgUnit, on db: any Database) async throws -> [UnitRevision] {
        try await UnitRevision.query(on: db).filter(\.$unit.$id == unit.id!).sort(\.$validFrom, .descending).all()
    }

    private static func ensureCodeFree(_ code: String, except id: UUID?, on db: any Database) async throws {
        let query = OrgUnit.query(on: db).filter(\.$code == code)
        if let id { query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw AppError.invalid([.init(field: "code", message: "Mã đơn vị \(code) đã được dùng cho đơn vị khác.")])
        }
    }
}
