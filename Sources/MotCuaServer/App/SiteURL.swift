import Foundation
import Vapor

/// Every page of the site, one case per path, as SwiftPackageIndex-Server's `SiteURL`: the pages
/// register their routes from it (`pathComponents`, a `.key` for each named parameter), and code
/// builds its links and redirects with it (`path`, with values). The templates write their links
/// out; `SiteLinksTests` finds each of them, and every path left in the code, among the routes.
/// The JSON API and Open311 are described by their OpenAPI and Open311 documents instead.
enum SiteURL: Sendable {
    /// A path parameter: its name in a route (`.key`), its value in a link.
    enum Parameter: Sendable {
        case key
        case value(String)

        static func id(_ id: UUID) -> Parameter { .value(id.uuidString) }
    }

    // MARK: Home, identity, notifications
    case home
    case signIn, signOut, register
    case account, passwordChange, contactCodeSend, contactCodeConfirm
    case accountTokens, adminTokens, accountTokenRevoke(Parameter), adminTokenRevoke(Parameter)
    case notifications, notificationsRead

    // MARK: Catalogue and calendar
    case catalogue, catalogueUnits
    case unitCatalogue(Parameter), noticeBoard(Parameter)
    case procedure(Parameter), procedureQRSVG(Parameter), procedureQRPNG(Parameter)
    case adminCatalogue, adminCatalogueImport, adminProcedureNew, adminProcedure(Parameter)
    case adminUnitProcedures(Parameter)
    case adminFields, adminField(Parameter)
    case calendar, adminCalendar, adminCalendarWithdraw(Parameter)

    // MARK: Dossiers
    case dossiers, submission, trackingBook, counterIntake
    case dossier(Parameter), dossierAction(Parameter, Parameter), dossierFiles(Parameter), dossierFile(Parameter, Parameter)
    case dossierForm(Parameter, Parameter)
    case tracking, trackingQR

    // MARK: Queue
    case queueCenters, kiosk(Parameter), takeTicket(Parameter), board(Parameter), boardEvents(Parameter)
    case ticket(Parameter), ticketQR(Parameter), queueReport(Parameter), queueReportCSV(Parameter)
    case counters, counterTake(Parameter), counterLeave(Parameter), counterAction(Parameter, Parameter)
    case adminQueue, adminQueueGroups, adminQueueCounters

    // MARK: Citizens' voice and satisfaction
    case feedback, feedbackFollow(Parameter), feedbackInformation(Parameter)
    case answers, answer(Parameter), answerReaction(Parameter)
    case feedbackInbox, feedbackItem(Parameter), feedbackItemAction(Parameter, Parameter), feedbackItemFile(Parameter, Parameter)
    case adminFeedback, adminFeedbackDeadlines
    case rating, ratingSummary

    // MARK: Monitoring
    case dashboard, dashboardDossiers, index766

    // MARK: Administration
    case admin, adminProvince
    case adminUnits, adminUnitNew, adminUnit(Parameter), adminUnitEdit(Parameter)
    case adminDepartments(Parameter), adminDepartment(Parameter, Parameter), adminDepartmentDelete(Parameter, Parameter)
    case adminStaff, adminStaffNew(Parameter), adminStaffMember(Parameter), adminStaffPasswordReset(Parameter), adminStaffUnlock(Parameter)
    case adminAudit

    /// The path of a link: "/ho-so/10301008-261208-0001/mau/01" (a `.key` left in gives ":name").
    var path: String {
        "/" + segments.map { segment in
            switch segment {
            case .constant(let text): text
            case .parameter(let name, .key): ":\(name)"
            case .parameter(_, .value(let value)):
                value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/"))) ?? value
            }
        }.joined(separator: "/")
    }

