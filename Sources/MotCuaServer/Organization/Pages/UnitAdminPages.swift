import Fluent
import MotCuaCore
import Vapor

/// Units and their departments (/quan-tri/don-vi).
struct UnitAdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped(SignInRequiredMiddleware())
        admin.get(SiteURL.adminUnits.pathComponents, use: units)
        admin.get(SiteURL.adminUnitNew.pathComponents, use: newUnitForm)
        admin.post(SiteURL.adminUnitNew.pathComponents, use: createUnit)
        admin.get(SiteURL.adminUnit(.key).pathComponents, use: unitPage)
        admin.get(SiteURL.adminUnitEdit(.key).pathComponents, use: editUnitForm)
        admin.post(SiteURL.adminUnitEdit(.key).pathComponents, use: updateUnit)
        admin.post(SiteURL.adminDepartments(.key).pathComponents, use: createDepartment)
        admin.post(SiteURL.adminDepartment(.key, .key).pathComponents, use: updateDepartment)
        admin.post(SiteURL.adminDepartmentDelete(.key, .key).pathComponents, use: deleteDepartment)
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
            return req.redirect(to: SiteURL.adminUnit(.id(unit.id!)).path, flash: "Đã thêm \(unit.name).")
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

    @Sendable func unitPage(req: Request) async throws -> View {
        let (principal, unit) = try await req.reachableUnit(.readStaff)
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
        let (_, unit) = try await req.reachableUnit(.manageUnits)
        return try await renderUnitForm(req, unit: unit, values: ["code": unit.code, "name": unit.name, "kind": unit.kind.rawValue])
    }

    @Sendable func updateUnit(req: Request) async throws -> Response {
        let (principal, unit) = try await req.reachableUnit(.manageUnits)
        let form = try FormInput(req)
        let input = UnitInput(code: form.text("code"), name: form.text("name"), kind: form.text("kind"), reason: form.text("reason"))
        do {
            try await UnitDirectory.update(unit, with: input, by: principal, audit: req.audit, on: req.db)
            return req.redirect(to: SiteURL.adminUnit(.id(unit.id!)).path, flash: "Đã lưu thay đổi; lịch sử đơn vị được giữ lại.")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await renderUnitForm(req, unit: unit, values: ["code": input.code, "name": input.name, "kind": input.kind, "reason": input.reason ?? ""],
                                            errors: FormErrors.byField(error.problems), status: .unprocessableEntity)
        }
    }

    // MARK: departments

    @Sendable func createDepartment(req: Request) async throws -> Response {
        let (principal, unit) = try await req.reachableUnit(.manageStaff)
        let form = try FormInput(req)
        return try await req.redirectAfter(SiteURL.adminUnit(.id(unit.id!)).path, success: "Đã thêm phòng ban.") {
            try await DepartmentDirectory.create(in: unit, name: form.text("name"), isServiceCenter: form.flag("isServiceCenter"),
                                                 by: principal, audit: req.audit, on: req.db)
        }
    }

    @Sendable func updateDepartment(req: Request) async throws -> Response {
        let (principal, unit) = try await req.reachableUnit(.manageStaff)
        let department = try await DepartmentDirectory.find(req.parameters.get("departmentID"), in: unit, on: req.db)
        let form = try FormInput(req)
        return try await req.redirectAfter(SiteURL.adminUnit(.id(unit.id!)).path, success: "Đã lưu phòng ban.") {
            try await DepartmentDirectory.rename(department, in: unit, to: form.text("name"), isServiceCenter: form.flag("isServiceCenter"),
                                                 by: principal, audit: req.audit, on: req.db)
        }
    }

    @Sendable func deleteDepartment(req: Request) async throws -> Response {
        let (principal, unit) = try await req.reachableUnit(.manageStaff)
        let department = try await DepartmentDirectory.find(req.parameters.get("departmentID"), in: unit, on: req.db)
        return try await req.redirectAfter(SiteURL.adminUnit(.id(unit.id!)).path, success: "Đã xóa phòng ban.") {
            try await DepartmentDirectory.delete(department, in: unit, by: principal, audit: req.audit, on: req.db)
        }
    }
}
