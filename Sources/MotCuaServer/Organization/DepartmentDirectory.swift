import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Departments of a unit; changed by administrators who reach the unit.
enum DepartmentDirectory {
    static func departments(of unitID: UUID, on db: any Database) async throws -> [Department] {
        try await Department.query(on: db).filter(\.$unit.$id == unitID).sort(\.$name).all()
    }

    static func validatedName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespaces)
        guard (2...200).contains(name.count) else {
            throw AppError.invalid([.init(field: "name", message: "Tên phòng ban phải có từ 2 đến 200 ký tự.")])
        }
        return name
    }

    static func create(in unit: OrgUnit, name rawName: String, isServiceCenter: Bool, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard principal.may(.manageStaff, in: unit.scope) else { throw AppError.forbidden() }
        let name = try validatedName(rawName)
        try await ensureNameFree(name, in: unit.id!, except: nil, on: db)
        try await db.transaction { db in
            let department = Department(unitID: unit.id!, name: name, isServiceCenter: isServiceCenter)
            try await department.create(on: db)
            try await audit.record(.departmentCreated, on: db, entityType: "department", entityID: department.id,
                                   scope: (unit.$province.id, unit.id), summary: "Thêm \(name) thuộc \(unit.name)",
                                   after: DepartmentDTO(department))
        }
    }

    static func rename(_ department: Department, in unit: OrgUnit, to rawName: String, isServiceCenter: Bool, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard principal.may(.manageStaff, in: unit.scope) else { throw AppError.forbidden() }
        let name = try validatedName(rawName)
        try await ensureNameFree(name, in: unit.id!, except: department.id, on: db)
        let before = DepartmentDTO(department)
        department.name = name
        department.isServiceCenter = isServiceCenter
        guard department.hasChanges else { return }
        try await db.transaction { db in
            try await department.save(on: db)
            try await audit.record(.departmentUpdated, on: db, entityType: "department", entityID: department.id,
                                   scope: (unit.$province.id, unit.id), summary: "Sửa \(before.name) → \(name)",
                                   before: before, after: DepartmentDTO(department))
        }
    }

    /// Deletes a department nobody belongs to.
    static func delete(_ department: Department, in unit: OrgUnit, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard principal.may(.manageStaff, in: unit.scope) else { throw AppError.forbidden() }
        let members = try await User.query(on: db).filter(\.$department.$id == department.id!).count()
        guard members == 0 else {
            throw AppError.conflict("Phòng ban còn \(members) cán bộ; hãy chuyển họ sang phòng ban khác trước khi xóa.")
        }
        let before = DepartmentDTO(department)
        try await db.transaction { db in
            try await department.delete(on: db)
            try await audit.record(.departmentDeleted, on: db, entityType: "department", entityID: before.id,
                                   scope: (unit.$province.id, unit.id), summary: "Xóa \(before.name)", before: before)
        }
    }

    /// The department with this id in this unit, or 404.
    static func find(_ rawID: String?, in unit: OrgUnit, on db: any Database) async throws -> Department {
        guard let rawID, let id = UUID(uuidString: rawID),
              let department = try await Department.query(on: db).filter(\.$id == id).filter(\.$unit.$id == unit.id!).first()
        else { throw AppError.notFound("Không tìm thấy phòng ban.") }
        return department
    }

    private static func ensureNameFree(_ name: String, in unitID: UUID, except id: UUID?, on db: any Database) async throws {
        let query = Department.query(on: db).filter(\.$unit.$id == unitID).filter(\.$name == name)
        if let id { query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw AppError.invalid([.init(field: "name", message: "Đơn vị đã có phòng ban tên “\(name)”.")])
        }
    }
}
