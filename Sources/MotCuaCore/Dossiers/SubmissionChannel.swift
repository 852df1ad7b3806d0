/// How a dossier reached the one-stop unit (`KenhThucHien`, rules.md §4).
public enum SubmissionChannel: String, CaseIterable, Codable, Sendable {
    /// At the counter (1 trực tiếp).
    case counter
    /// Online (2 trực tuyến).
    case online
    /// By public postal service (3 bưu chính công ích).
    case post

    public var nationalCode: Int {
        switch self {
        case .counter: 1
        case .online: 2
        case .post: 3
        }
    }

    public var label: String {
        switch self {
        case .counter: "Trực tiếp"
        case .online: "Trực tuyến"
        case .post: "Bưu chính công ích"
        }
    }
}

/// How the applicant receives the result (hình thức nhận kết quả).
public enum ResultDelivery: String, CaseIterable, Codable, Sendable {
    case counter
    case post
    case electronic

    public var label: String {
        switch self {
        case .counter: "Nhận trực tiếp tại Bộ phận một cửa"
        case .post: "Qua dịch vụ bưu chính"
        case .electronic: "Bản điện tử"
        }
    }

    /// What the applicant is told when the result is ready.
    public var notice: String {
        switch self {
        case .counter: "Mời ông/bà đến Bộ phận một cửa nhận kết quả, mang theo giấy tiếp nhận."
        case .post: "Kết quả sẽ được gửi qua dịch vụ bưu chính."
        case .electronic: "Kết quả điện tử sẽ được gửi đến ông/bà."
        }
    }
}
