import Fluent
import Foundation
import MotCuaCore

/// A citizen's feedback (phản ánh, kiến nghị): what was sent, by whom and how, where it stands, its
/// due moments, the answer and what was published.
final class FeedbackItem: Model, @unchecked Sendable {
    static let schema = "feedback_items"

    /// How it reached MotCua.
    enum Channel: String, Codable, Sendable, CaseIterable {
        case web
        /// Entered by a hotline operator from a call.
        case hotline
        /// Entered by an officer at the counter.
        case counter
        /// Sent by an application through Open311.
        case open311

        var label: String {
            switch self {
            case .web: "Cổng thông tin, điện thoại di động"
            case .hotline: "Tổng đài"
            case .counter: "Trực tiếp tại bộ phận một cửa"
            case .open311: "Ứng dụng (Open311)"
            }
        }
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "province_id") var province: Province
    /// The unit that holds it now (a transfer moves it).
    @Parent(key: "unit_id") var unit: OrgUnit
    @OptionalField(key: "department_id") var departmentID: UUID?
    @Parent(key: "category_id") var category: FeedbackCategory
    @Field(key: "category_code") var categoryCode: String
    @Field(key: "category_name") var categoryName: String
    /// What the sender follows it by, and the Open311 `service_request_id`.
    @Field(key: "code") var code: String
    /// The Open311 token of the request.
    @Field(key: "token") var token: String
    /// SHA-256 of the secret in the sender's follow-up link.
    @Field(key: "secret_hash") var secretHash: String
    @Field(key: "channel") var channel: Channel
    @Field(key: "status") var status: FeedbackStatus
    @OptionalField(key: "paused_from") var pausedFrom: FeedbackStatus?
    @OptionalField(key: "kind") var kind: FeedbackKind?
    @Field(key: "urgent") var urgent: Bool
    @Field(key: "description") var description: String
    /// The description with personal data removed (what the public and Open311 read).
    @Field(key: "public_description") var publicDescription: String
    @OptionalField(key: "address") var address: String?
    @OptionalField(key: "latitude") var latitude: Double?
    @OptionalField(key: "longitude") var longitude: Double?
    /// Answers to the category's extra questions, as JSON `{code: [values]}`.
    @Field(key: "attributes") var attributesJSON: String
    @OptionalField(key: "sender_name") var senderName: String?
    @OptionalField(key: "sender_phone") var senderPhone: String?
    @OptionalField(key: "sender_email") var senderEmail: String?
    @OptionalField(key: "sender_user_id") var senderUserID: UUID?
    /// The application (API token's name) or operator that entered it.
    @OptionalField(key: "entered_by") var enteredBy: String?
    @Field(key: "submitted_at") var submittedAt: Date
    @OptionalField(key: "decided_at") var decidedAt: Date?
    @OptionalField(key: "first_info_request_at") var firstInfoRequestAt: Date?
    @OptionalField(key: "pause_started_at") var pauseStartedAt: Date?
    /// Finished pauses, JSON `[[from, to]]` in seconds since 1970.
    @Field(key: "pauses") var pausesJSON: String
    @OptionalField(key: "approved_at") var approvedAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    @Field(key: "reception_due_at") var receptionDueAt: Date
    @Field(key: "first_info_due_at") var firstInfoDueAt: Date
    @Field(key: "answer_due_at") var answerDueAt: Date
    @OptionalField(key: "publish_due_at") var publishDueAt: Date?
    @OptionalField(key: "draft_answer") var draftAnswer: String?
    @OptionalField(key: "answer") var answer: String?
    @OptionalField(key: "answered_by") var answeredBy: String?
    @OptionalField(key: "public_question") var publicQuestion: String?
    @OptionalField(key: "public_answer") var publicAnswer: String?
    /// Folded (no diacritics, lower case) question and answer, for the public search.
    @OptionalField(key: "search_text") var searchText: String?
    @OptionalField(key: "transfer_agency") var transferAgency: String?
    @Field(key: "useful_count") var usefulCount: Int
    @Field(key: "not_useful_count") var notUsefulCount: Int
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "version") var version: Int

    init() {}

    var pauses: [(from: Date, to: Date)] {
        let pairs = (try? JSONDecoder().decode([[Double]].self, from: Data(pausesJSON.utf8))) ?? []
        return pairs.compactMap { $0.count == 2 ? (Date(timeIntervalSince1970: $0[0]), Date(timeIntervalSince1970: $0[1])) : nil }
    }

    func setPauses(_ pauses: [(from: Date, to: Date)]) {
        let pairs = pauses.map { [$0.from.timeIntervalSince1970, $0.to.timeIntervalSince1970] }
        pausesJSON = String(decoding: try! JSONEncoder().encode(pairs), as: UTF8.self)
    }

    var attributeValues: [String: [String]] {
        (try? JSONDecoder().decode([String: [String]].self, from: Data(attributesJSON.utf8))) ?? [:]
    }

    /// The stages it is (or was) late for, at `now`.
    func late(now: Date) -> [FeedbackClock.Stage] {
        let clock = FeedbackClock(receptionDue: receptionDueAt, firstInfoRequestDue: firstInfoDueAt, answerDue: answerDueAt, publishDue: publishDueAt)
        return clock.late(.init(decidedAt: decidedAt, firstInfoRequestAt: firstInfoRequestAt, approvedAt: approvedAt, publishedAt: publishedAt,
                                closedWithoutAnswer: status == .refused || status == .transferredOut, pausedSince: pauseStartedAt), now: now)
    }
}
