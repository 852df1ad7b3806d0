import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Officers of a unit: listing within reach, creating, changing roles and fields, password resets.
enum StaffDirectory {
    /// Officers the reach covers, with roles, fields and unit loaded, in name order.
    static func staff(in reach: AccessPolicy.Reach, unitID: UUID? = nil, role: Role? = nil, on db: any Database) async throws -> [User] {
        let query = User.query(on: db).filter(\.$kind == .officer).with(\.$roles).with(\.$fields).with(\.$unit)
        switch reach {
        case .nowhere: return []
        case .unit(let id): query.filter(\.$unit.$id == id)
        case .province(let id):
            query.join(OrgUnit.self, on: \User.$unit.$id == \OrgUnit.$id).filter(OrgUnit.self, \.$province.$id == id)
        }
        if let unitID { query.filter(\.$unit.$id == unitID) }
        var users = try await query.sort(\.$fullName).all()
        if let role { users = users.filter { $0.roles.contains { $0.role == role } } }
        return users
    }

    /// How many people each unit has, in one grouped query.
    static func countsByUnit(on db: any Database) async throws -> [UUID: Int] {
        let rows = try await (db as! any SQLDatabase)
            .raw("SELECT unit_id, COUNT(*) AS n FROM users WHERE unit_id IS NOT NULL GROUP BY unit_id").all()
        var counts: [UUID: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "unit_id", as: UUID.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// An officer with roles, fields and unit loaded, if the principal may `action` in their unit.
    static func find(_ rawID: String?, for principal: Principal, action: AccessPolicy.Action, on db: any Database) async throws -> User {
        let user = try await find(rawID, on: db)
        // Someone outside the reach learns nothing, not even that the id exists.
        guard let unit = user.unit, principal.may(action, in: unit.scope) else { throw AppError.notFound("Không tìm thấy cán bộ.") }
        return user
    }

    /// The officer an id names, with roles, fields and unit, whoever asks (callers check access).
    static func find(_ rawID: String?, on db: any Database) async throws -> User {
        guard let rawID, let id = UUID(uuidString: rawID),
              let user = try await User.query(on: db).filter(\.$id == id).filter(\.$kind == .officer)
                .with(\.$roles).with(\.$fields).with(\.$unit).first(),
              user.unit != nil
        else { throw AppError.notFound("Không tìm thấy cán bộ.") }
        return user
    }

    static func create(_ input: StaffInput, in unit: OrgUnit, by principal: Principal, audit: AuditTrail,
                       hasher: AsyncPasswordHasher, on db: any Database) async throws -> User {
        guard principal.may(.manageStaff, in: unit.scope) else { throw AppError.forbidden() }
        let valid = try await validate(input, creating: true, unit: unit, on: db)
        try await ensureUnique(valid, except: nil, on: db)
        let hash = try await hasher.hash(valid.password!)
        return try await db.transaction { db in
            let user = User(kind: .officer, fullName: valid.fullName, username: valid.username, email: valid.email,
                            phone: valid.phone, passwordHash: hash, unitID: unit.id, departmentID: valid.departmentID,
                            jobTitle: valid.jobTitle, createdAt: audit.context.now)
            user.isActive = valid.isActive
            try await user.create(on: db)
            try await replaceAssignments(of: user, roles: valid.roles, fieldIDs: valid.fieldIDs, on: db)
            let after = try await reload(user.id!, on: db)
            try await audit.record(.staffCreated, on: db, entityType: "user", entityID: user.id,
                                   scope: (unit.$province.id, unit.id), summary: "Thêm cán bộ \(user.fullName) (\(valid.username))",
                                   after: StaffDTO(after))
            return after
        }
    }

    /// `user` must come from `find` (roles, fields, unit loaded).
    static func update(_ user: User, with input: StaffInput, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard let unit = user.unit, principal.may(.manageStaff, in: unit.scope) else { throw AppError.forbidden() }
        let valid = try await validate(input, creating: false, unit: unit, on: db)
        try await ensureUnique(valid, except: user.id, on: db)
        if user.id == principal.userID, !valid.isActive || (user.roles.contains { $0.role == .administrator } && !valid.roles.contains(.administrator)) {
            throw AppError.invalid([.init(field: "roles", message: "Ông/bà không thể tự gỡ quyền quản trị hoặc tự khóa tài khoản của mình.")])
        }
        let before = StaffDTO(user)
        try await db.transaction { db in
            user.fullName = valid.fullName
            user.username = valid.username
            user.email = valid.email
            user.phone = valid.phone
            user.jobTitle = valid.jobTitle
            user.$department.id = valid.departmentID
            if user.isActive != valid.isActive {
                user.isActive = valid.isActive
                user.credentialsVersion += 1
            }
            try await user.save(on: db)
            try await replaceAssignments(of: user, roles: valid.roles, fieldIDs: valid.fieldIDs, on: db)
            let after = StaffDTO(try await reload(user.id!, on: db))
            guard after != before else { return }
            try await audit.record(.staffUpdated, on: db, entityType: "user", entityID: user.id,
                                   scope: (unit.$province.id, unit.id), summary: "Sửa cán bộ \(user.fullName)",
                                   before: before, after: after)
        }
    }

    static func resetPassword(of user: User, to password: String, by principal: Principal, audit: AuditTrail,
                              hasher: AsyncPasswordHasher, on db: any Database) async throws {
        guard let unit = user.unit, principal.may(.manageStaff, in: unit.scope) else { throw AppError.forbidden() }
        let problems = PasswordPolicy().problems(with: password, personal: [user.username ?? "", user.phone ?? ""])
        guard problems.isEmpty else { throw AppError.invalid(problems.map { .init(field: "password", message: $0) }) }
        let hash = try await hasher.hash(password)
        try await db.transaction { db in
            user.passwordHash = hash
            user.credentialsVersion += 1
            user.lockoutState = .init(failures: 0, lockedUntil: nil)
            try await user.save(on: db)
            try await WebSession.query(on: db).filter(\.$userID == user.id).delete()
            try await audit.record(.staffPasswordReset, on: db, entityType: "user", entityID: user.id,
                                   scope: (unit.$province.id, unit.id), summary: "Đặt lại mật khẩu cho \(user.fullName)")
        }
    }

    static func unlock(_ user: User, by principal: Principal, audit: AuditTrail, on db: any Database) async throws {
        guard let unit = user.unit, principal.may(.manageStaff, in: unit.scope) else { throw AppError.forbidden() }
        try await db.transaction { db in
            user.lockoutState = .init(failures: 0, lockedUntil: nil)
            try await user.save(on: db)
            try await audit.record(.staffUnlocked, on: db, entityType: "user", entityID: user.id,
                                   scope: (unit.$province.id, unit.id), summary: "Mở khóa tài khoản \(user.fullName)")
        }
    }

    private static func validate(_ input: StaffInput, creating: Bool, unit: OrgUnit, on db: any Database) async throws -> StaffInput.Valid {
        let departments = try await DepartmentDirectory.departments(of: unit.id!, on: db)
        let fields = try await ProcedureField.query(on: db).all()
        return try input.validated(creating: creating, unit: unit, departments: departments, fields: fields, policy: PasswordPolicy())
    }

    private static func ensureUnique(_ valid: StaffInput.Valid, except id: UUID?, on db: any Database) async throws {
        var problems: [FieldProblem] = []
        func taken(_ field: KeyPath<User, OptionalFieldProperty<User, String>>, _ value: String?) async throws -> Bool {
            guard let value else { return false }
            let query = User.query(on: db).filter(field == value)
            if let id { query.filter(\.$id != id) }
            return try await query.count() > 0
        }
        if try await taken(\.$username, valid.username) {
            problems.append(.init(field: "username", message: "Tên đăng nhập \(valid.username) đã có người dùng."))
        }
        if try await taken(\.$email, valid.email) {
            problems.append(.init(field: "email", message: "Địa chỉ thư điện tử đã được dùng cho tài khoản khác."))
        }
        if try await taken(\.$phone, valid.phone) {
            problems.append(.init(field: "phone", message: "Số điện thoại đã được dùng cho tài khoản khác."))
        }
        if !problems.isEmpty { throw AppError.invalid(problems) }
    }

    private static func replaceAssignments(of user: User, roles: Set<Role>, fieldIDs: Set<UUID>, on db: any Database) async throws {
        let id = try user.requireID()
        try await UserRole.query(on: db).filter(\.$user.$id == id).delete()
        try await UserField.query(on: db).filter(\.$user.$id == id).delete()
        for role in roles.sorted() { try await UserRole(userID: id, role: role).create(on: db) }
        for fieldID in fieldIDs { try await UserField(userID: id, fieldID: fieldID).create(on: db) }
    }

    private static func reload(_ id: UUID, on db: any Database) async throws -> User {
        try await User.query(on: db).filter(\.$id == id).with(\.$roles).with(\.$fields).with(\.$unit).first()!
    }
}
