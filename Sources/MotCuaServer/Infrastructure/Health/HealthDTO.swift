import Fluent
import Vapor

struct HealthDTO: Content {
    let status: String
    let database: String
    let version: String
    /// The server's clock, which tests may have set to another moment (`MOTCUA_CLOCK`).
    let time: Date
}
