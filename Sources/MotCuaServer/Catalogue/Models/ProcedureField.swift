import Fluent
import Foundation

/// Lĩnh vực: a field of administrative procedures (Hộ tịch, Chứng thực, Đất đai…). Officers are
/// assigned fields; procedures belong to one.
final class ProcedureField: Model, @unchecked Sendable {
    static let schema = "procedure_fields"

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

extension ProcedureField {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] { [$id, $code, $name] }
}
