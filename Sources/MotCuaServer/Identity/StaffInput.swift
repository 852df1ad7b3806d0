import Foundation
import MotCuaCore

/// What an administrator enters for an officer.
struct StaffInput: Codable, Sendable {
    var fullName: String
    var username: String
    var email: String?
    var phone: String?
    var jobTitle: String?
    var departmentID: String?
    var roles: [String]
    var fieldIDs: [String]
    var isActive: Bool?
    /// Initial password, when creating.
    var password: String?

    struct Valid {
        let fullName: String
        let username: String
        let email: String?
        let phone: String?
        let jobTitle: String?
        let departmentID: UUID?
        let roles: Set<Role>
        let fieldIDs: Set<UUID>
        let isActive: Bool
        let password: String?
    }

    func validated(creating: Bool, unit: OrgUnit, departments: [Department], fields: [ProcedureField], policy: PasswordPolicy) throws -> Valid {
        var problems: [FieldProblem] = []
        let fullName = fullName.trimmingCharacters(in: .whitespaces)
        if !(2...100).contains(fullName.count) {
            problems.append(.init(field: "fullName", message: "Họ và tên phải có từ 2 đến 100 ký tự."))
        }
        let username = username.trimmingCharacters(in: .whitespaces).lowercased()
        if !(3...40).contains(username.count) || !username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) {
            problems.append(.init(field: "username", message: "Tên đăng nhập gồm 3–40 chữ cái không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch nối."))
        }
        var email: EmailAddress?
        if let raw = self.email, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            email = EmailAddress(raw)
            if email == nil { problems.append(.init(field: "email", message: "Địa chỉ thư điện tử không hợp lệ.")) }
        }
        var phone: PhoneNumber?
        if let raw = self.phone, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            phone = PhoneNumber(raw)
            if phone == nil { problems.append(.init(field: "phone", message: "Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09.")) }
        }
        let jobTitle = jobTitle?.trimmingCharacters(in: .whitespaces)
        if let jobTitle, jobTitle.count > 100 {
            problems.append(.init(field: "jobTitle", message: "Chức vụ dài quá 100 ký tự."))
        }
        var departmentID: UUID?
        if let raw = self.departmentID, !raw.isEmpty {
            departmentID = UUID(uuidString: raw).flatMap { id in departments.contains { $0.id == id } ? id : nil }
            if departmentID == nil { problems.append(.init(field: "departmentID", message: "Phòng ban không thuộc đơn vị này.")) }
        }
        var roles = Set<Role>()
        for raw in self.roles {
            guard let role = Role(rawValue: raw) else {
                problems.append(.init(field: "roles", message: "Vai trò “\(raw)” không tồn tại."))
                continue
            }
            roles.insert(role)
        }
        if roles.contains(.provinceMonitor), !unit.kind.actsForProvince {
            problems.append(.init(field: "roles", message: "Vai trò Giám sát cấp tỉnh chỉ dành cho cán bộ của cơ quan cấp tỉnh."))
        }
        if roles.isEmpty {
            problems.append(.init(field: "roles", message: "Chọn ít nhất một vai trò."))
        }
        let known = Set(fields.compactMap(\.id))
        var fieldIDs = Set<UUID>()
        for raw in self.fieldIDs {
            guard let id = UUID(uuidString: raw), known.contains(id) else {
                problems.append(.init(field: "fieldIDs", message: "Lĩnh vực được chọn không tồn tại."))
                continue
            }
            fieldIDs.insert(id)
        }
        var password: String?
        if creating {
            let raw = self.password ?? ""
            let found = policy.problems(with: raw, personal: [username, phone?.national ?? ""])
            problems += found.map { .init(field: "password", message: $0) }
            password = raw
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        return Valid(fullName: fullName, username: username, email: email?.value, phone: phone?.national,
                     jobTitle: (jobTitle?.isEmpty ?? true) ? nil : jobTitle, departmentID: departmentID,
                     roles: roles, fieldIDs: fieldIDs, isActive: isActive ?? true, password: password)
    }
}
