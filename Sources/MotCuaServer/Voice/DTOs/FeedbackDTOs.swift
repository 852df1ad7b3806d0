import Foundation
import MotCuaCore
import Vapor

/// A feedback category as the forms and the API list it.
struct FeedbackCategoryDTO: Content {
    let code: String
    let name: String
    let description: String
    let group: String
    let keywords: [String]
    let attributes: [FeedbackCategory.Attribute]

    init(_ category: FeedbackCategory) {
        code = category.code
        name = category.name
        description = category.description
        group = category.groupName
        keywords = category.keywords.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        attributes = category.attributes
    }
}

/// What the sender gets back: the code and the secret link to follow the item (shown once).
struct FeedbackReceiptDTO: Content {
    let code: String
    let status: FeedbackStatus
    let statusLabel: String
    let answerDueAt: Date
    let followURL: String
}

/// One step of the history the sender (and, for published items, the public) reads.
struct FeedbackStepDTO: Content {
    let at: Date
    let status: FeedbackStatus
    let text: String
}

/// The item as its sender follows it: without the secret, only its status and dates.
struct FeedbackTrackingDTO: Content {
    let code: String
    let categoryName: String
    let unitName: String
    let status: FeedbackStatus
    let statusLabel: String
    let submittedAt: Date
    let answerDueAt: Date
    let detailsShown: Bool
    let description: String?
    let timeline: [FeedbackStepDTO]
    let publicQuestion: String?
    let publicAnswer: String?
    let publishedAt: Date?
    /// The sender may answer a request for information now.
    let mayAddInformation: Bool
}

/// A published answer on the public page.
struct PublicAnswerDTO: Content {
    let code: String
    let categoryName: String
    let unitName: String
    let question: String
    let answer: String
    let submittedAt: Date
    let publishedAt: Date
    let useful: Int
    let notUseful: Int
}

struct PublicAnswerPageDTO: Content {
    let items: [PublicAnswerDTO]
    let page: Int
    let hasNext: Bool
}

/// A row of a unit's feedback inbox.
struct FeedbackRowDTO: Content {
    let id: UUID
    let code: String
    let categoryName: String
    let unitName: String
    let status: FeedbackStatus
    let statusLabel: String
    let kind: FeedbackKind?
    let urgent: Bool
    let channel: FeedbackItem.Channel
    let submittedAt: Date
    let answerDueAt: Date
    let late: [FeedbackClock.Stage]
    let summary: String
}

/// Everything the unit's officers see of an item, and what they may do to it.
struct FeedbackDetailDTO: Content {
    struct Update: Content {
        let at: Date
        let action: String
        let actionLabel: String
        let status: FeedbackStatus
        let actorName: String
        let note: String
        let publicNote: String?
    }

    struct File: Content {
        let id: UUID
        let fileName: String
        let mediaType: String
        let size: Int
    }

    let id: UUID
    let code: String
    let version: Int
    let unitCode: String
    let unitName: String
    let departmentID: UUID?
    let departmentName: String?
    let categoryCode: String
    let categoryName: String
    let status: FeedbackStatus
    let statusLabel: String
    let kind: FeedbackKind?
    let urgent: Bool
    let channel: FeedbackItem.Channel
    let enteredBy: String?
    let description: String
    let address: String?
    let latitude: Double?
    let longitude: Double?
    let attributes: [String: [String]]
    let senderName: String?
    let senderPhone: String?
    let senderEmail: String?
    let submittedAt: Date
    let receptionDueAt: Date
    let firstInfoDueAt: Date
    let answerDueAt: Date
    let publishDueAt: Date?
    let late: [FeedbackClock.Stage]
    let draftAnswer: String?
    let answer: String?
    let answeredBy: String?
    let suggestedPublicQuestion: String
    let suggestedPublicAnswer: String?
    let publicQuestion: String?
    let publicAnswer: String?
    let transferAgency: String?
    let useful: Int
    let notUseful: Int
    let actions: [FeedbackAction]
    let updates: [Update]
    let files: [File]
}

extension FeedbackDeadlines: Content {}
extension AnswerReactions: Content {}
