/// What an audit line records. The raw value is stored; `label` is shown to administrators.
enum AuditAction: String, CaseIterable, Sendable {
    case signIn = "auth.sign_in"
    case signInFailed = "auth.sign_in_failed"
    case accountLocked = "auth.account_locked"
    case signOut = "auth.sign_out"
    case passwordChanged = "auth.password_changed"
    case citizenRegistered = "citizen.registered"
    case provinceUpdated = "province.updated"
    case unitCreated = "unit.created"
    case unitUpdated = "unit.updated"
    case departmentCreated = "department.created"
    case departmentUpdated = "department.updated"
    case departmentDeleted = "department.deleted"
    case staffCreated = "staff.created"
    case staffUpdated = "staff.updated"
    case staffPasswordReset = "staff.password_reset"
    case staffUnlocked = "staff.unlocked"
    case tokenIssued = "api_token.issued"
    case tokenRevoked = "api_token.revoked"
    case calendarDeclared = "calendar.declared"
    case calendarWithdrawn = "calendar.withdrawn"
    case demoSeeded = "system.demo_seeded"

    var label: String {
        switch self {
        case .signIn: "Đăng nhập"
        case .signInFailed: "Đăng nhập sai"
        case .accountLocked: "Khóa tài khoản tạm thời"
        case .signOut: "Đăng xuất"
        case .passwordChanged: "Đổi mật khẩu"
        case .citizenRegistered: "Công dân đăng ký tài khoản"
        case .provinceUpdated: "Sửa thông tin tỉnh"
        case .unitCreated: "Thêm đơn vị"
        case .unitUpdated: "Sửa đơn vị"
        case .departmentCreated: "Thêm phòng ban"
        case .departmentUpdated: "Sửa phòng ban"
        case .departmentDeleted: "Xóa phòng ban"
        case .staffCreated: "Thêm cán bộ"
        case .staffUpdated: "Sửa cán bộ"
        case .staffPasswordReset: "Đặt lại mật khẩu cán bộ"
        case .staffUnlocked: "Mở khóa tài khoản"
        case .tokenIssued: "Cấp khóa API"
        case .tokenRevoked: "Thu hồi khóa API"
        case .calendarDeclared: "Thêm ngày nghỉ, làm bù"
        case .calendarWithdrawn: "Bỏ ngày nghỉ, làm bù"
        case .demoSeeded: "Nạp dữ liệu mẫu"
        }
    }

    static func label(for raw: String) -> String { AuditAction(rawValue: raw)?.label ?? raw }
}
