import Fluent
import Vapor

/// One documented `/api/v1` operation. Areas list theirs; the OpenAPI document is built from the
/// lists and a test checks them against the registered routes.
struct APIOperation: Sendable {
    enum Security: Sendable {
        /// Anyone.
        case none
        /// A signed-in session or an API token.
        case signedIn
    }

    struct Parameter: Sendable {
        enum Location: String, Sendable { case path, query, header }
        let name: String
        let location: Location
        let description: String
        let schema: JSONValue
        var required: Bool { location == .path }

        static func path(_ name: String, _ description: String, _ schema: JSONValue = .uuid) -> Parameter {
            Parameter(name: name, location: .path, description: description, schema: schema)
        }

        static func query(_ name: String, _ description: String, _ schema: JSONValue = .text) -> Parameter {
            Parameter(name: name, location: .query, description: description, schema: schema)
        }

        static func header(_ name: String, _ description: String, _ schema: JSONValue = .text) -> Parameter {
            Parameter(name: name, location: .header, description: description, schema: schema)
        }
    }

    let method: HTTPMethod
    /// OpenAPI form: `/api/v1/units/{unitID}`.
    let path: String
    let operationID: String
    let summary: String
    let tag: String
    var security: Security = .none
    var parameters: [Parameter] = []
    var requestSchema: JSONValue? = nil
    /// Status → (description, schema of the JSON body or nil).
    let responses: [Int: (String, JSONValue?)]
    /// Media types the success answer may have besides JSON (files to download, chosen by a parameter).
    var downloads: [String] = []

}
