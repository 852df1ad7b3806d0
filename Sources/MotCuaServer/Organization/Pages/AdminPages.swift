import Fluent
import MotCuaCore
import Vapor

/// The administration home (/quan-tri): the province, what the person may manage; units, staff
/// and the audit trail have their own pages (`UnitAdminPages`, `StaffAdminPages`, `AuditTrailPages`).
struct AdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.admin.pathComponents, use: overview)
        admin.post(SiteURL.adminProvince.pathComponents, use: updateProvince)
    }

    struct OverviewContext: Encodable {
        let layout: Layout
        let provinceName: String?
        let provinceCode: String?
        let counts: [String: Int]
        let canManageUnits: Bool
        let canManageStaff: Bool
        let canReadAudit: Bool
    }

    @Sendable func overview(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        guard principal.seesAdministration else { throw AppError.forbidden() }
        let reach = principal.reach(.readStaff)
        let units = try await UnitDirectory.units(in: reach, on: req.db)
        let staff = try await StaffDirectory.staff(in: reach, on: req.db)
        var province: Province?
        if let provinceID = principal.actor.provinceID { province = try await Province.find(provinceID, on: req.db) }
        var counts = ["units": units.count, "communeLevel": units.filter(\.kind.isCommuneLevel).count, "staff": staff.count]
        counts["wards"] = units.filter { $0.kind == .ward }.count
        counts["communes"] = units.filter { $0.kind == .commune }.count
        counts["specialZones"] = units.filter { $0.kind == .specialZone }.count
        return try await req.view.render("Admin/overview", OverviewContext(
            layout: Layout(request: req, title: "Quản trị"), provinceName: province?.name, provinceCode: province?.code, counts: counts,
            canManageUnits: principal.reach(.manageUnits) != .nowhere, canManageStaff: principal.reach(.manageStaff) != .nowhere,
            canReadAudit: principal.reach(.readAudit) != .nowhere))
    }

    @Sendable func updateProvince(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try FormInput(req)
        guard let provinceID = principal.actor.provinceID else { throw AppError.forbidden() }
        return try await req.redirectAfter(SiteURL.admin.path, success: "Đã lưu thông tin tỉnh.") {
            try await ProvinceDirectory.update(provinceID, code: form.text("provinceCode"), name: form.text("provinceName"),
                                               by: principal, audit: req.audit, on: req.db)
        }
    }
}
