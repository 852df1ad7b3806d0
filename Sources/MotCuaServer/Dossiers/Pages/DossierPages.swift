import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Dossier pages for people: officers' workspace, the dossier page with its actions and files,
/// citizens' online submission and their own dossiers, the printable forms. Counter intake has its
/// own pages (`CounterIntakePages`).
struct DossierPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(SignInRequiredMiddleware())
        signedIn.get(SiteURL.dossiers.pathComponents, use: workspace)
        signedIn.get(SiteURL.submission.pathComponents, use: submissionForm)
        signedIn.on(.POST, SiteURL.submission.pathComponents, body: .collect(maxSize: "60mb"), use: submit)
        signedIn.get(SiteURL.trackingBook.pathComponents, use: trackingBook)
        signedIn.get(SiteURL.dossier(.key).pathComponents, use: page)
        signedIn.on(.POST, SiteURL.dossierAction(.key, .key).pathComponents, body: .collect(maxSize: "1mb"), use: act)
        signedIn.on(.POST, SiteURL.dossierFiles(.key).pathComponents, body: .collect(maxSize: "60mb"), use: addFile)
        signedIn.get(SiteURL.dossierFile(.key, .key).pathComponents, use: file)
        signedIn.get(SiteURL.dossierForm(.key, .key).pathComponents, use: slip)
    }

    // MARK: Workspace

    struct WorkspaceContext: Encodable {
        struct Box: Encodable {
            let id: String
            let label: String
            let rows: [DossierRowView]
        }
        let layout: Layout
        let isOfficer: Bool
        let mayReceive: Bool
        let boxes: [Box]
        let own: [DossierRowView]
    }

    @Sendable func workspace(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let time = try await CalendarService.workingTime(around: [req.now], unit: nil, on: req.db)
        var boxes: [WorkspaceContext.Box] = []
        var own: [DossierRowView] = []
        if principal.isOfficer {
            for box in DossierWorkspace.Box.of(principal) {
                let rows = DossierWorkspace.summaries(try await DossierWorkspace.rows(box, for: principal, limit: 100, on: req.db), now: req.now, time: time)
                boxes.append(.init(id: box.rawValue.replacingOccurrences(of: "_", with: "-"), label: box.label, rows: rows.map(DossierRowView.init)))
            }
        } else {
            own = DossierWorkspace.summaries(try await DossierWorkspace.own(by: principal, on: req.db), now: req.now, time: time).map(DossierRowView.init)
        }
        return try await req.view.render("Dossiers/workspace", WorkspaceContext(
            layout: Layout(request: req, title: principal.isOfficer ? "Hồ sơ cần xử lý" : "Hồ sơ của tôi"), isOfficer: principal.isOfficer,
            mayReceive: principal.roles.contains(.reception), boxes: boxes, own: own))
    }

    // MARK: Online submission

    struct ApplicationContext: Encodable {
        let layout: Layout
        let unitCode: String
        /// The unit's name when the code names one (the form then shows names, not codes).
        let unitName: String?
        let procedureCode: String
        let procedureName: String?
        let documents: [String]
        let values: [String: String]
        let problems: [FieldProblem]
        let deliveries: [Option]
    }

    private func applicationForm(_ req: Request, values: [String: String], problems: [FieldProblem] = [],
                                 status: HTTPStatus = .ok) async throws -> Response {
        let principal = try req.requirePrincipal()
        let unitCode = values["unitCode"] ?? ""
        var procedureName: String?
        var documents: [String] = []
        let unit = unitCode.isEmpty ? nil : try await OrgUnit.query(on: req.db).filter(\.$code == unitCode).first()
        if let code = values["procedureCode"], !code.isEmpty, let unit,
           let procedure = try? await ProcedureCatalogue.find(code: code, provinceID: unit.$province.id, on: req.db) {
            procedureName = procedure.name
            documents = ((try? await ProcedureCatalogue.version(of: procedure, on: req.db).content())?.documents ?? []).map(\.name)
        }
        var filled = values
        if filled["applicantName"] == nil, let user = try await User.find(principal.userID, on: req.db) {
            filled["applicantName"] = user.fullName
            filled["applicantPhone"] = user.phone ?? ""
            filled["applicantEmail"] = user.email ?? ""
            filled["applicantIDNumber"] = user.citizenIDNumber ?? ""
        }
        return try await req.view.render("Dossiers/application", ApplicationContext(
            layout: Layout(request: req, title: "Nộp hồ sơ trực tuyến"), unitCode: unitCode, unitName: unit?.name,
            procedureCode: values["procedureCode"] ?? "", procedureName: procedureName, documents: documents, values: filled, problems: problems,
            deliveries: ResultDelivery.allCases.map { .init(value: $0.rawValue, label: $0.label) })).encodeResponse(status: status, for: req)
    }

    @Sendable func submissionForm(req: Request) async throws -> Response {
        try await applicationForm(req, values: ["procedureCode": req.query[String.self, at: "thu-tuc"] ?? "",
                                                "unitCode": req.query[String.self, at: "don-vi"] ?? ""])
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let form = try ApplicationForm.decode(req)
        let principal = try req.requirePrincipal()
        let dossier: Dossier
        do {
            dossier = try await DossierIntake.register(form.input(), by: principal, in: req.context).dossier
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await applicationForm(req, values: form.values, problems: error.problems, status: .unprocessableEntity)
        }
        let notes = try await DossierFiles.addUploads(form.uploads, documentName: "Thành phần hồ sơ", to: dossier.id, by: principal, in: req.context)
        let message = "Đã nộp hồ sơ \(dossier.code). Bộ phận một cửa sẽ kiểm tra và báo kết quả qua điện thoại, thư điện tử."
        return req.redirect(to: SiteURL.dossier(.value(dossier.code)).path, flash: ([message] + notes).joined(separator: " "), isError: !notes.isEmpty)
    }

    // MARK: Dossier page

    struct PageContext: Encodable {
        let layout: Layout
        let dossier: DossierView
    }

    private func dossierID(_ req: Request) async throws -> UUID? {
        try await DossierWorkspace.id(of: req.parameters.get("code") ?? "", on: req.db)
    }

    @Sendable func page(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let (dossier, events, files) = try await DossierWorkspace.detail(try await dossierID(req), for: principal, on: req.db)
        let parties = DossierAccess.parties(of: principal, for: dossier)
        let actions = DossierWorkflow.actions(from: dossier.status, for: parties)
        let unit = try await OrgUnit.find(dossier.$unit.id, on: req.db)
        let handling = try await OrgUnit.find(dossier.$handlingUnit.id, on: req.db)
        let specialists = actions.contains(.assign) ? try await DossierRouting.specialists(unitID: dossier.$handlingUnit.id, on: req.db) : []
        let partners = actions.contains(.transfer)
            ? VietnameseText.sorted(try await OrgUnit.query(on: req.db).filter(\.$province.$id == dossier.$province.id).filter(\.$isActive == true)
                .filter(\.$id != dossier.$handlingUnit.id).all(), by: \.name)
            : []
        let checklist = try await DossierDocument.checklist(of: dossier.id!, on: req.db)
        let mayAddFiles = parties.contains(.applicant) ? [.submitted, .supplementRequested].contains(dossier.status)
            : !parties.isEmpty && !dossier.status.isFinal
        return try await req.view.render("Dossiers/dossier", PageContext(
            layout: Layout(request: req, title: "Hồ sơ \(dossier.code)"),
            dossier: DossierView(dossier, events: events, files: files, checklist: checklist, unitName: unit?.name ?? "", handlingUnitName: handling?.name ?? "",
                                 actions: actions, asPartner: parties == [.partner], specialists: specialists, partners: partners,
                                 isOfficer: principal.isOfficer, mayAddFiles: mayAddFiles)))
    }

    @Sendable func act(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let id = try await dossierID(req), let action = DossierAction(rawValue: req.parameters.get("action") ?? "") else {
            throw AppError.notFound("Không tìm thấy hồ sơ hoặc thao tác.")
        }
        let form = try FormInput(req)
        let path = SiteURL.dossier(.value(req.parameters.get("code") ?? "")).path
        let input = DossierActionInput(
            version: Int(form.text("version")) ?? -1, note: form.text("note"), assigneeID: UUID(uuidString: form.text("assigneeID")),
            newAppointmentDate: form.text("newAppointmentDate"), agency: form.text("agency"),
            transferUnitCode: form.text("transferUnitCode"), paymentChannel: PaymentChannel(rawValue: form.text("paymentChannel")), resultDelivery: ResultDelivery(rawValue: form.text("resultDelivery")))
        return try await req.redirectAfter(path, success: "Đã \(action.label.lowercased()).") {
            _ = try await DossierDesk.perform(action, on: id, input, by: principal, in: req.context)
        }
    }

    struct Upload: Content {
        var file: File?
        var document: String?
    }

    @Sendable func addFile(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let path = SiteURL.dossier(.value(req.parameters.get("code") ?? "")).path
        guard let upload = try? req.content.decode(Upload.self), let file = upload.file, file.data.readableBytes > 0 else {
            return req.redirect(to: path, flash: "Hãy chọn tệp (PDF, JPG hoặc PNG).", isError: true)
        }
        let id = try await dossierID(req)
        return try await req.redirectAfter(path, success: "Đã lưu tệp \(file.filename).") {
            _ = try await DossierFiles.add(Data(file.data.readableBytesView), fileName: file.filename, documentName: upload.document ?? "",
                                           to: id, by: principal, in: req.context)
        }
    }

    @Sendable func file(req: Request) async throws -> Response {
        try await DossierFiles.download(req.parameters.get("fileID", as: UUID.self), of: try await dossierID(req), by: try req.requirePrincipal(), request: req)
    }

    // MARK: Forms (mẫu)

    struct SlipContext: Encodable {
        let layout: Layout
        let slip: DossierSlip
    }

    @Sendable func slip(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let (dossier, events, _) = try await DossierWorkspace.detail(try await dossierID(req), for: principal, on: req.db)
        guard let form = DossierSlip.Form(rawValue: req.parameters.get("form") ?? ""), DossierView.slips(for: dossier).contains(form) else {
            throw AppError.notFound("Hồ sơ này không có mẫu phiếu được yêu cầu.")
        }
        guard let unit = try await OrgUnit.find(dossier.$unit.id, on: req.db), let handling = try await OrgUnit.find(dossier.$handlingUnit.id, on: req.db),
              let province = try await Province.find(dossier.$province.id, on: req.db) else { throw AppError.notFound() }
        let checklist = try await DossierDocument.checklist(of: dossier.id!, on: req.db)
        let slip = DossierSlip(form, dossier: dossier, events: events, checklist: checklist, unit: unit, handlingUnit: handling, province: province,
                               trackingURL: DossierTracking.url(req)(dossier.code))
        return try await req.view.render("Dossiers/mau-\(form.number)", SlipContext(layout: Layout(request: req, title: "Mẫu \(form.number) · \(dossier.code)"), slip: slip))
    }

    // MARK: Tracking book (Mẫu 07)

    struct BookContext: Encodable {
        struct Row: Encodable {
            let order: Int
            let code: String
            let procedure: String
            let applicant: String
            let contact: String
            let handlingUnit: String
            let received: String
            let appointment: String
            let processed: String
            let returned: String
            let note: String
        }
        let layout: Layout
        let unitName: String
        let month: String
        let monthLabel: String
        let rows: [Row]
    }

    @Sendable func trackingBook(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        guard principal.isOfficer, let unitID = principal.actor.unitID, principal.reach(.readDossiers) != .nowhere,
              let unit = try await OrgUnit.find(unitID, on: req.db) else { throw AppError.forbidden() }
        let today = VietnameseFormat.civilDate(of: req.now)
        let raw = req.query[String.self, at: "thang"] ?? String(format: "%04d-%02d", today.year, today.month)
        guard let first = CivilDateParser.parse(raw + "-01") else { throw AppError.badRequest("Tháng phải có dạng năm-tháng, ví dụ 2026-11.") }
        let next = first.month == 12 ? CivilDate(year: first.year + 1, month: 1, day: 1) : CivilDate(year: first.year, month: first.month + 1, day: 1)
        let time = try await CalendarService.workingTime(around: [req.now], unit: nil, on: req.db)
        let from = time.closing(of: first).addingTimeInterval(-17 * 3600), to = time.closing(of: next).addingTimeInterval(-17 * 3600)
        let dossiers = try await Dossier.query(on: req.db).filter(\.$unit.$id == unitID).filter(\.$receivedAt >= from).filter(\.$receivedAt < to)
            .sort(\.$receivedAt).limit(5_000).all()
        let units = try await OrgUnit.query(on: req.db).filter(\.$id ~~ Set(dossiers.map(\.$handlingUnit.id))).all()
        let names = Dictionary(uniqueKeysWithValues: units.map { ($0.id!, $0.name) })
        var order = 0
        let rows = dossiers.map { d in
            order += 1
            return BookContext.Row(order: order, code: d.code, procedure: d.procedureName, applicant: d.applicantName,
                                   contact: "\(d.applicantAddress); \(d.applicantPhone)", handlingUnit: names[d.$handlingUnit.id] ?? "",
                                   received: d.receivedAt.map(VietnameseFormat.dateTime) ?? "", appointment: d.appointmentAt.map(VietnameseFormat.dateTime) ?? "",
                                   processed: d.processedAt.map(VietnameseFormat.dateTime) ?? "", returned: d.returnedAt.map(VietnameseFormat.dateTime) ?? "",
                                   note: [d.status.label, d.timeliness?.label].compactMap { $0 }.joined(separator: ", "))
        }
        return try await req.view.render("Dossiers/mau-07", BookContext(
            layout: Layout(request: req, title: "Sổ theo dõi hồ sơ"), unitName: unit.name, month: raw,
            monthLabel: "tháng \(first.month) năm \(first.year)", rows: rows))
    }
}
