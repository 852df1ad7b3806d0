import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Proving that the account's phone or e-mail is the person's own (xác minh liên lạc): a six-digit
/// code is sent to it, and typing it back marks it verified. Until then no message about the
/// person's dossiers or feedback goes to it (`ContactTrust`). The code itself is the only message
/// an unproven address receives, and only three an hour per account, five a day per address.
enum ContactVerification {
    static let lifetime: TimeInterval = 15 * 60
    static let triesPerCode = 5
    static let codesPerAccountHour = 3
    static let codesPerAddressDay = 5

    /// Sends a new code to the account's phone (`.sms`) or e-mail (`.email`).
    static func send(_ channel: OutboxMessage.Channel, by principal: Principal, in context: ActionContext) async throws {
        let db = context.db
        let now = context.now
        guard let user = try await User.find(principal.userID, on: db) else { throw AppError.unauthorized }
        guard let address = channel == .sms ? user.phone : user.email else {
            throw AppError.invalid([.init(field: "kenh", message: "Tài khoản chưa có \(channel == .sms ? "số điện thoại" : "thư điện tử") để xác minh.")])
        }
        guard try await RateLimit.take("contact-code:\(principal.userID)", limit: codesPerAccountHour, window: 3_600, now: now, on: db),
              try await RateLimit.take("contact-code-to:\(address.lowercased())", limit: codesPerAddressDay, window: 86_400, now: now, on: db)
        else {
            throw AppError(status: .tooManyRequests, detail: "Đã gửi nhiều mã xác minh. Vui lòng chờ rồi thử lại (tối đa \(codesPerAccountHour) mã mỗi giờ).")
        }
        let code = String(format: "%06d", Int.random(in: 0..<1_000_000))
        let record = ContactCode(userID: principal.userID, channel: channel, address: address, codeHash: "", expiresAt: now.addingTimeInterval(lifetime),
                                 createdAt: now)
        record.id = UUID()
        record.codeHash = hash(code, of: record.id!)
        let text = "Mã xác minh MotCua của ông/bà là \(code), hiệu lực 15 phút. Không đưa mã này cho người khác."
        let message = OutboxMessage(channel: channel, recipient: address, subject: "Mã xác minh MotCua", body: channel == .sms ? "MotCua: \(text)" : "\(text)\n",
                                    dedupeKey: "contact-code-\(record.id!.uuidString)", at: now)
        try await db.transaction { db in
            try await ContactCode.query(on: db).filter(\.$userID == principal.userID).filter(\.$channel == channel).delete()
            try await record.create(on: db)
            try await message.create(on: db)
        }
    }

    /// Checks a code typed back; marks the contact verified when it matches.
    static func confirm(_ channel: OutboxMessage.Channel, code rawCode: String, by principal: Principal, in context: ActionContext) async throws {
        let db = context.db
        let now = context.now
        let code = rawCode.filter(\.isNumber)
        guard let user = try await User.find(principal.userID, on: db) else { throw AppError.unauthorized }
        let current = channel == .sms ? user.phone : user.email
        // One try is counted before the code is compared (one statement), so parallel guesses
        // cannot pass the limit.
        struct Claimed: Decodable { let code_hash: String; let id: UUID }
        let claimed = try await (db as! any SQLDatabase).raw("""
            UPDATE \(ident: ContactCode.schema) SET attempts = attempts + 1
            WHERE user_id = \(bind: principal.userID) AND channel = \(bind: channel.rawValue) AND address = \(bind: current ?? "")
              AND expires_at > \(bind: now) AND attempts < \(bind: triesPerCode)
            RETURNING code_hash, id
            """).first(decoding: Claimed.self)
        guard let claimed else {
            throw AppError.invalid([.init(field: "ma", message: "Mã đã hết hạn hoặc đã nhập sai quá \(triesPerCode) lần. Hãy gửi mã mới.")])
        }
        guard code.count == 6, hash(code, of: claimed.id) == claimed.code_hash else {
            throw AppError.invalid([.init(field: "ma", message: "Mã xác minh không đúng.")])
        }
        let audit = context.audit
        try await db.transaction { db in
            if channel == .sms { user.phoneVerifiedAt = now } else { user.emailVerifiedAt = now }
            try await user.save(on: db)
            try await ContactCode.query(on: db).filter(\.$userID == principal.userID).filter(\.$channel == channel).delete()
            try await audit.record(.contactVerified, on: db, entityType: "user", entityID: user.id, scope: (nil, nil),
                                   summary: "\(user.fullName) xác minh \(channel == .sms ? "số điện thoại" : "thư điện tử")")
        }
    }

    private static func hash(_ code: String, of id: UUID) -> String {
        SHA256.hash(data: Data("\(id.uuidString):\(code)".utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
