import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Setting up a unit's queue in the browser: its service groups and counters, with links to the
/// kiosk, the board and the figures. The unit is the person's own, or (for the province's
/// administrator) the one named by `?don-vi=`.
struct QueueAdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.adminQueue.pathComponents, use: page)
        routes.post(SiteURL.adminQueueGroups.pathComponents, use: addGroup)
        routes.post(SiteURL.adminQueueCounters.pathComponents, use: addCounter)
    }

    struct Context: Encodable {
        struct Group: Encodable {
            let id: String
            let prefix: String
            let name: String
            let minutes: Double
        }
        struct Counter: Encodable {
            let name: String
            let groups: String
            let officer: String
        }
        let layout: Layout
        let unitCode: String
        let unitName: String
        let groups: [Group]
        let counters: [Counter]
    }

    private func unit(_ req: Request, code: String?) async throws -> (Principal, OrgUnit) {
        let principal = try req.requirePrincipal()
        let found: OrgUnit? = if let code, !code.isEmpty {
            try await OrgUnit.query(on: req.db).filter(\.$code == String(code.prefix(40))).first()
        } else if let id = principal.actor.unitID { try await OrgUnit.find(id, on: req.db) } else { nil }
        guard let unit = found else { throw AppError.notFound("Không có đơn vị này.") }
        try QueueSetup.authorize(principal, unit)
        return (principal, unit)
    }

    @Sendable func page(req: Request) async throws -> View {
        let (_, unit) = try await unit(req, code: req.query[String.self, at: "don-vi"])
        let groups = try await ServiceGroup.query(on: req.db).filter(\.$unit.$id == unit.id!).sort(\.$position).sort(\.$prefix).all()
        let names = Dictionary(uniqueKeysWithValues: groups.map { ($0.id!, $0.prefix) })
        let counters = try await ServiceCounter.query(on: req.db).filter(\.$unit.$id == unit.id!).sort(\.$name).all()
        return try await req.view.render("Queue/admin", Context(
            layout: Layout(request: req, title: "Hàng đợi – \(unit.name)"), unitCode: unit.code, unitName: unit.name,
            groups: groups.map { .init(id: $0.id!.uuidString, prefix: $0.prefix, name: $0.name, minutes: $0.typicalMinutes) },
            counters: counters.map { c in
                .init(name: c.name, groups: c.groupIDs.compactMap { names[$0] }.joined(separator: ", "), officer: c.officerName ?? "trống")
            }))
    }

    @Sendable func addGroup(req: Request) async throws -> Response {
        let form = try FormInput(req)
        let (principal, unit) = try await unit(req, code: form.text("unitCode"))
        let input = QueueSetup.GroupInput(name: form.text("name"), prefix: form.text("prefix"),
                                          typicalMinutes: Double(form.text("typicalMinutes").replacingOccurrences(of: ",", with: ".")),
                                          position: Int(form.text("position")))
        return try await req.redirectAfter(SiteURL.adminQueue.path + "?don-vi=\(unit.code)", success: "Đã thêm nhóm dịch vụ.") {
            _ = try await QueueSetup.addGroup(input, to: unit, by: principal, in: req.context)
        }
    }

    @Sendable func addCounter(req: Request) async throws -> Response {
        let form = try FormInput(req)
        let (principal, unit) = try await unit(req, code: form.text("unitCode"))
        let input = QueueSetup.CounterInput(name: form.text("name"), groupIDs: form.all("groupIDs").compactMap(UUID.init(uuidString:)))
        return try await req.redirectAfter(SiteURL.adminQueue.path + "?don-vi=\(unit.code)", success: "Đã thêm quầy.") {
            _ = try await QueueSetup.addCounter(input, to: unit, by: principal, in: req.context)
        }
    }
}
