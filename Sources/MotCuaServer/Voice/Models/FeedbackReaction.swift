import Fluent
import Foundation

/// One reader's reaction to a published answer (hữu ích / không hữu ích), changeable, one per
/// reader: a signed-in person, or else a hash of the client's address.
final class FeedbackReaction: Model, @unchecked Sendable {
    static let schema = "feedback_reactions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "feedback_id") var feedback: FeedbackItem
    @Field(key: "reader") var reader: String
    @Field(key: "useful") var useful: Bool
    @Field(key: "reacted_at") var reactedAt: Date

    init() {}
}
