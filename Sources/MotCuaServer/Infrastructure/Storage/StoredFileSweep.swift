import Fluent
import Foundation
import SQLKit

/// Files in the store that no record names (tệp mồ côi). A file is stored before the record naming
/// it is saved, so a record never names a missing file; a crash, a refused upload or a rolled-back
/// transaction in between leaves a file nobody names. `motcua files sweep` lists them, and with
/// `--delete` removes those older than a day (younger ones may belong to an upload in progress).
enum StoredFileSweep {
    static let grace: TimeInterval = 86_400

    struct Orphan: Sendable {
        let address: String
        let url: URL
        let size: Int
    }

    /// The addresses the records name.
    static func referenced(on db: any Database) async throws -> Set<String> {
        let sql = db as! any SQLDatabase
        var addresses: Set<String> = []
        for table in [DossierAttachment.schema, FeedbackAttachment.schema] {
            for row in try await sql.select().distinct().column("sha256").from(table).all() {
                addresses.insert(try row.decode(column: "sha256", as: String.self))
            }
        }
        return addresses
    }

    /// Every stored file under `root` (content-addressed names only).
    static func stored(under root: URL) -> [(address: String, url: URL)] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [(String, URL)] = []
        for case let url as URL in walker where ContentAddress.isValid(url.lastPathComponent) { files.append((url.lastPathComponent, url)) }
        return files
    }

    /// The stored files no record names, last changed before `now - grace`.
    static func orphans(under root: URL, now: Date, on db: any Database) async throws -> [Orphan] {
        // Listed before the records are read: a file stored after this is not considered.
        let files = stored(under: root)
        let named = try await referenced(on: db)
        return files.compactMap { address, url in
            guard !named.contains(address),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
                  let changed = attributes[.modificationDate] as? Date, changed < now.addingTimeInterval(-grace)
            else { return nil }
            return Orphan(address: address, url: url, size: (attributes[.size] as? Int) ?? 0)
        }
    }
}
