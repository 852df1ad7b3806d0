import Fluent
import Foundation

/// Tỉnh / thành phố trực thuộc trung ương.
final class Province: Model, @unchecked Sendable {
    static let schema = "provinces"

    @ID(key: .id) var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String

    init() {}

    init(id: UUID? = nil, code: String, name: String) {
        self.id = id
        self.code = code
        self.name = name
    }
}

extension Province {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $code, $name] }
}
