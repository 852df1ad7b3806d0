import Fluent
import Foundation
import MotCuaCore
import Vapor
@testable import MotCuaServer

/// A small organisation for tests: province P with a ward A, a commune B and the province office O;
/// another province Q with a commune C; officers with each role; two citizens (the first with a
/// verified phone and e-mail). Every password is
/// `World.password`.
struct World {
    static let password = "Mat-khau-thu-nghiem-1"

    let provinceP: UUID
    let provinceQ: UUID
    let unitA: UUID
    let unitB: UUID
    let office: UUID
    let unitC: UUID
    let departmentA: UUID
    let departmentB: UUID
    let hoTich: UUID
    let datDai: UUID
    /// Login (user name or phone) → user id.
    let users: [String: UUID]

    func id(_ login: String) -> UUID { users[login]! }

    static func build(on app: Application) async throws -> World {
        let db = app.db
        let hash = try Bcrypt.hash(password, cost: 4)
        let now = app.time.now()
        let p = Province(code: "31", name: "Thành phố Thử Nghiệm")
        let q = Province(code: "48", name: "Tỉnh Khác")
        try await p.create(on: db)
        try await q.create(on: db)
        func unit(_ province: Province, _ kind: UnitKind, _ code: String, _ name: String) async throws -> OrgUnit {
            let unit = OrgUnit(provinceID: province.id!, kind: kind, code: code, name: name, createdAt: now)
            try await unit.create(on: db)
            try await UnitRevision(of: unit, validFrom: now, reason: "Thành lập", recordedBy: nil).create(on: db)
            return unit
        }
        let a = try await unit(p, .ward, "A001", "Phường An Thử")
        let b = try await unit(p, .commune, "B001", "Xã Bình Thử")
        let o = try await unit(p, .provinceOffice, "P-UBND", "UBND thành phố Thử Nghiệm")
        let c = try await unit(q, .commune, "C001", "Xã Cẩm Khác")
        let deptA = Department(unitID: a.id!, name: "Trung tâm Phục vụ hành chính công", isServiceCenter: true)
        let deptB = Department(unitID: b.id!, name: "Văn phòng HĐND và UBND")
        try await deptA.create(on: db)
        try await deptB.create(on: db)
        let hoTich = ProcedureField(code: "ho-tich", name: "Hộ tịch")
        let datDai = ProcedureField(code: "dat-dai", name: "Đất đai")
        try await hoTich.create(on: db)
        try await datDai.create(on: db)

        var users: [String: UUID] = [:]
        func officer(_ login: String, _ name: String, _ unit: OrgUnit, _ roles: [Role], department: Department? = nil, fields: [ProcedureField] = []) async throws {
            let user = User(kind: .officer, fullName: name, username: login, email: "\(login)@example.vn", passwordHash: hash,
                            unitID: unit.id, departmentID: department?.id, createdAt: now)
            try await user.create(on: db)
            for role in roles { try await UserRole(userID: user.id!, role: role).create(on: db) }
            for field in fields { try await UserField(userID: user.id!, fieldID: field.id!).create(on: db) }
            users[login] = user.id
        }
        try await officer("a.admin", "Quản Trị A", a, [.administrator], department: deptA)
        try await officer("a.reception", "Tiếp Nhận A", a, [.reception], department: deptA, fields: [hoTich])
        try await officer("a.specialist", "Chuyên Viên A", a, [.specialist], fields: [datDai])
        try await officer("a.leader", "Lãnh Đạo A", a, [.leader, .centerDirector])
        try await officer("b.admin", "Quản Trị B", b, [.administrator], department: deptB)
        try await officer("b.reception", "Tiếp Nhận B", b, [.reception], department: deptB)
        try await officer("p.admin", "Quản Trị Tỉnh", o, [.administrator])
        try await officer("p.monitor", "Giám Sát Tỉnh", o, [.provinceMonitor])
        try await officer("c.admin", "Quản Trị C", c, [.administrator])
        for (phone, name, idNumber) in [("0912345678", "Công Dân Một", "031190000001"), ("0987654321", "Công Dân Hai", "031290000002")] {
            let user = User(kind: .citizen, fullName: name, phone: phone, citizenIDNumber: idNumber, passwordHash: hash, createdAt: now)
            if phone == "0912345678" {
                // Công Dân Một has proved her phone and e-mail; Công Dân Hai has proved nothing.
                user.email = "cong.dan@example.vn"
                user.phoneVerifiedAt = now
                user.emailVerifiedAt = now
            }
            try await user.create(on: db)
            users[phone] = user.id
        }
        return World(provinceP: p.id!, provinceQ: q.id!, unitA: a.id!, unitB: b.id!, office: o.id!, unitC: c.id!,
                     departmentA: deptA.id!, departmentB: deptB.id!, hoTich: hoTich.id!, datDai: datDai.id!, users: users)
    }
}
