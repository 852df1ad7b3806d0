/// What a new password must satisfy. Length matters most (NIST SP 800-63B); a few obvious choices
/// are refused outright.
public struct PasswordPolicy: Sendable {
    public var minimumLength: Int
    public var maximumLength: Int

    public init(minimumLength: Int = 10, maximumLength: Int = 72) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    private static let refused: Set<String> = [
        "1234567890", "0123456789", "12345678910", "matkhau123", "matkhau1234", "password123", "motcua12345",
        "qwertyuiop", "1111111111", "abcd123456",
    ]

    /// The Vietnamese problems with a proposed password; empty when it is acceptable. `personal` are
    /// strings from the account (login, phone, ID number) the password must not equal.
    public func problems(with password: String, personal: [String] = []) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength {
            problems.append("Mật khẩu phải có ít nhất \(minimumLength) ký tự.")
        }
        // bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
        if password.utf8.count > maximumLength {
            problems.append("Mật khẩu dài quá \(maximumLength) byte.")
        }
        let lowered = password.lowercased()
        if Self.refused.contains(lowered) || Set(password).count < 3 {
            problems.append("Mật khẩu quá dễ đoán, hãy chọn mật khẩu khác.")
        }
        if personal.contains(where: { !$0.isEmpty && $0.lowercased() == lowered }) {
            problems.append("Mật khẩu không được trùng tên đăng nhập, số điện thoại hay số định danh.")
        }
        return problems
    }
}
