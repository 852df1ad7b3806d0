import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Public status of a dossier (tracking): no personal data.
struct DossierStatusDTO: Content {
    struct Step: Content {
        let at: Date
        let label: String
        /// The reason written for the applicant; only with the phone digits.
        let note: String?
        let appointmentAt: Date?
    }

    let code: String
    let procedureCode: String
    let procedureName: String
    let receivingUnit: String
    let status: DossierStatus
    let statusLabel: String
    let nationalStatusCode: Int
    let submittedAt: Date
    let receivedAt: Date?
    let appointmentAt: Date?
    let processedAt: Date?
    let returnedAt: Date?
    let timeliness: Timeliness?
    /// True when the phone digits matched and reasons are shown.
    let detailsShown: Bool
    let timeline: [Step]
}

/// A dossier as officers (and its applicant) see it.
struct DossierDTO: Content {
    struct Event: Content {
        let at: Date
        let action: String
        let label: String
        let fromStatus: DossierStatus?
        let toStatus: DossierStatus
        let actorName: String
        let givenBy: String?
        let receivedBy: String?
        let stepDueAt: Date?
        let stepTimeliness: Timeliness?
        let note: String
        let appointmentAt: Date?
    }

    struct File: Content {
        let id: UUID
        let documentName: String
        let fileName: String
        let mediaType: String
        let size: Int
        let sha256: String
        let digitized: Bool
        let uploadedAt: Date
    }

    let id: UUID
    let code: String
    let version: Int
    let status: DossierStatus
    let statusLabel: String
    let nationalStatusCode: Int
    let channel: SubmissionChannel
    let procedureCode: String
    let procedureName: String
    let procedureVersion: Int
    let unitID: UUID
    let handlingUnitID: UUID
    let applicantName: String
    let applicantIDNumber: String?
    let applicantPhone: String
    let applicantEmail: String?
    let applicantAddress: String
    let requestSummary: String
    let resultDelivery: ResultDelivery
    let submittedAt: Date
    let receivedAt: Date?
    let legalAppointmentAt: Date?
    let appointmentAt: Date?
    let processedAt: Date?
    let returnedAt: Date?
    let timeliness: Timeliness?
    let supplements: [SupplementPeriod]
    let apologyCount: Int
    let assigneeID: UUID?
    let assigneeName: String?
    let holder: String
    let stepDueAt: Date?
    let transferAgency: String?
    let paidAt: Date?
    let paidOnline: Int?
    /// What the caller may do now.
    let allowedActions: [DossierAction]
    let events: [Event]
    let files: [File]

    init(_ d: Dossier, events: [DossierEvent], files: [DossierAttachment], allowed: [DossierAction]) {
        id = d.id!
        code = d.code
        version = d.version
        status = d.status
        statusLabel = d.status.label
        nationalStatusCode = d.status.nationalCode
        channel = d.channel
        procedureCode = d.procedureCode
        procedureName = d.procedureName
        procedureVersion = d.procedureVersion
        unitID = d.$unit.id
        handlingUnitID = d.$handlingUnit.id
        applicantName = d.applicantName
        applicantIDNumber = d.applicantIDNumber
        applicantPhone = d.applicantPhone
        applicantEmail = d.applicantEmail
        applicantAddress = d.applicantAddress
        requestSummary = d.requestSummary
        resultDelivery = d.resultDelivery
        submittedAt = d.submittedAt
        receivedAt = d.receivedAt
        legalAppointmentAt = d.legalAppointmentAt
        appointmentAt = d.appointmentAt
        processedAt = d.processedAt
        returnedAt = d.returnedAt
        timeliness = d.timeliness
        supplements = d.supplements
        apologyCount = d.apologyCount
        assigneeID = d.assigneeID
        assigneeName = d.assigneeName
        holder = d.holder
        stepDueAt = d.stepDueAt
        transferAgency = d.transferAgency
        paidAt = d.paidAt
        paidOnline = d.paidOnline
        allowedActions = allowed
        self.events = events.map {
            Event(at: $0.occurredAt, action: $0.action, label: DossierAction(rawValue: $0.action)?.label ?? "Đăng ký hồ sơ",
                  fromStatus: $0.fromStatus, toStatus: $0.toStatus, actorName: $0.actorName, givenBy: $0.givenBy, receivedBy: $0.receivedBy,
                  stepDueAt: $0.stepDueAt, stepTimeliness: $0.stepTimeliness, note: $0.note, appointmentAt: $0.appointmentAt)
        }
        self.files = files.map {
            File(id: $0.id!, documentName: $0.documentName, fileName: $0.fileName, mediaType: $0.mediaType, size: $0.size,
                 sha256: $0.sha256, digitized: $0.digitized, uploadedAt: $0.uploadedAt)
        }
    }
}

/// One row of a workspace or list.
struct DossierSummaryDTO: Content {
    let id: UUID
    let code: String
    let status: DossierStatus
    let statusLabel: String
    let procedureCode: String
    let procedureName: String
    let applicantName: String
    let submittedAt: Date
    let appointmentAt: Date?
    let assigneeName: String?
    let urgency: DossierClock.Urgency?
    let urgencyLabel: String?
}
