import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Setting up a unit's queue: its service groups (name, letter prefix, typical minutes) and its
/// counters (name, groups served). Unit administrators and the center's director, for their unit.
enum QueueSetup {
    struct GroupInput: Content {
        var name: String
        var prefix: String
        var typicalMinutes: Double?
        var position: Int?
    }

    struct CounterInput: Content {
        var name: String
        var groupIDs: [UUID]
    }

    static func authorize(_ principal: Principal, _ unit: OrgUnit) throws {
        guard principal.may(.manageQueue, in: unit.scope) else { throw AppError.forbidden("Ông/bà không được thiết lập hàng đợi của \(unit.name).") }
    }

    static func addGroup(_ input: GroupInput, to unit: OrgUnit, by principal: Principal, in context: ActionContext) async throws -> ServiceGroup {
        try authorize(principal, unit)
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = input.prefix.trimmingCharacters(in: .whitespaces).uppercased()
        var problems: [FieldProblem] = []
        if !(2...120).contains(name.count) { problems.append(.init(field: "name", message: "Ghi tên nhóm dịch vụ (2–120 ký tự).")) }
        if !(1...2).contains(prefix.count) || !prefix.allSatisfy({ ("A"..."Z").contains(String($0)) }) {
            problems.append(.init(field: "prefix", message: "Chữ cái đầu số: một hoặc hai chữ in hoa không dấu (A–Z)."))
        } else if try await ServiceGroup.query(on: context.db).filter(\.$unit.$id == unit.id!).filter(\.$prefix == prefix).count() > 0 {
            problems.append(.init(field: "prefix", message: "Chữ “\(prefix)” đã dùng cho nhóm khác của đơn vị."))
        }
        let minutes = input.typicalMinutes ?? 8
        if !(1...240).contains(minutes) { problems.append(.init(field: "typicalMinutes", message: "Thời gian phục vụ thường lệ: 1–240 phút.")) }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let group = ServiceGroup(unitID: unit.id!, name: name, prefix: prefix, position: input.position ?? 0, typicalMinutes: minutes)
        let audit = context.audit
        try await context.db.transaction { db in
            try await group.create(on: db)
            try await audit.record(.queueSetUp, on: db, entityType: "queue_group", entityID: group.id, scope: (unit.$province.id, unit.id),
                                   summary: "Thêm nhóm dịch vụ \(prefix) – \(name)")
        }
        return group
    }

    static func addCounter(_ input: CounterInput, to unit: OrgUnit, by principal: Principal, in context: ActionContext) async throws -> ServiceCounter {
        try authorize(principal, unit)
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if !(1...40).contains(name.count) { problems.append(.init(field: "name", message: "Ghi tên quầy (ví dụ 3)." )) }
        let groups = try await ServiceGroup.query(on: context.db).filter(\.$unit.$id == unit.id!).all().compactMap(\.id)
        if input.groupIDs.isEmpty || input.groupIDs.count > 50 || !Set(input.groupIDs).isSubset(of: groups) {
            problems.append(.init(field: "groupIDs", message: "Chọn các nhóm dịch vụ của đơn vị mà quầy phục vụ."))
        }
        if try await ServiceCounter.query(on: context.db).filter(\.$unit.$id == unit.id!).filter(\.$name == name).count() > 0 {
            problems.append(.init(field: "name", message: "Đơn vị đã có quầy “\(name)”."))
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }
        let counter = ServiceCounter(unitID: unit.id!, name: name, groupIDs: Array(Set(input.groupIDs)).sorted { $0.uuidString < $1.uuidString })
        let audit = context.audit
        try await context.db.transaction { db in
            try await counter.create(on: db)
            try await audit.record(.queueSetUp, on: db, entityType: "queue_counter", entityID: counter.id, scope: (unit.$province.id, unit.id),
                                   summary: "Thêm quầy \(name)")
        }
        return counter
    }
}
