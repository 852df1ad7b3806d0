import Fluent
import Foundation
import MotCuaCore

/// A citizen's rating of how a dossier was handled (đánh giá mức độ hài lòng): one per dossier,
/// changeable for a while. It keeps the officers who received and processed the dossier so their
/// figures stay right when the dossier changes hands later.
final class SatisfactionRating: Model, @unchecked Sendable {
    static let schema = "satisfaction_ratings"

    enum Channel: String, Codable, Sendable, CaseIterable {
        /// From the receipt slip's QR code or the tracking page.
        case tracking
        /// At the kiosk or counter device.
        case kiosk
        /// Signed in as the applicant.
        case account
        case api

        var label: String {
            switch self {
            case .tracking: "Mã QR, trang tra cứu"
            case .kiosk: "Thiết bị tại quầy"
            case .account: "Tài khoản công dân"
            case .api: "Ứng dụng"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "dossier_id") var dossier: Dossier
    @Field(key: "province_id") var provinceID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "receiver_id") var receiverID: UUID?
    @OptionalField(key: "receiver_name") var receiverName: String?
    @OptionalField(key: "assignee_id") var assigneeID: UUID?
    @OptionalField(key: "assignee_name") var assigneeName: String?
    @Field(key: "level") var level: SatisfactionLevel
    @Field(key: "criteria") var criteriaJSON: String
    @Field(key: "comment") var comment: String
    @Field(key: "channel") var channel: Channel
    @Field(key: "rated_at") var ratedAt: Date
    @Field(key: "changeable_until") var changeableUntil: Date

    init() {}

    var criteria: [SatisfactionCriterion: SatisfactionLevel] {
        let raw = (try? JSONDecoder().decode([String: Int].self, from: Data(criteriaJSON.utf8))) ?? [:]
        return Dictionary(uniqueKeysWithValues: raw.compactMap { key, value in
            SatisfactionCriterion(rawValue: key).flatMap { criterion in SatisfactionLevel(rawValue: value).map { (criterion, $0) } }
        })
    }

    func setCriteria(_ criteria: [SatisfactionCriterion: SatisfactionLevel]) {
        let raw = Dictionary(uniqueKeysWithValues: criteria.map { ($0.key.rawValue, $0.value.rawValue) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        criteriaJSON = String(decoding: try! encoder.encode(raw), as: UTF8.self)
    }
}
