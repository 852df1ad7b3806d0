import Fluent
import Foundation

/// A file of a dossier: a document the applicant uploaded or an officer digitised at the counter
/// (số hóa). The bytes live in `AttachmentStorage` under their SHA-256.
final class DossierAttachment: Model, @unchecked Sendable {
    static let schema = "dossier_attachments"

    @ID(key: .id) var id: UUID?
    @Parent(key: "dossier_id") var dossier: Dossier
    /// The required document it answers (thành phần hồ sơ), or "Khác".
    @Field(key: "document_name") var documentName: String
    /// A safe display name (no path, no control characters).
    @Field(key: "file_name") var fileName: String
    @Field(key: "media_type") var mediaType: String
    @Field(key: "size") var size: Int
    @Field(key: "sha256") var sha256: String
    /// True when an officer scanned a paper document at the counter.
    @Field(key: "digitized") var digitized: Bool
    @Field(key: "uploaded_at") var uploadedAt: Date
    @Field(key: "uploaded_by") var uploadedBy: String

    init() {}
}

extension DossierAttachment {
    /// Listed by hand: FluentKit otherwise finds them by reflection on every use, its main cost
    /// (`ModelPropertiesTests` checks the list against reflection).
    var properties: [any AnyProperty] {
        [
            $id, $dossier, $documentName, $fileName, $mediaType, $size, $sha256, $digitized, $uploadedAt, $uploadedBy
        ]
    }
}
