import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The province's own code and name, changed by its administrators.
enum ProvinceDirectory {
    static func update(_ provinceID: UUID, code rawCode: String, name rawName: String, by principal: Principal,
                       audit: AuditTrail, on db: any Database) async throws {
        guard principal.reach(.manageUnits) == .province(provinceID),
              let province = try await Province.find(provinceID, on: db) else { throw AppError.forbidden() }
        let code = rawCode.trimmingCharacters(in: .whitespaces)
        let name = rawName.trimmingCharacters(in: .whitespaces)
        var problems: [FieldProblem] = []
        if !(1...8).contains(code.count) || !code.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) {
            problems.append(.init(field: "provinceCode", message: "Mã tỉnh gồm 1–8 chữ số hoặc chữ cái không dấu."))
        } else if try await Province.query(on: db).filter(\.$code == code).filter(\.$id != provinceID).count() > 0 {
            problems.append(.init(field: "provinceCode", message: "Mã tỉnh \(code) đã được dùng."))
        }
        if !(4...100).contains(name.count) {
            problems.append(.init(field: "provinceName", message: "Tên tỉnh phải có từ 4 đến 100 ký tự."))
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let before = ["code": province.code, "name": province.name]
        province.code = code
        province.name = name
        guard province.hasChanges else { return }
        try await db.transaction { db in
            try await province.save(on: db)
            try await audit.record(.provinceUpdated, on: db, entityType: "province", entityID: provinceID, scope: (provinceID, nil),
                                   summary: "Sửa thông tin tỉnh: \(before["name"]!) → \(name)", before: before,
                                   after: ["code": code, "name": name])
        }
    }
}
