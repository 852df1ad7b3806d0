import Foundation

/// `manifest.json` of a backup: what it holds, to check a restore against.
struct BackupManifest: Codable, Equatable, Sendable {
    static let fileName = "manifest.json"

    var format = 1
    var createdAt: Date
    /// "sqlite" or "postgresql": a backup is restored into the same kind of database.
    var database: String
    /// The database file inside the backup folder.
    var databaseFile: String
    /// Rows per table at the moment of the snapshot.
    var tables: [String: Int]
    /// The stored files (their SHA-256 addresses), kept under `files/`.
    var files: [String]
    /// Files the snapshot's records name but the store did not have (should be empty).
    var missingFiles: [String]
    /// The audit chain's head at the snapshot: after a restore, the chain must verify up to it.
    var auditLines: Int64
    var auditHash: String

    static let coder: (JSONEncoder, JSONDecoder) = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (encoder, decoder)
    }()
}
