/// A role an officer holds in their unit; a person may hold several.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    /// Cán bộ một cửa: receives dossiers at the counter, returns results.
    case reception
    /// Chuyên viên thụ lý: processes dossiers of their fields.
    case specialist
    /// Lãnh đạo: approves and signs.
    case leader
    /// Giám đốc Trung tâm Phục vụ hành chính công.
    case centerDirector = "center_director"
    /// Cán bộ giám sát cấp tỉnh: reads every unit of the province.
    case provinceMonitor = "province_monitor"
    /// Quản trị hệ thống: manages the organisation, staff, tokens; reads the audit trail.
    case administrator
    /// Tổng đài viên (e.g. hotline 1022): enters citizens' calls as feedback and receives the feedback
    /// of their unit.
    case hotline

    public var label: String {
        switch self {
        case .reception: "Cán bộ một cửa"
        case .specialist: "Chuyên viên thụ lý"
        case .leader: "Lãnh đạo"
        case .centerDirector: "Giám đốc Trung tâm"
        case .provinceMonitor: "Giám sát cấp tỉnh"
        case .administrator: "Quản trị hệ thống"
        case .hotline: "Tổng đài viên tiếp nhận phản ánh"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
