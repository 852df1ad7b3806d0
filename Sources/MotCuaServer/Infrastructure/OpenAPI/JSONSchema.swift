
/// JSON Schema shorthands for the OpenAPI document.
extension JSONValue {
    static func ref(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func array(of item: JSONValue) -> JSONValue { ["type": "array", "items": item] }
    static let uuid: JSONValue = ["type": "string", "format": "uuid"]
    static let dateTime: JSONValue = ["type": "string", "format": "date-time"]
    static let text: JSONValue = ["type": "string"]
    static let integer: JSONValue = ["type": "integer"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let decimal: JSONValue = ["type": "number"]

    static func schemaObject(_ properties: [String: JSONValue], required: [String] = [], nullable: [String] = []) -> JSONValue {
        var props: [String: JSONValue] = [:]
        for (name, schema) in properties {
            props[name] = nullable.contains(name) ? ["anyOf": [schema, ["type": "null"]]] : schema
        }
        return ["type": "object", "properties": .object(props), "required": .array(required.sorted().map { .string($0) })]
    }
}
