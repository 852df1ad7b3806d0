import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Tiếp nhận hồ sơ tại quầy, in two steps an officer does by keyboard alone: pick the procedure
/// (search without diacritics, this counter's most frequent first), then fill the applicant (found
/// by ID number when they came before), tick the documents received, attach the scans, and save.
/// A complete checklist prints the receipt (Mẫu 01); a missing document, the supplement request
/// (Mẫu 02). A queue ticket called at the counter (`ve`) is carried through and kept.
struct CounterIntakePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(SignInRequiredMiddleware())
        signedIn.get(SiteURL.counterIntake.pathComponents, use: form)
        signedIn.on(.POST, SiteURL.counterIntake.pathComponents, body: .collect(maxSize: "60mb"), use: intake)
    }

    /// The officer's unit, when they may receive there.
    private func unit(_ req: Request) async throws -> (Principal, OrgUnit) {
        let principal = try req.requirePrincipal()
        guard principal.roles.contains(.reception), let unitID = principal.actor.unitID, let unit = try await OrgUnit.find(unitID, on: req.db),
              principal.may(.handleDossiers, in: unit.scope)
        else { throw AppError.forbidden("Chỉ cán bộ một cửa tiếp nhận hồ sơ tại quầy.") }
        return (principal, unit)
    }

    /// The ticket being served, when the page came from the counter.
    private func ticket(_ raw: String?, unit: OrgUnit, on db: any Database) async throws -> QueueTicket? {
        guard let id = raw.flatMap(UUID.init(uuidString:)) else { return nil }
        return try await QueueTicket.query(on: db).filter(\.$id == id).filter(\.$unit.$id == unit.id!).first()
    }

    @Sendable func form(req: Request) async throws -> Response {
        let (_, unit) = try await unit(req)
        let ticket = try await ticket(req.query[String.self, at: "ve"], unit: unit, on: req.db)
        guard let code = req.query[String.self, at: "thu-tuc"], !code.isEmpty else {
            return try await choose(req, unit: unit, ticket: ticket)
        }
        var values: [String: String] = [:]
        var lookup: CounterIntakeView.Lookup?
        if let raw = req.query[String.self, at: "cccd"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            do {
                let digits = try CitizenIDNumber(raw, currentYear: VietnameseFormat.year(of: req.now)).digits
                if let found = try await CounterIntake.returningApplicant(idNumber: digits, unitID: unit.id!, on: req.db) {
                    values = found
                    lookup = .init(searched: digits, message: "Đã điền thông tin người nộp từ hồ sơ trước. Kiểm tra lại với người nộp.", found: true)
                } else {
                    values["applicantIDNumber"] = digits
                    lookup = .init(searched: digits, message: "Chưa có hồ sơ nào của số định danh này tại đơn vị: nhập thông tin người nộp.", found: false)
                }
            } catch let error as CitizenIDNumber.Problem {
                lookup = .init(searched: raw, message: error.message, found: false)
            }
        }
        return try await fill(req, unit: unit, ticket: ticket, procedureCode: code, values: values, lookup: lookup)
    }

    /// Step 1: the procedure.
    private func choose(_ req: Request, unit: OrgUnit, ticket: QueueTicket?) async throws -> Response {
        let text = req.query[String.self, at: "q"] ?? ""
        let search = ProcedureSearch(text)
        let choices = search.isEmpty
            ? try await CounterIntake.frequentProcedures(unitID: unit.id!, provinceID: unit.$province.id, now: req.now, limit: 10, on: req.db)
            : try await ProcedureCatalogue.procedures(provinceID: unit.$province.id, .init(unitID: unit.id, search: search, limit: 20), on: req.db)
        return try await req.view.render("Dossiers/intake", CounterIntakeView(
            layout: Layout(request: req, title: "Tiếp nhận hồ sơ tại quầy"), unitName: unit.name, ticketID: ticket?.id?.uuidString,
            ticketCode: ticket?.code, query: text, searched: !search.isEmpty,
            choices: choices.map { .init(code: $0.code, name: $0.name, field: $0.fieldName) })).encodeResponse(for: req)
    }

    /// Step 2: the applicant, the checklist, the scans.
    private func fill(_ req: Request, unit: OrgUnit, ticket: QueueTicket?, procedureCode: String, values: [String: String],
                      lookup: CounterIntakeView.Lookup?, received: Set<Int> = [], problems: [FieldProblem] = [],
                      status: HTTPStatus = .ok) async throws -> Response {
        guard let (procedure, version) = try await ProcedureCatalogue.current(code: procedureCode, provinceID: unit.$province.id, on: req.db),
              try await UnitProcedure.query(on: req.db).filter(\.$unit.$id == unit.id!).filter(\.$procedure.$id == procedure.id!).count() > 0
        else {
            return req.redirect(to: SiteURL.counterIntake.path + (ticket.map { "?ve=\($0.id!.uuidString)" } ?? ""),
                                flash: "\(unit.name) chưa tiếp nhận thủ tục mã “\(procedureCode)”. Hãy chọn thủ tục trong danh sách.", isError: true)
        }
        let content = try version.content()
        let checklist = IntakeChecklist(documents: content.documents, received: received)
        // Where the keyboard starts: the ID number first; after a lookup the checklist (known
        // applicant) or the name (new one); after a refusal the browser's own order.
        let focus: String? = switch lookup {
        case _ where !problems.isEmpty: nil
        case nil: "cccd"
        case let lookup? where lookup.found: checklist.isEmpty ? "luu-ho-so" : "checklist"
        default: "applicantName"
        }
        return try await req.view.render("Dossiers/intake", CounterIntakeView(
            layout: Layout(request: req, title: "Tiếp nhận hồ sơ tại quầy"), unitName: unit.name, ticketID: ticket?.id?.uuidString,
            ticketCode: ticket?.code,
            procedure: .init(code: procedure.code, name: procedure.name, processingTime: content.processingTime?.text ?? "Chưa có thông tin",
                             fee: content.feeText),
            checklist: checklist.items.enumerated().map { .init(position: $0.offset, line: $0.element.line, checked: $0.element.received) },
            lookup: lookup, focus: focus, values: values, problems: problems,
            deliveries: ResultDelivery.allCases.map { .init(value: $0.rawValue, label: $0.label) })).encodeResponse(status: status, for: req)
    }

    @Sendable func intake(req: Request) async throws -> Response {
        let (principal, unit) = try await unit(req)
        let form = try ApplicationForm.decode(req)
        let ticket = try await ticket(form.ticket, unit: unit, on: req.db)
        let received = form.checklist == "1" ? Set(form.received ?? []) : nil
        let dossier: Dossier
        do {
            dossier = try await DossierIntake.register(form.input(unitCode: unit.code), by: principal, counter: .init(receivedDocuments: received, ticketID: ticket?.id),
                                                       in: req.context).dossier
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await fill(req, unit: unit, ticket: ticket, procedureCode: form.procedureCode ?? "", values: form.values, lookup: nil,
                                  received: received ?? [], problems: error.problems, status: .unprocessableEntity)
        }
        let notes = try await DossierFiles.addUploads(form.uploads, documentName: "Hồ sơ quét tại quầy", to: dossier.id, by: principal, in: req.context)
        let (path, message) = switch dossier.status {
        case .supplementRequested:
            (SiteURL.dossierForm(.value(dossier.code), .value("02")).path, "Hồ sơ \(dossier.code) còn thiếu giấy tờ: in Phiếu yêu cầu bổ sung (Mẫu 02) cho người nộp.")
        case .submitted: (SiteURL.dossier(.value(dossier.code)).path, "Đã đăng ký hồ sơ \(dossier.code).")
        default: (SiteURL.dossierForm(.value(dossier.code), .value("01")).path, "Đã tiếp nhận hồ sơ \(dossier.code). In Giấy tiếp nhận (Mẫu 01) cho người nộp.")
        }
        return req.redirect(to: path, flash: ([message] + notes).joined(separator: " "), isError: !notes.isEmpty)
    }
}

/// What the counter's intake page shows, step 1 (`choices`) or step 2 (`procedure`).
struct CounterIntakeView: Encodable {
    struct Choice: Encodable {
        let code: String
        let name: String
        let field: String
    }

    struct Procedure: Encodable {
        let code: String
        let name: String
        let processingTime: String
        let fee: String
    }

    struct ChecklistLine: Encodable {
        let position: Int
        let line: String
        let checked: Bool
    }

    struct Lookup: Encodable {
        let searched: String
        let message: String
        let found: Bool
    }

    let layout: Layout
    let unitName: String
    let ticketID: String?
    let ticketCode: String?
    var query = ""
    var searched = false
    var choices: [Choice] = []
    var procedure: Procedure?
    var checklist: [ChecklistLine] = []
    var lookup: Lookup?
    /// The field the page opens on (`autofocus`): "cccd", "applicantName", "checklist", "luu-ho-so".
    var focus: String?
    var values: [String: String] = [:]
    var problems: [FieldProblem] = []
    var deliveries: [Option] = []
}
