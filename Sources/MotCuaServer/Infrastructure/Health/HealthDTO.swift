import Fluent
import Vapor

struct HealthDTO: Content {
    let status: String
    let database: String
    let version: String
}
