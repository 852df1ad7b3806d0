import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The unit's feedback desk: the inbox by box with late items flagged, an item with the forms of
/// the actions the officer may take, and the sender's files.
struct FeedbackWorkspacePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.feedbackInbox.pathComponents, use: inbox)
        routes.get(SiteURL.feedbackItem(.key).pathComponents, use: item)
        routes.post(SiteURL.feedbackItemAction(.key, .key).pathComponents, use: act)
        routes.get(SiteURL.feedbackItemFile(.key, .key).pathComponents, use: file)
    }

    struct Tab: Encodable {
        let box: String
        let label: String
        let count: Int?
        let current: Bool
    }

    struct Row: Encodable {
        let row: FeedbackRowDTO
        let submittedAt: String
        let answerDueAt: String
        let lateText: String?
    }

    struct InboxContext: Encodable {
        let layout: Layout
        let tabs: [Tab]
        let rows: [Row]
        let box: String
        let units: [Option]
        let unitCode: String
        let showsUnit: Bool
    }

    static func lateText(_ stages: [FeedbackClock.Stage]) -> String? {
        stages.isEmpty ? nil : "Quá hạn: " + stages.map { $0.label.lowercased() }.joined(separator: ", ")
    }

    @Sendable func inbox(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let box = FeedbackReading.Box(rawValue: req.query[String.self, at: "hop"] ?? "") ?? .new
        let unitCode = req.query[String.self, at: "don-vi"] ?? ""
        let units = try await ReadableUnits.units(for: principal, .readFeedback, unitCode: unitCode, on: req.db).units
        let counts = try await FeedbackReading.counts(units: units, now: req.now, on: req.db)
        let rows = try await FeedbackReading.inbox(box, units: units, now: req.now, on: req.db)
        let provinceWide = principal.reach(.readFeedback) != .unit(principal.actor.unitID ?? UUID())
        let allUnits = provinceWide ? try await ReadableUnits.units(for: principal, .readFeedback, unitCode: nil, on: req.db).units : []
        return try await req.view.render("Voice/inbox", InboxContext(
            layout: Layout(request: req, title: "Xử lý phản ánh, kiến nghị"),
            tabs: FeedbackReading.Box.allCases.map { Tab(box: $0.rawValue, label: $0.label, count: counts[$0], current: $0 == box) },
            rows: rows.map { Row(row: $0, submittedAt: VietnameseFormat.dateTime($0.submittedAt), answerDueAt: VietnameseFormat.dateTime($0.answerDueAt),
                                 lateText: Self.lateText($0.late)) },
            box: box.rawValue, units: allUnits.map { Option(value: $0.code, label: $0.name, selected: $0.code == unitCode) }, unitCode: unitCode,
            showsUnit: provinceWide))
    }

    struct Update: Encodable {
        let at: String
        let actionLabel: String
        let actorName: String
        let statusLabel: String
        let note: String
        let publicNote: String?
    }

    struct ItemContext: Encodable {
        let layout: Layout
        let item: FeedbackDetailDTO
        let submittedAt: String
        let receptionDueAt: String
        let answerDueAt: String
        let publishDueAt: String?
        let lateText: String?
        let kindLabel: String?
        let channelLabel: String
        let attributes: [Option]
        let updates: [Update]
        let actions: [String]
        let kinds: [Option]
        let departments: [Option]
        let units: [Option]
    }

    @Sendable func item(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        let item = try await FeedbackDesk.item(req.parameters.get("id", as: UUID.self), readableBy: principal, on: req.db)
        let detail = try await FeedbackReading.detail(item, for: principal, now: req.now, on: req.db)
        let departments = try await Department.query(on: req.db).filter(\.$unit.$id == item.$unit.id).sort(\.$name).all()
        let units = VietnameseText.sorted(try await OrgUnit.query(on: req.db).filter(\.$province.$id == item.$province.id).filter(\.$isActive == true)
            .filter(\.$id != item.$unit.id).all(), by: \.name)
        let category = try await FeedbackCategory.find(item.$category.id, on: req.db)
        let questions = Dictionary((category?.attributes ?? []).map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return try await req.view.render("Voice/item", ItemContext(
            layout: Layout(request: req, title: "Phản ánh \(detail.code)"), item: detail, submittedAt: VietnameseFormat.dateTime(detail.submittedAt),
            receptionDueAt: VietnameseFormat.dateTime(detail.receptionDueAt), answerDueAt: VietnameseFormat.dateTime(detail.answerDueAt),
            publishDueAt: detail.publishDueAt.map(VietnameseFormat.dateTime), lateText: Self.lateText(detail.late), kindLabel: detail.kind?.label,
            channelLabel: detail.channel.label,
            attributes: detail.attributes.sorted { $0.key < $1.key }.map { code, values in
                let question = questions[code]
                let names = values.map { value in question?.values.first { $0.key == value }?.name ?? value }
                return Option(value: names.joined(separator: ", "), label: question?.description ?? code, selected: false)
            },
            updates: detail.updates.map { .init(at: VietnameseFormat.dateTime($0.at), actionLabel: $0.actionLabel, actorName: $0.actorName,
                                                statusLabel: $0.status.label, note: $0.note, publicNote: $0.publicNote) },
            actions: detail.actions.map(\.rawValue),
            kinds: FeedbackKind.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == detail.kind) },
            departments: departments.map { Option(value: $0.id!.uuidString, label: $0.name, selected: $0.id == detail.departmentID) },
            units: units.map { Option(value: $0.code, label: $0.name, selected: false) }))
    }

    @Sendable func act(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let item = try await FeedbackDesk.item(req.parameters.get("id", as: UUID.self), readableBy: principal, on: req.db)
        guard let action = FeedbackAction(rawValue: req.parameters.get("action") ?? "") else { throw AppError.notFound("Không có thao tác này.") }
        let form = try FormInput(req)
        let input = FeedbackActionInput(
            note: form.text("note"), kind: form.text("kind"), urgent: form.flag("urgent"), departmentID: UUID(uuidString: form.text("departmentID")),
            unitCode: form.text("unitCode"), agency: form.text("agency"), answer: form.text("answer"), publicQuestion: form.text("publicQuestion"),
            publicAnswer: form.text("publicAnswer"), version: Int(form.text("version")))
        let path = SiteURL.feedbackItem(.id(item.id!)).path
        var moved = false
        let response = try await req.redirectAfter(path, success: "Đã \(action.label.lowercased()).") {
            let changed = try await FeedbackDesk.act(action, on: item, input, principal: principal, in: req.context)
            moved = changed.$unit.id != principal.actor.unitID
        }
        // An item sent to another unit leaves this desk: back to the inbox.
        return moved ? req.redirect(to: SiteURL.feedbackInbox.path, flash: "Đã \(action.label.lowercased()).") : response
    }

    @Sendable func file(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        let item = try await FeedbackDesk.item(req.parameters.get("id", as: UUID.self), readableBy: principal, on: req.db)
        guard let fileID = req.parameters.get("fileID", as: UUID.self),
              let file = try await FeedbackAttachment.query(on: req.db).filter(\.$id == fileID).filter(\.$feedback.$id == item.id!).first(),
              let data = try await req.application.files.get(file.sha256)
        else { throw AppError.notFound("Không tìm thấy tệp.") }
        return UploadedFile.response(data, mediaType: file.mediaType, fileName: file.fileName)
    }
}
