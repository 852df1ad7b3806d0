import Fluent
import Foundation

/// A counter (quầy) of a unit's center, the groups it serves, and the officer signed in at it.
final class ServiceCounter: Model, @unchecked Sendable {
    static let schema = "queue_counters"

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    /// What the board and the voice say: "3" in "Mời số A015 đến quầy 3".
    @Field(key: "name") var name: String
    /// The service groups it calls from, as a JSON list of ids.
    @Field(key: "group_ids") var groupIDsJSON: String
    @OptionalField(key: "officer_id") var officerID: UUID?
    @OptionalField(key: "officer_name") var officerName: String?
    @Field(key: "is_active") var isActive: Bool

    init() {}

    init(unitID: UUID, name: String, groupIDs: [UUID]) {
        $unit.id = unitID
        self.name = name
        self.groupIDs = groupIDs
        isActive = true
    }

    var groupIDs: [UUID] {
        get { (try? JSONDecoder().decode([UUID].self, from: Data(groupIDsJSON.utf8))) ?? [] }
        set { groupIDsJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("[]".utf8), as: UTF8.self) }
    }

    /// Open: an officer is signed in at it.
    var isOpen: Bool { officerID != nil }
}

extension ServiceCounter {
    var properties: [any AnyProperty] { [$id, $unit, $name, $groupIDsJSON, $officerID, $officerName, $isActive] }
}
