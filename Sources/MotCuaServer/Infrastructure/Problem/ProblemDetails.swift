import Fluent
import Vapor

/// RFC 9457 problem details, served as `application/problem+json`.
struct ProblemDetails: Content {
    var type: String = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var instance: String?
    var errors: [FieldProblem]?

    static let mediaType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
}
