import Fluent

/// Fixed-window counters shared by every server process.
struct M020CreateRateLimits: AsyncMigration {
    var name: String { "020_create_rate_limits" }

    func prepare(on database: any Database) async throws {
        try await database.schema(RateLimit.schema)
            .field("key", .string, .identifier(auto: false))
            .field("window_start", .int64, .required)
            .field("uses", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(RateLimit.schema).delete()
    }
}

