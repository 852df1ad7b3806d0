import Foundation
import Vapor

/// What a person sends as feedback, from the web form, the JSON API or Open311.
struct FeedbackInput: Content {
    var provinceCode: String?
    var categoryCode: String?
    /// The unit it is for; absent, the province's office receives it (as hotline 1022 does).
    var unitCode: String?
    var description: String?
    var address: String?
    var latitude: Double?
    var longitude: Double?
    /// Answers to the category's extra questions: code → values (one, or several for multi-value lists).
    var attributes: [String: [String]]?
    var senderName: String?
    var senderPhone: String?
    var senderEmail: String?
    /// For officers entering a call or a visit: `hotline` or `counter`.
    var channel: String?
}

/// A file sent with feedback.
struct FeedbackUpload: Sendable {
    let data: Data
    let fileName: String
}

/// What the unit's officers send with an action on a feedback item.
struct FeedbackActionInput: Content {
    var note: String?
    var kind: String?
    var urgent: Bool?
    var departmentID: UUID?
    /// Transfer to a unit in MotCua…
    var unitCode: String?
    /// …or to an agency outside it, by name.
    var agency: String?
    /// The approved answer as the leader edited it.
    var answer: String?
    /// What the public page shows (defaults: the question and answer with personal data removed).
    var publicQuestion: String?
    var publicAnswer: String?
    /// The version the officer saw; a later change by someone else makes this one a conflict.
    var version: Int?
}
