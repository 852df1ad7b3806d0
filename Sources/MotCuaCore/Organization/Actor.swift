import Foundation

/// Who is acting, as far as the rules need to know: an officer with roles in one unit, or a citizen.
public struct Actor: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case officer
        case citizen
    }

    public let id: UUID
    public let kind: Kind
    public let unitID: UUID?
    public let unitKind: UnitKind?
    public let provinceID: UUID?
    public let roles: Set<Role>

    public init(id: UUID, kind: Kind, unitID: UUID?, unitKind: UnitKind?, provinceID: UUID?, roles: Set<Role>) {
        self.id = id
        self.kind = kind
        self.unitID = unitID
        self.unitKind = unitKind
        self.provinceID = provinceID
        self.roles = kind == .officer ? roles : []
    }
}

/// The units a rule is asked about: the unit a record belongs to and that unit's province.
public struct UnitScope: Sendable, Equatable {
    public let unitID: UUID
    public let provinceID: UUID

    public init(unitID: UUID, provinceID: UUID) {
        self.unitID = unitID
        self.provinceID = provinceID
    }
}
