import Fluent
import Foundation

/// A kind of feedback a province receives (lĩnh vực phản ánh): an Open311 service, with the extra
/// questions (attributes) its form asks.
final class FeedbackCategory: Model, @unchecked Sendable {
    static let schema = "feedback_categories"

    /// An extra question of a category's form (Open311 attribute).
    struct Attribute: Codable, Sendable, Equatable {
        enum DataType: String, Codable, Sendable, CaseIterable {
            case string, number, datetime, text, singlevaluelist, multivaluelist
        }

        struct Value: Codable, Sendable, Equatable {
            let key: String
            let name: String
        }

        let code: String
        let datatype: DataType
        let required: Bool
        let description: String
        /// The choices of a list question (none for other types).
        let values: [Value]

        init(code: String, datatype: DataType, required: Bool, description: String, values: [Value] = []) {
            self.code = code
            self.datatype = datatype
            self.required = required
            self.description = description
            self.values = values
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.init(code: try container.decode(String.self, forKey: .code), datatype: try container.decode(DataType.self, forKey: .datatype),
                      required: try container.decodeIfPresent(Bool.self, forKey: .required) ?? false,
                      description: try container.decode(String.self, forKey: .description),
                      values: try container.decodeIfPresent([Value].self, forKey: .values) ?? [])
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: Province
    /// Open311 `service_code`, unique in the province.
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    @Field(key: "description") var description: String
    /// Open311 `group`.
    @Field(key: "group_name") var groupName: String
    /// Comma-separated Open311 `keywords`.
    @Field(key: "keywords") var keywords: String
    @Field(key: "attributes") var attributesJSON: String
    @Field(key: "position") var position: Int
    @Field(key: "is_active") var isActive: Bool

    init() {}

    init(provinceID: UUID, code: String, name: String, description: String, groupName: String, keywords: String = "",
         attributes: [Attribute] = [], position: Int) {
        $province.id = provinceID
        self.code = code
        self.name = name
        self.description = description
        self.groupName = groupName
        self.keywords = keywords
        attributesJSON = String(decoding: try! JSONEncoder().encode(attributes), as: UTF8.self)
        self.position = position
        isActive = true
    }

    var attributes: [Attribute] {
        (try? JSONDecoder().decode([Attribute].self, from: Data(attributesJSON.utf8))) ?? []
    }
}
