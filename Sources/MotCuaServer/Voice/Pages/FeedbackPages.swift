import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The public feedback pages: the form (for citizens, and for officers entering a call), following
/// an item with its secret link, answering a request for information, the public answers and the
/// reactions to them.
struct FeedbackPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.feedback.pathComponents, use: form)
        routes.on(.POST, SiteURL.feedback.pathComponents, body: .collect(maxSize: "60mb"), use: send)
        routes.get(SiteURL.answers.pathComponents, use: answers)
        routes.get(SiteURL.answer(.key).pathComponents, use: answer)
        routes.post(SiteURL.answerReaction(.key).pathComponents, use: react)
        routes.get(SiteURL.feedbackFollow(.key).pathComponents, use: follow)
        routes.post(SiteURL.feedbackInformation(.key).pathComponents, use: addInformation)
    }

    struct FormValues: Encodable {
        var categoryCode = ""
        var unitCode = ""
        var description = ""
        var address = ""
        var latitude = ""
        var longitude = ""
        var senderName = ""
        var senderPhone = ""
        var senderEmail = ""
        var channel = "hotline"
    }

    struct Question: Encodable {
        let code: String
        let field: String
        let label: String
        let required: Bool
        let isList: Bool
        let multiple: Bool
        let options: [Option]
        let value: String
        let error: String?
    }

    struct CategoryBlock: Encodable {
        let code: String
        let name: String
        let description: String
        let selected: Bool
        let questions: [Question]
    }

    struct FormContext: Encodable {
        let layout: Layout
        let categories: [CategoryBlock]
        let units: [Option]
        let values: FormValues
        let errors: [String: String]
        let onBehalf: Bool
        let maximumFiles: Int
        let maximumMegabytes: Int
    }

    @Sendable func form(req: Request) async throws -> Response {
        try await render(req, values: FormValues(unitCode: req.query[String.self, at: "don-vi"] ?? ""), attributes: [:], problems: [], status: .ok)
    }

    private func render(_ req: Request, values: FormValues, attributes: [String: [String]], problems: [FieldProblem],
                        status: HTTPResponseStatus) async throws -> Response {
        let province = try await FeedbackIntake.province(code: req.query[String.self, at: "tinh"], on: req.db)
        let categories = try await FeedbackConfiguration.categories(of: province, on: req.db)
        let units = VietnameseText.sorted(try await OrgUnit.query(on: req.db).filter(\.$province.$id == province.id!).filter(\.$isActive == true).all(), by: \.name)
        let principal = req.auth.get(Principal.self)
        let context = FormContext(
            layout: Layout(request: req, title: "Gửi phản ánh, kiến nghị", forms: true),
            categories: categories.map { category in
                CategoryBlock(code: category.code, name: category.name, description: category.description,
                              selected: category.code == values.categoryCode, questions: category.attributes.map { attribute in
                    let given = attributes[attribute.code] ?? []
                    return Question(code: attribute.code, field: "attribute[\(attribute.code)]", label: attribute.description, required: attribute.required,
                                    isList: !attribute.values.isEmpty, multiple: attribute.datatype == .multivaluelist,
                                    options: attribute.values.map { Option(value: $0.key, label: $0.name, selected: given.contains($0.key)) },
                                    value: given.first ?? "",
                                    error: category.code == values.categoryCode ? problems.first { $0.field == "attribute[\(attribute.code)]" }?.message : nil)
                })
            },
            units: units.map { Option(value: $0.kind == .provinceOffice ? "" : $0.code, label: $0.kind == .provinceOffice
                                        ? "Chưa rõ – \($0.name) tiếp nhận và chuyển" : $0.name, selected: $0.code == values.unitCode) }
                .sorted { $0.value.isEmpty && !$1.value.isEmpty },
            values: values, errors: Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { a, _ in a }),
            onBehalf: principal.map { $0.reach(.handleFeedback) != .nowhere } ?? false,
            maximumFiles: FeedbackIntake.maximumFiles, maximumMegabytes: req.application.motcua.maximumFileBytes / 1024 / 1024)
        return try await req.view.render("Voice/form", context).encodeResponse(status: status, for: req)
    }

    /// The form's fields, multipart (with photos) or urlencoded.
    struct Submission: Content {
        var categoryCode: String?
        var unitCode: String?
        var description: String?
        var address: String?
        var latitude: String?
        var longitude: String?
        var senderName: String?
        var senderPhone: String?
        var senderEmail: String?
        var channel: String?
        var attribute: [String: [String]]?
        var files: [File]?
    }

    @Sendable func send(req: Request) async throws -> Response {
        guard let submission = try? req.content.decode(Submission.self) else { throw AppError.badRequest("Biểu mẫu không đọc được.") }
        let values = FormValues(categoryCode: submission.categoryCode ?? "", unitCode: submission.unitCode ?? "", description: submission.description ?? "",
                                address: submission.address ?? "", latitude: submission.latitude ?? "", longitude: submission.longitude ?? "",
                                senderName: submission.senderName ?? "", senderPhone: submission.senderPhone ?? "",
                                senderEmail: submission.senderEmail ?? "", channel: submission.channel ?? "hotline")
        var problems: [FieldProblem] = []
        func coordinate(_ raw: String, _ field: String) -> Double? {
            let trimmed = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard !trimmed.isEmpty else { return nil }
            guard let value = Double(trimmed) else {
                problems.append(.init(field: field, message: "Tọa độ phải là số, ví dụ 20.8449."))
                return nil
            }
            return value
        }
        let latitude = coordinate(values.latitude, "latitude"), longitude = coordinate(values.longitude, "longitude")
        let attributes = submission.attribute ?? [:]
        let input = FeedbackInput(categoryCode: values.categoryCode, unitCode: values.unitCode, description: values.description, address: values.address,
                                  latitude: latitude, longitude: longitude, attributes: attributes, senderName: values.senderName,
                                  senderPhone: values.senderPhone, senderEmail: values.senderEmail, channel: values.channel)
        let files = (submission.files ?? []).map { FeedbackUpload(data: Data($0.data.readableBytesView), fileName: $0.filename) }
        let principal = req.auth.get(Principal.self)
        let sender: FeedbackIntake.Sender = if let principal, principal.reach(.handleFeedback) != .nowhere { .officer(principal) } else { .visitor }
        do {
            guard problems.isEmpty else { throw AppError.invalid(problems) }
            let receipt = try await FeedbackIntake.submit(input, files: files, from: sender, in: req.context)
            return req.redirect(to: SiteURL.feedbackFollow(.value(receipt.item.code)).path + "?k=\(receipt.secret)",
                                flash: "Đã gửi phản ánh, kiến nghị. Mã theo dõi: \(receipt.item.code). Hãy lưu lại đường dẫn của trang này.")
        } catch let error as AppError where error.status == .unprocessableEntity || error.status == .tooManyRequests {
            let shown = error.problems.isEmpty ? [FieldProblem(field: "form", message: error.detail)] : error.problems
            return try await render(req, values: values, attributes: attributes, problems: shown, status: error.status)
        }
    }

    // MARK: Following an item

    struct FollowContext: Encodable {
        struct Step: Encodable {
            let at: String
            let text: String
        }
        let layout: Layout
        let tracking: FeedbackTrackingDTO
        let submittedAt: String
        let answerDueAt: String
        let publishedAt: String?
        let steps: [Step]
        let secret: String
    }

    @Sendable func follow(req: Request) async throws -> View {
        let secret = req.query[String.self, at: "k"] ?? ""
        let (item, verified) = try await FeedbackDesk.item(code: req.parameters.get("code") ?? "", secret: secret, on: req.db)
        let tracking = try await FeedbackReading.tracking(item, verified: verified, on: req.db)
        return try await req.view.render("Voice/follow", FollowContext(
            layout: Layout(request: req, title: "Phản ánh \(item.code)", forms: tracking.mayAddInformation), tracking: tracking,
            submittedAt: VietnameseFormat.dateTime(tracking.submittedAt), answerDueAt: VietnameseFormat.dateTime(tracking.answerDueAt),
            publishedAt: tracking.publishedAt.map(VietnameseFormat.dateTime),
            steps: tracking.timeline.map { .init(at: VietnameseFormat.dateTime($0.at), text: $0.text) }, secret: verified ? secret : ""))
    }

    @Sendable func addInformation(req: Request) async throws -> Response {
        let form = try FormInput(req)
        let code = req.parameters.get("code") ?? ""
        let (item, verified) = try await FeedbackDesk.item(code: code, secret: form.text("k"), on: req.db)
        guard verified else { throw AppError.forbidden("Đường dẫn theo dõi không đúng.") }
        let path = SiteURL.feedbackFollow(.value(item.code)).path + "?k=\(form.text("k"))"
        return try await req.redirectAfter(path, success: "Đã gửi thông tin bổ sung.") {
            _ = try await FeedbackDesk.act(.infoReceived, on: item, FeedbackActionInput(note: form.text("note")), principal: nil,
                                           secretVerified: true, in: req.context)
        }
    }

    // MARK: Public answers

    struct AnswerRow: Encodable {
        let answer: PublicAnswerDTO
        let publishedAt: String
        let excerpt: String
    }

    struct AnswersContext: Encodable {
        let layout: Layout
        let query: String
        let categories: [Option]
        let rows: [AnswerRow]
        let page: Int
        let previousPage: String?
        let nextPage: String?
    }

    @Sendable func answers(req: Request) async throws -> View {
        let query = req.query[String.self, at: "q"] ?? ""
        let category = req.query[String.self, at: "linh-vuc"] ?? ""
        let page = try await FeedbackReading.answers(query: query, categoryCode: category, unitCode: req.query[String.self, at: "don-vi"],
                                                     page: req.query[Int.self, at: "trang"], on: req.db)
        let province = try await FeedbackIntake.province(code: nil, on: req.db)
        let categories = try await FeedbackConfiguration.categories(of: province, on: req.db)
        func link(_ number: Int) -> String {
            var items = URLComponents()
            items.queryItems = [("q", query), ("linh-vuc", category)].filter { !$0.1.isEmpty }.map { URLQueryItem(name: $0.0, value: $0.1) }
                + [URLQueryItem(name: "trang", value: String(number))]
            return SiteURL.answers.path + "?" + (items.percentEncodedQuery ?? "")
        }
        return try await req.view.render("Voice/answers", AnswersContext(
            layout: Layout(request: req, title: "Trả lời phản ánh, kiến nghị"), query: query,
            categories: categories.map { Option(value: $0.code, label: $0.name, selected: $0.code == category) },
            rows: page.items.map { AnswerRow(answer: $0, publishedAt: VietnameseFormat.date($0.publishedAt),
                                             excerpt: $0.answer.count > 220 ? String($0.answer.prefix(220)) + "…" : $0.answer) },
            page: page.page, previousPage: page.page > 1 ? link(page.page - 1) : nil, nextPage: page.hasNext ? link(page.page + 1) : nil))
    }

    struct AnswerContext: Encodable {
        let layout: Layout
        let answer: PublicAnswerDTO
        let submittedAt: String
        let publishedAt: String
    }

    @Sendable func answer(req: Request) async throws -> View {
        let item = try await FeedbackReading.publishedItem(code: req.parameters.get("code") ?? "", on: req.db)
        let answer = FeedbackReading.publicAnswer(item, unitName: try await OrgUnit.find(item.$unit.id, on: req.db)?.name ?? "")
        return try await req.view.render("Voice/answer", AnswerContext(
            layout: Layout(request: req, title: "Trả lời phản ánh \(item.code)", forms: true), answer: answer,
            submittedAt: VietnameseFormat.date(answer.submittedAt), publishedAt: VietnameseFormat.date(answer.publishedAt)))
    }

    @Sendable func react(req: Request) async throws -> Response {
        let item = try await FeedbackReading.publishedItem(code: req.parameters.get("code") ?? "", on: req.db)
        let form = try FormInput(req)
        let path = SiteURL.answer(.value(item.code)).path
        do {
            _ = try await FeedbackAPI.react(item, useful: form.text("useful") == "1", request: req)
            return req.redirect(to: path, flash: "Cảm ơn ông/bà đã đánh giá câu trả lời.")
        } catch let error as AppError where error.status == .tooManyRequests {
            return req.redirect(to: path, flash: error.detail, isError: true)
        }
    }
}
