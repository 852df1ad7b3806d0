import Fluent
import Foundation
import Vapor

/// What a service acts with, whoever calls it — a page, the API, a job, a command, an import or a
/// test: the database, one moment, the audit writer (who acts, from where), the person acting,
/// the configuration, the file store, the address links in messages start with, and the queue's
/// live signal. Services take this instead of the whole `Request`.
struct ActionContext: Sendable {
    let db: any Database
    let now: Date
    let audit: AuditTrail
    /// The signed-in person, when there is one (a visitor, a kiosk and the system have none).
    let actor: Principal?
    /// The client's address, for per-address limits (nil for the system).
    let clientAddress: String?
    let config: AppConfig
    let files: any FileStorage
    /// The start of the links written in e-mail and SMS (`Application.messageBaseURL`).
    let messageBaseURL: String
    let queueSignal: QueueSignal

    /// The system acting on its own (jobs, commands, imports), named in the audit trail.
    static func system(_ app: Application, name: String = "Hệ thống", db: (any Database)? = nil) -> ActionContext {
        let now = app.time.now()
        return ActionContext(db: db ?? app.db, now: now, audit: AuditTrail(context: .system(name, now: now)), actor: nil, clientAddress: nil,
                             config: app.motcua, files: app.files, messageBaseURL: app.messageBaseURL, queueSignal: app.queueSignal)
    }
}

extension Request {
    /// This request's context: its database, the moment it is handled, its person and address.
    var context: ActionContext {
        let audit = audit
        return ActionContext(db: db, now: audit.context.now, audit: audit, actor: auth.get(Principal.self), clientAddress: clientAddress,
                             config: application.motcua, files: application.files, messageBaseURL: application.messageBaseURL,
                             queueSignal: application.queueSignal)
    }
}
