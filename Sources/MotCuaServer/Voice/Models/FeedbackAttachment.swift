import Fluent
import Foundation

/// A photo or document sent with feedback. Seen by the unit's officers and the sender, never
/// published (it may show people or papers).
final class FeedbackAttachment: Model, @unchecked Sendable {
    static let schema = "feedback_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "feedback_id") var feedback: FeedbackItem
    @Field(key: "file_name") var fileName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}
