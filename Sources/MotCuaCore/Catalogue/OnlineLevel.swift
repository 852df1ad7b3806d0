/// Mức độ dịch vụ công trực tuyến (Decree 42/2022/NĐ-CP): full-process, partial, or none (the
/// procedure is published as information only). A catalogue may not know it yet (`nil`).
public enum OnlineLevel: String, Sendable, Codable, CaseIterable {
    /// Toàn trình: submitted, processed and returned online.
    case full
    /// Một phần: any other online service.
    case partial
    /// Cung cấp thông tin: no online service.
    case none

    public var label: String {
        switch self {
        case .full: "Toàn trình"
        case .partial: "Một phần"
        case .none: "Cung cấp thông tin"
        }
    }

    /// The word a public URL uses (`?muc-do=toan-trinh`).
    public var slug: String {
        switch self {
        case .full: "toan-trinh"
        case .partial: "mot-phan"
        case .none: "cung-cap-thong-tin"
        }
    }

    public init?(slug: String) {
        guard let level = Self.allCases.first(where: { $0.slug == slug }) else { return nil }
        self = level
    }
}