    /// The components of the page's route, parameters named.
    var pathComponents: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .parameter(let name, _): .parameter(name)
            }
        }
    }

    private enum Segment: ExpressibleByStringLiteral {
        case constant(String)
        case parameter(String, Parameter)

        init(stringLiteral value: String) { self = .constant(value) }
    }

    private static func p(_ name: String, _ value: Parameter) -> Segment { .parameter(name, value) }

    private var segments: [Segment] {
        switch self {
        case .home: []
        case .signIn: ["dang-nhap"]
        case .signOut: ["dang-xuat"]
        case .register: ["dang-ky"]
        case .account: ["tai-khoan"]
        case .passwordChange: ["tai-khoan", "doi-mat-khau"]
        case .contactCodeSend: ["tai-khoan", "xac-minh", "gui"]
        case .contactCodeConfirm: ["tai-khoan", "xac-minh"]
        case .accountTokens: ["tai-khoan", "khoa-api"]
        case .adminTokens: ["quan-tri", "khoa-api"]
        case .accountTokenRevoke(let token): ["tai-khoan", "khoa-api", Self.p("tokenID", token), "thu-hoi"]
        case .adminTokenRevoke(let token): ["quan-tri", "khoa-api", Self.p("tokenID", token), "thu-hoi"]
        case .notifications: ["thong-bao"]
        case .notificationsRead: ["thong-bao", "da-doc"]

        case .catalogue: ["thu-tuc"]
        case .catalogueUnits: ["thu-tuc", "don-vi"]
        case .unitCatalogue(let unit): ["don-vi", Self.p("unitCode", unit), "thu-tuc"]
        case .noticeBoard(let unit): ["don-vi", Self.p("unitCode", unit), "thu-tuc", "niem-yet"]
        case .procedure(let code): ["thu-tuc", Self.p("code", code)]
        case .procedureQRSVG(let code): ["thu-tuc", Self.p("code", code), "qr.svg"]
        case .procedureQRPNG(let code): ["thu-tuc", Self.p("code", code), "qr.png"]
        case .adminCatalogue: ["quan-tri", "thu-tuc"]
        case .adminCatalogueImport: ["quan-tri", "thu-tuc", "nhap"]
        case .adminProcedureNew: ["quan-tri", "thu-tuc", "moi"]
        case .adminProcedure(let code): ["quan-tri", "thu-tuc", Self.p("code", code)]
        case .adminUnitProcedures(let unit): ["quan-tri", "don-vi", Self.p("unitID", unit), "thu-tuc"]
        case .adminFields: ["quan-tri", "linh-vuc"]
        case .adminField(let field): ["quan-tri", "linh-vuc", Self.p("fieldID", field)]
        case .calendar: ["lich-lam-viec"]
        case .adminCalendar: ["quan-tri", "lich"]
        case .adminCalendarWithdraw(let declaration): ["quan-tri", "lich", Self.p("declarationID", declaration), "xoa"]

        case .dossiers: ["ho-so"]
        case .submission: ["nop-ho-so"]
        case .trackingBook: ["ho-so", "so-theo-doi"]
        case .counterIntake: ["ho-so", "tiep-nhan"]
        case .dossier(let code): ["ho-so", Self.p("code", code)]
        case .dossierAction(let code, let action): ["ho-so", Self.p("code", code), "thao-tac", Self.p("action", action)]
        case .dossierFiles(let code): ["ho-so", Self.p("code", code), "tep"]
        case .dossierFile(let code, let file): ["ho-so", Self.p("code", code), "tep", Self.p("fileID", file)]
        case .dossierForm(let code, let form): ["ho-so", Self.p("code", code), "mau", Self.p("form", form)]
        case .tracking: ["tra-cuu"]
        case .trackingQR: ["tra-cuu", "qr.svg"]

        case .queueCenters: ["xep-hang"]
        case .kiosk(let unit): ["xep-hang", Self.p("unitCode", unit)]
        case .takeTicket(let unit): ["xep-hang", Self.p("unitCode", unit), "lay-so"]
        case .board(let unit): ["xep-hang", Self.p("unitCode", unit), "bang"]
        case .boardEvents(let unit): ["xep-hang", Self.p("unitCode", unit), "su-kien"]
        case .ticket(let id): ["xep-hang", "so", Self.p("id", id)]
        case .ticketQR(let id): ["xep-hang", "so", Self.p("id", id), "qr.svg"]
        case .queueReport(let unit): ["xep-hang", Self.p("unitCode", unit), "thong-ke"]
        case .queueReportCSV(let unit): ["xep-hang", Self.p("unitCode", unit), "thong-ke.csv"]
        case .counters: ["quay"]
        case .counterTake(let id): ["quay", Self.p("id", id), "nhan"]
        case .counterLeave(let id): ["quay", Self.p("id", id), "roi"]
        case .counterAction(let id, let action): ["quay", Self.p("id", id), Self.p("action", action)]
        case .adminQueue: ["quan-tri", "xep-hang"]
        case .adminQueueGroups: ["quan-tri", "xep-hang", "nhom"]
        case .adminQueueCounters: ["quan-tri", "xep-hang", "quay"]

        case .feedback: ["phan-anh"]
        case .feedbackFollow(let code): ["phan-anh", Self.p("code", code)]
        case .feedbackInformation(let code): ["phan-anh", Self.p("code", code), "bo-sung"]
        case .answers: ["phan-anh", "tra-loi"]
        case .answer(let code): ["phan-anh", "tra-loi", Self.p("code", code)]
        case .answerReaction(let code): ["phan-anh", "tra-loi", Self.p("code", code), "danh-gia"]
        case .feedbackInbox: ["phan-anh", "xu-ly"]
        case .feedbackItem(let id): ["phan-anh", "xu-ly", Self.p("id", id)]
        case .feedbackItemAction(let id, let action): ["phan-anh", "xu-ly", Self.p("id", id), Self.p("action", action)]
        case .feedbackItemFile(let id, let file): ["phan-anh", "xu-ly", Self.p("id", id), "tep", Self.p("fileID", file)]
        case .adminFeedback: ["quan-tri", "phan-anh"]
        case .adminFeedbackDeadlines: ["quan-tri", "phan-anh", "thoi-han"]
        case .rating: ["danh-gia"]
        case .ratingSummary: ["danh-gia", "thong-ke"]

        case .dashboard: ["giam-sat"]
        case .dashboardDossiers: ["giam-sat", "ho-so"]
        case .index766: ["giam-sat", "chi-so-766"]

        case .admin: ["quan-tri"]
        case .adminProvince: ["quan-tri", "tinh"]
        case .adminUnits: ["quan-tri", "don-vi"]
        case .adminUnitNew: ["quan-tri", "don-vi", "moi"]
        case .adminUnit(let unit): ["quan-tri", "don-vi", Self.p("unitID", unit)]
        case .adminUnitEdit(let unit): ["quan-tri", "don-vi", Self.p("unitID", unit), "sua"]
        case .adminDepartments(let unit): ["quan-tri", "don-vi", Self.p("unitID", unit), "phong-ban"]
        case .adminDepartment(let unit, let department): ["quan-tri", "don-vi", Self.p("unitID", unit), "phong-ban", Self.p("departmentID", department)]
        case .adminDepartmentDelete(let unit, let department):
            ["quan-tri", "don-vi", Self.p("unitID", unit), "phong-ban", Self.p("departmentID", department), "xoa"]
        case .adminStaff: ["quan-tri", "can-bo"]
        case .adminStaffNew(let unit): ["quan-tri", "don-vi", Self.p("unitID", unit), "can-bo", "moi"]
        case .adminStaffMember(let user): ["quan-tri", "can-bo", Self.p("userID", user)]
        case .adminStaffPasswordReset(let user): ["quan-tri", "can-bo", Self.p("userID", user), "dat-lai-mat-khau"]
        case .adminStaffUnlock(let user): ["quan-tri", "can-bo", Self.p("userID", user), "mo-khoa"]
        case .adminAudit: ["quan-tri", "nhat-ky"]
        }
    }
}
