import Fluent
import MotCuaCore
import Vapor

/// Staff accounts (/quan-tri/can-bo): list, create, edit, reset password, unlock.
struct StaffAdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.adminStaff.pathComponents, use: staffList)
        admin.get(SiteURL.adminStaffNew(.key).pathComponents, use: newStaffForm)
        admin.post(SiteURL.adminStaffNew(.key).pathComponents, use: createStaff)
        admin.get(SiteURL.adminStaffMember(.key).pathComponents, use: editStaffForm)
        admin.post(SiteURL.adminStaffMember(.key).pathComponents, use: updateStaff)
        admin.post(SiteURL.adminStaffPasswordReset(.key).pathComponents, use: resetPassword)
        admin.post(SiteURL.adminStaffUnlock(.key).pathComponents, use: unlock)
    }

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
            action: user.map { SiteURL.adminStaffMember(.id($0.id!)).path } ?? SiteURL.adminStaffNew(.id(unit.id!)).path,
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
        let (_, unit) = try await req.reachableUnit(.manageStaff)
        return try await renderStaffForm(req, unit: unit, user: nil, input: StaffInput(fullName: "", username: "", roles: [], fieldIDs: []))
    }

    @Sendable func createStaff(req: Request) async throws -> Response {
        let (principal, unit) = try await req.reachableUnit(.manageStaff)
        let input = staffInput(try FormInput(req))
        do {
            let user = try await StaffDirectory.create(input, in: unit, by: principal, audit: req.audit, hasher: req.password.async, on: req.db)
            return req.redirect(to: SiteURL.adminUnit(.id(unit.id!)).path, flash: "Đã thêm cán bộ \(user.fullName).")
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
            return req.redirect(to: SiteURL.adminStaffMember(.id(user.id!)).path, flash: "Đã lưu thông tin cán bộ.")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderStaffForm(req, unit: user.unit!, user: user, input: input, errors: FormErrors.byField(error.problems), status: .unprocessableEntity)
        }
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let user = try await StaffDirectory.find(req.parameters.get("userID"), for: principal, action: .manageStaff, on: req.db)
        let form = try FormInput(req)
        return try await req.redirectAfter(SiteURL.adminStaffMember(.id(user.id!)).path, success: "Đã đặt lại mật khẩu; các phiên đăng nhập của cán bộ này đã kết thúc.") {
            try await StaffDirectory.resetPassword(of: user, to: form.raw("password"), by: principal, audit: req.audit, hasher: req.password.async, on: req.db)
        }
    }

    @Sendable func unlock(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let user = try await StaffDirectory.find(req.parameters.get("userID"), for: principal, action: .manageStaff, on: req.db)
        try await StaffDirectory.unlock(user, by: principal, audit: req.audit, on: req.db)
        return req.redirect(to: SiteURL.adminStaffMember(.id(user.id!)).path, flash: "Đã mở khóa tài khoản.")
    }
}
