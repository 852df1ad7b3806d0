import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// An `Idempotency-Key` on `POST /api/v1/dossiers` (khóa chống nộp trùng): a client that lost the
/// answer sends the same request with the same key and gets the dossier already made, never a
/// second one. The key is saved in the registration's transaction, so it exists exactly when the
/// dossier does; two requests racing with one key make one dossier (the second waits for the
/// first's commit on PostgreSQL, and SQLite has one writer).
struct DossierRequestKey: Sendable {
    static let table = "dossier_request_keys"
    static let header = "Idempotency-Key"

    let owner: UUID
    let key: String
    /// SHA-256 of the request body: the same key with another body is a mistake, not a retry.
    let fingerprint: String

    /// The key the request carries, if any; a malformed one is refused.
    static func of(_ req: Request, owner: UUID) throws -> DossierRequestKey? {
        guard let key = req.headers.first(name: header) else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw AppError.badRequest("Idempotency-Key phải gồm 1–255 ký tự ASCII nhìn thấy được (ví dụ một UUID).")
        }
        let body = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        return DossierRequestKey(owner: owner, key: key, fingerprint: SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined())
    }

    /// The dossier made earlier with this key, or nil when the key is new; the same key with
    /// another body answers 422.
    func earlierDossier(on db: any Database) async throws -> UUID? {
        struct Row: Decodable { let fingerprint: String; let dossier_id: UUID }
        guard let row = try await (db as! any SQLDatabase).select().columns("fingerprint", "dossier_id").from(Self.table)
            .where("owner_id", .equal, owner).where("request_key", .equal, key).first(decoding: Row.self) else { return nil }
        guard row.fingerprint == fingerprint else {
            throw AppError(status: .unprocessableEntity,
                           detail: "Khóa Idempotency-Key này đã dùng cho một yêu cầu khác; gửi lại đúng yêu cầu cũ hoặc dùng khóa mới.")
        }
        return row.dossier_id
    }

    /// Saves the key with the new dossier, inside the registration's transaction; throws `Taken`
    /// when another request with the key got there first (the transaction then rolls back).
    func claim(for dossierID: UUID, at now: Date, on db: any Database) async throws {
        let inserted = try await (db as! any SQLDatabase).raw("""
            INSERT INTO \(ident: Self.table) (owner_id, request_key, fingerprint, dossier_id, created_at)
            VALUES (\(bind: owner), \(bind: key), \(bind: fingerprint), \(bind: dossierID), \(bind: now))
            ON CONFLICT (owner_id, request_key) DO NOTHING RETURNING dossier_id
            """).first()
        if inserted == nil { throw Taken() }
    }

    struct Taken: Error {}
}
