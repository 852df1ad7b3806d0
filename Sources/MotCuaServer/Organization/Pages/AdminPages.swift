import Fluent
import MotCuaCore
import Vapor

/// The administration pages (/quan-tri): units, departments, staff, API tokens, audit trail.
struct AdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("quan-tri").grouped(SignInRequiredMiddleware())
        admin.get(use: overview)
        admin.post("tinh", use: updateProvince)
        admin.get("don-vi", use: units)
        admin.get("don-vi", "moi", use: newUnitForm)
        admin.post("don-vi", "moi", use: createUnit)
        admin.get("don-vi", ":unitID", use: unitPage)
        admin.get("don-vi", ":unitID", "sua", use: editUnitForm)
        admin.post("don-vi", ":unitID", "sua", use: updateUnit)
        admin.post("don-vi", ":unitID", "phong-ban", use: createDepartment)
        admin.post("don-vi", ":unitID", "phong-ban", ":departmentID", use: updateDepartment)
        admin.post("don-vi", ":unitID", "phong-ban", ":departmentID", "xoa", use: deleteDepartment)
        admin.get("can-bo", use: staffList)
        admin.get("don-vi", ":unitID", "can-bo", "moi", use: newStaffForm)
        admin.post("don-vi", ":unitID", "can-bo", "moi", use: createStaff)
        admin.get("can-bo", ":userID", use: editStaffForm)
        admin.post("can-bo", ":userID", use: updateStaff)
        admin.post("can-bo", ":userID", "dat-lai-mat-khau", use: resetPassword)
        admin.post("can-bo", ":userID", "mo-khoa", use: unlock)
        admin.get("nhat-ky", use: auditTrail)
    }

    // MARK: overview and units

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
        return try await req.redirectAfter("/quan-tri", success: "Đã lưu thông tin tỉnh.") {
            try await ProvinceDirectory.update(provinceID, code: form.text("provinceCode"), name: form.text("provinceName"),
                                               by: principal, audit: req.audit, on: req.db)
        }
    }

    struct UnitsContext: Encodable {
        let layout: Layout
        let rows: [UnitRow]
        let kinds: [Option]
        let query: String
        let canManageUnits: Bool
    }

    @Sendable func units(req: Request) async throws -> View {
        let (principal, reach) = try req.requireReach(.readStaff)
        let kindRaw = req.query[String.self, at: "loai"] ?? ""
        let kind = UnitKind(rawValue: kindRaw)
        var units = try await UnitDirectory.units(in: reach, kind: kind, on: req.db)
        let query = req.query[String.self, at: "q"] ?? ""
        if !query.isEmpty {
            let needle = VietnameseText.fold(query)
            units = units.filter { VietnameseText.fold($0.name).contains(needle) || $0.code.lowercased().contains(needle) }
        }
        let staffCounts = try await StaffDirectory.countsByUnit(on: req.db)
        return try await req.view.render("Admin/units", UnitsContext(
            layout: Layout(request: req, title: "Đơn vị"),
            rows: units.map { UnitRow($0, staffCount: staffCounts[$0.id!] ?? 0) },
            kinds: UnitKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
            query: query, canManageUnits: principal.reach(.manageUnits) != .nowhere))
    }

    struct UnitFormContext: Encodable {
        let layout: Layout
        let unitID: String?
        let values: [String: String]
        let errors: [String: String]
        let kinds: [Option]
    }

    private func renderUnitForm(_ req: Request, unit: OrgUnit?, values: [String: String], errors: [String: String] = [:],
                                status: HTTPResponseStatus = .ok) async throws -> Response {
        let context = UnitFormContext(
            layout: Layout(request: req, title: unit == nil ? "Thêm đơn vị" : "Sửa \(unit!.name)"),
            unitID: unit?.id?.uuidString, values: values, errors: errors,
            kinds: UnitKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values["kind"]) })
        return try await req.view.render("Admin/unit-form", context).encodeResponse(status: status, for: req)
    }

    @Sendable func newUnitForm(req: Request) async throws -> Response {
        _ = try req.requireReach(.manageUnits)
        return try await renderUnitForm(req, unit: nil, values: ["kind": UnitKind.commune.rawValue])
    }

    @Sendable func createUnit(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try FormInput(req)
        let input = UnitInput(code: form.text("code"), name: form.text("name"), kind: form.text("kind"), reason: form.text("reason"))
        do {
            let unit = try await UnitDirectory.create(input, by: principal, audit: req.audit, on: req.db)
            return req.redirect(to: "/quan-tri/don-vi/\(unit.id!)", flash: "Đã thêm \(unit.name).")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderUnitForm(req, unit: nil, values: ["code": input.code, "name": input.name, "kind": input.kind, "reason": input.reason ?? ""],
                                            errors: FormErrors.byField(error.problems), status: .unprocessableEntity)
        }
    }

    struct UnitPageContext: Encodable {
        let layout: Layout
        let unit: UnitDTO
        let unitID: String
        let departments: [DepartmentDTO]
        let staff: [StaffRow]
        let history: [RevisionRow]
        let canManageUnit: Bool
        let canManageStaff: Bool
    }

    /// The unit if the principal may read its staff; others get 404 (nothing is revealed).
    private func reachableUnit(_ req: Request, _ action: AccessPolicy.Action) async throws -> (Principal, OrgUnit) {
        let principal = try req.requirePrincipal()
        let unit = try await UnitDirectory.find(req.parameters.get("unitID"), on: req.db)
        guard principal.may(action, in: unit.scope) else { throw AppError.notFound("Không tìm thấy đơn vị.") }
        return (principal, unit)
    }

    @Sendable func unitPage(req: Request) async throws -> View {
        let (principal, unit) = try await reachableUnit(req, .readStaff)
        let departments = try await DepartmentDirectory.departments(of: unit.id!, on: req.db)
        let staff = try await StaffDirectory.staff(in: .unit(unit.id!), on: req.db)
        let history = try await UnitDirectory.history(of: unit, on: req.db)
        return try await req.view.render("Admin/unit", UnitPageContext(
            layout: Layout(request: req, title: unit.name), unit: UnitDTO(unit), unitID: unit.id!.uuidString,
            departments: departments.map(DepartmentDTO.init), staff: staff.map { StaffRow($0, now: req.now) },
            history: history.map(RevisionRow.init), canManageUnit: principal.may(.manageUnits, in: unit.scope),
            canManageStaff: principal.may(.manageStaff, in: unit.scope)))
    }

    @Sendable func editUnitForm(req: Request) async throws -> Response {
        let (_, unit) = try await reachableUnit(req, .manageUnits)
        return try await renderUnitForm(req, unit: unit, values: ["code": unit.code, "name": unit.name, "kind": unit.kind.rawValue])
    }

    @Sendable func updateUnit(req: Request) async throws -> Response {
        let (principal, unit) = try await reachableUnit(req, .manageUnits)
        let form = try FormInput(req)
        let input = UnitInput(code: form.text("code"), name: form.text("name"), kind: form.text("kind"), reason: form.text("reason"))
        do {
            try await UnitDirectory.update(unit, with: input, by: principal, audit: req.audit, on: req.db)
            return req.redirect(to: "/quan-tri/don-vi/\(unit.id!)", flash: "Đã lưu thay đổi; lịch sử đơn vị được giữ lại.")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderUnitForm(req, unit: unit, values: ["code": input.code, "name": input.name, "kind": input.kind, "reason": input.reason ?? ""],
                                            errors: FormErrors.byField(error.problems), status: .unprocessableEntity)
        }
    }

    // MARK: departments

    @Sendable func createDepartment(req: Request) async throws -> Response {
        let (principal, unit) = try await reachableUnit(req, .manageStaff)
        let form = try FormInput(req)
        return try await req.redirectAfter("/quan-tri/don-vi/\(unit.id!)", success: "Đã thêm phòng ban.") {
            try await DepartmentDirectory.create(in: unit, name: form.text("name"), isServiceCenter: form.flag("isServiceCenter"),
                                                 by: principal, audit: req.audit, on: req.db)
        }
    }

    @Sendable func updateDepartment(req: Request) async throws -> Response {
        let (principal, unit) = try await reachableUnit(req, .manageStaff)
        let department = try await DepartmentDirectory.find(req.parameters.get("departmentID"), in: unit, on: req.db)
        let form = try FormInput(req)
        return try await req.redirectAfter("/quan-tri/don-vi/\(unit.id!)", success: "Đã lưu phòng ban.") {
            try await DepartmentDirectory.rename(department, in: unit, to: form.text("name"), isServiceCenter: form.flag("isServiceCenter"),
                                                 by: principal, audit: req.audit, on: req.db)
        }
    }

    @Sendable func deleteDepartment(req: Request) async throws -> Response {
        let (principal, unit) = try await reachableUnit(req, .manageStaff)
        let department = try await DepartmentDirectory.find(req.parameters.get("departmentID"), in: unit, on: req.db)
        return try await req.redirectAfter("/quan-tri/don-vi/\(unit.id!)", success: "Đã xóa phòng ban.") {
            try await DepartmentDirectory.delete(department, in: unit, by: principal, audit: req.audit, on: req.db)
        }
    }

    // MARK: staff

    struct StaffListContext: Encodable {
        let layout: Layout
        let rows: [StaffRow]
        let roles: [Option]
        let query: String
    }

    @Sendable func staffList(req: Request) async throws -> View {
        let (_, reach) = try req.requireReach(.readStaff)
        let role = (req.query[String.self, at: "vai-tro"]).flatMap(Role.init(rawValue:))
        var staff = try await StaffDirectory.staff(in: reach, role: role, on: req.db)
        let query = req.query[String.self, at: "q"] ?? ""
        if !query.isEmpty {
            let needle = VietnameseText.fold(query)
            staff = staff.filter { VietnameseText.fold($0.fullName).contains(needle) || ($0.username ?? "").contains(needle) }
        }
        return try await req.view.render("Admin/staff-list", StaffListContext(
            layout: Layout(request: req, title: "Cán bộ"), rows: staff.map { StaffRow($0, now: req.now) },
            roles: Role.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == role) }, query: query))
    }

    struct StaffFormContext: Encodable {
        let layout: Layout
        let unitName: String
        let action: String
        let userID: String?
        let creating: Bool
        let isLocked: Bool
        let values: [String: String]
        let errors: [String: String]
        let departments: [Option]
        let roles: [Option]
        let fields: [Option]
        let isActive: Bool
    }

    private func renderStaffForm(_ req: Request, unit: OrgUnit, user: User?, input: StaffInput, errors: [String: String] = [:],
                                 status: HTTPResponseStatus = .ok) async throws -> Response {
        let departments = try await DepartmentDirectory.departments(of: unit.id!, on: req.db)
        let fields = try await ProcedureField.query(on: req.db).all()
            .sorted { VietnameseText.fold($0.name) < VietnameseText.fold($1.name) }
        let context = StaffFormContext(
            layout: Layout(request: req, title: user == nil ? "Thêm cán bộ" : user!.fullName),
            unitName: unit.name,
            action: user.map { "/quan-tri/can-bo/\($0.id!)" } ?? "/quan-tri/don-vi/\(unit.id!)/can-bo/moi",
            userID: user?.id?.uuidString, creating: user == nil, isLocked: user?.lockoutState.isLocked(at: req.now) ?? false,
            values: ["fullName": input.fullName, "username": input.username, "email": input.email ?? "", "phone": input.phone ?? "",
                     "jobTitle": input.jobTitle ?? ""],
            errors: errors,
            departments: departments.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == input.departmentID) },
            roles: Role.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: input.roles.contains($0.rawValue)) },
            fields: fields.map { Option(value: $0.id!.uuidString, label: $0.name, selected: input.fieldIDs.contains($0.id!.uuidString)) },
            isActive: input.isActive ?? true)
        return try await req.view.render("Admin/staff-form", context).encodeResponse(status: status, for: req)
    }

    private func staffInput(_ form: FormInput) -> StaffInput {
        StaffInput(fullName: form.text("fullName"), username: form.text("username"), email: form.text("email"), phone: form.text("phone"),
                   jobTitle: form.text("jobTitle"), departmentID: form.text("departmentID"), roles: form.all("roles"),
                   fieldIDs: form.all("fieldIDs"), isActive: form.flag("isActive"), password: form.raw("password"))
    }

    @Sendable func newStaffForm(req: Request) async throws -> Response {
        let (_, unit) = try await reachableUnit(req, .manageStaff)
        return try await renderStaffForm(req, unit: unit, user: nil, input: StaffInput(fullName: "", username: "", roles: [], fieldIDs: []))
    }

    @Sendable func createStaff(req: Request) async throws -> Response {
        let (principal, unit) = try await reachableUnit(req, .manageStaff)
        let input = staffInput(try FormInput(req))
        do {
            let user = try await StaffDirectory.create(input, in: unit, by: principal, audit: req.audit, hasher: req.password.async, on: req.db)
            return req.redirect(to: "/quan-tri/don-vi/\(unit.id!)", flash: "Đã thêm cán bộ \(user.fullName).")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderStaffForm(req, unit: unit, user: nil, input: input, errors: FormErrors.byField(error.problems), status: .unprocessableEntity)
        }
    }

    @Sendable func editStaffForm(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let user = try await StaffDirectory.find(req.parameters.get("userID"), for: principal, action: .manageStaff, on: req.db)
        let input = StaffInput(fullName: user.fullName, username: user.username ?? "", email: user.email, phone: user.phone,
                               jobTitle: user.jobTitle, departmentID: user.$department.id?.uuidString,
                               roles: user.roles.map(\.role.rawValue), fieldIDs: user.fields.map { $0.$field.id.uuidString },
                               isActive: user.isActive)
        return try await renderStaffForm(req, unit: user.unit!, user: user, input: input)
    }

    @Sendable func updateStaff(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let user = try await StaffDirectory.find(req.parameters.get("userID"), for: principal, action: .manageStaff, on: req.db)
        let input = staffInput(try FormInput(req))
        do {
            try await StaffDirectory.update(user, with: input, by: principal, audit: req.audit, on: req.db)
            return req.redirect(to: "/quan-tri/can-bo/\(user.id!)", flash: "Đã lưu thông tin cán bộ.")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderStaffForm(req, unit: user.unit!, user: user, input: input, errors: FormErrors.byField(error.problems), status: .unprocessableEntity)
        }
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let user = try await StaffDirectory.find(req.parameters.get("userID"), for: principal, action: .manageStaff, on: req.db)
        let form = try FormInput(req)
        return try await req.redirectAfter("/quan-tri/can-bo/\(user.id!)", success: "Đã đặt lại mật khẩu; các phiên đăng nhập của cán bộ này đã kết thúc.") {
            try await StaffDirectory.resetPassword(of: user, to: form.raw("password"), by: principal, audit: req.audit, hasher: req.password.async, on: req.db)
        }
    }

    @Sendable func unlock(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let user = try await StaffDirectory.find(req.parameters.get("userID"), for: principal, action: .manageStaff, on: req.db)
        try await StaffDirectory.unlock(user, by: principal, audit: req.audit, on: req.db)
        return req.redirect(to: "/quan-tri/can-bo/\(user.id!)", flash: "Đã mở khóa tài khoản.")
    }

    // MARK: audit trail

    struct AuditContext: Encodable {
        let layout: Layout
        let rows: [AuditRow]
        let actions: [Option]
        let nextCursor: String?
        let action: String
    }

    @Sendable func auditTrail(req: Request) async throws -> View {
        let (_, reach) = try req.requireReach(.readAudit)
        var filter = AuditLog.Filter()
        let action = req.query[String.self, at: "thao-tac"] ?? ""
        filter.action = AuditAction(rawValue: action)?.rawValue
        filter.cursor = (req.query[String.self, at: "truoc"]).flatMap(UUID.init(uuidString:))
        let events = try await AuditLog.events(in: reach, filter: filter, on: req.db)
        let next = events.count == filter.limit ? events.last?.id?.uuidString : nil
        return try await req.view.render("Admin/audit", AuditContext(
            layout: Layout(request: req, title: "Nhật ký thao tác"), rows: events.map(AuditRow.init),
            actions: AuditAction.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == action) },
            nextCursor: next, action: filter.action ?? ""))
    }
}
