import MotCuaCore

/// The administration menu, each page with the permission it needs: a person sees only the pages
/// their roles may open (a center director reads staff and statistics, not the API keys).
enum AdministrationLinks {
    struct Link: Encodable {
        let href: String
        let label: String
    }

    static let all: [(href: String, label: String, action: AccessPolicy.Action?)] = [
        (SiteURL.admin.path, "Tổng quan", nil),
        (SiteURL.adminUnits.path, "Đơn vị", .readStaff),
        (SiteURL.adminStaff.path, "Cán bộ", .readStaff),
        (SiteURL.adminTokens.path, "Khóa API", .manageTokens),
        (SiteURL.adminAudit.path, "Nhật ký", .readAudit),
        (SiteURL.adminCalendar.path, "Lịch làm việc", .manageUnits),
        (SiteURL.adminCatalogue.path, "Thủ tục", .manageCatalogue),
        (SiteURL.adminQueue.path, "Hàng đợi", .manageQueue),
        (SiteURL.adminFeedback.path, "Phản ánh", .configureFeedback),
        (SiteURL.ratingSummary.path, "Hài lòng", .readSatisfaction),
    ]

    static func of(_ principal: Principal) -> [Link] {
        guard principal.seesAdministration else { return [] }
        return all.filter { $0.action.map { principal.reach($0) != .nowhere } ?? true }.map { Link(href: $0.href, label: $0.label) }
    }
}
