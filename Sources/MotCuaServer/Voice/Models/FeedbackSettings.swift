import Fluent
import Foundation
import MotCuaCore

/// A province's feedback time limits; absent, `FeedbackDeadlines.standard` applies.
final class FeedbackSettings: Model, @unchecked Sendable {
    static let schema = "feedback_settings"

    @ID(custom: "province_id", generatedBy: .user) var id: UUID?
    @Field(key: "deadlines") var deadlinesJSON: String
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    var deadlines: FeedbackDeadlines {
        (try? JSONDecoder().decode(FeedbackDeadlines.self, from: Data(deadlinesJSON.utf8))) ?? .standard
    }

    static func deadlines(of provinceID: UUID, on db: any Database) async throws -> FeedbackDeadlines {
        try await find(provinceID, on: db)?.deadlines ?? .standard
    }
}
