import MotCuaCore
import Fluent
import Vapor

/// What every page's frame needs: title, who is signed in, the CSRF token, a one-time message.
struct Layout: Encodable {
    struct Person: Encodable {
        let fullName: String
        let unitName: String?
        let roleLabels: String
        let isOfficer: Bool
        let seesAdministration: Bool
        /// Serves the queue at a counter (link "Quầy").
        let servesQueue: Bool
        /// Reads the unit's feedback (link "Xử lý phản ánh").
        let handlesFeedback: Bool
        /// Reads the dossier statistics (link "Giám sát").
        let monitors: Bool
        /// The administration pages the person may open.
        let administration: [AdministrationLinks.Link]
    }

    let title: String
    let person: Person?
    let csrf: String?
    let flash: String?
    let flashIsError: Bool

    /// `forms` asks for a CSRF token even when nobody is signed in (sign-in and registration).
    init(request: Request, title: String, forms: Bool = false) {
        self.title = title
        let principal = request.auth.get(Principal.self)
        person = principal.map {
            Person(
                fullName: $0.fullName,
                unitName: $0.unitName,
                roleLabels: $0.roles.sorted().map(\.label).joined(separator: ", "),
                isOfficer: $0.isOfficer,
                seesAdministration: $0.seesAdministration,
                servesQueue: $0.reach(.serveQueue) != .nowhere,
                handlesFeedback: $0.reach(.readFeedback) != .nowhere,
                monitors: $0.reach(.readStatistics) != .nowhere,
                administration: AdministrationLinks.of($0)
            )
        }
        csrf = (principal != nil || forms) ? request.csrfToken : nil
        let flash = request.hasSession ? request.session.data[Flash.key] : nil
        if flash != nil { request.session.data[Flash.key] = nil }
        self.flash = flash.map { String($0.dropFirst()) }
        flashIsError = flash?.first == "!"
    }
}

/// A message shown once on the next page (after a redirect).
enum Flash {
    static let key = "flash"
}

extension Request {
    /// Does `work` and goes back to `path` saying how it went: `success`, or the Vietnamese reason
    /// when the input was refused (invalid or in conflict). Other errors propagate.
    func redirectAfter(_ path: String, success: String, _ work: () async throws -> Void) async throws -> Response {
        do {
            try await work()
            return redirect(to: path, flash: success)
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .conflict {
            return redirect(to: path, flash: error.detail, isError: true)
        }
    }

    /// Redirects with a message shown on the next page.
    func redirect(to path: String, flash message: String, isError: Bool = false) -> Response {
        session.data[Flash.key] = (isError ? "!" : "+") + message
        return redirect(to: path, redirectType: .normal)
    }
}
