import Fluent
import Foundation

/// A service group of a unit's queue (nhóm dịch vụ, e.g. "Hộ tịch – Chứng thực"): its tickets
/// carry its letter prefix and their own running number each day.
final class ServiceGroup: Model, @unchecked Sendable {
    static let schema = "queue_groups"
    /// The daily ticket numbers of each group (`DailySequence`).
    static let sequenceSchema = "queue_ticket_counters"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Field(key: "name") var name: String
    /// One or two capital letters, unique in the unit.
    @Field(key: "prefix") var prefix: String
    @Field(key: "position") var position: Int
    /// Mean minutes per ticket before the day has measured any (the estimate's fallback).
    @Field(key: "typical_minutes") var typicalMinutes: Double
    @Field(key: "is_active") var isActive: Bool

    init() {}

    init(unitID: UUID, name: String, prefix: String, position: Int, typicalMinutes: Double) {
        $unit.id = unitID
        self.name = name
        self.prefix = prefix
        self.position = position
        self.typicalMinutes = typicalMinutes
        isActive = true
    }
}

extension ServiceGroup {
    var properties: [any AnyProperty] { [$id, $unit, $name, $prefix, $position, $typicalMinutes, $isActive] }
}
