import MotCuaCore

/// The administration menu, each page with the permission it needs: a person sees only the pages
/// their roles may open (a center director reads staff and statistics, not the API keys).
enum AdministrationLinks {
    struct Link: Encodable {
        let href: String
        let label: String
    }

    static let all: [(href: String, label: String, action: AccessPolicy.Action?)] = [
        ("/quan-tri", "Tổng quan", nil),
        ("/quan-tri/don-vi", "Đơn vị", .readStaff),
        ("/quan-tri/can-bo", "Cán bộ", .readStaff),
        ("/quan-tri/khoa-api", "Khóa API", .manageTokens),
        ("/quan-tri/nhat-ky", "Nhật ký", .readAudit),
        ("/quan-tri/lich", "Lịch làm việc", .manageUnits),
        ("/quan-tri/thu-tuc", "Thủ tục", .manageCatalogue),
        ("/quan-tri/xep-hang", "Hàng đợi", .manageQueue),
        ("/quan-tri/phan-anh", "Phản ánh", .configureFeedback),
        ("/danh-gia/thong-ke", "Hài lòng", .readSatisfaction),
    ]

    static func of(_ principal: Principal) -> [Link] {
        guard principal.seesAdministration else { return [] }
        return all.filter { $0.action.map { principal.reach($0) != .nowhere } ?? true }.map { Link(href: $0.href, label: $0.label) }
    }
}
