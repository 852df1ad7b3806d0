import Fluent
import MotCuaCore
import Vapor

/// Sign-in, sign-out, citizen registration, the account page and password change.
struct IdentityPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.signIn.pathComponents, use: signInForm)
        routes.post(SiteURL.signIn.pathComponents, use: signIn)
        routes.post(SiteURL.signOut.pathComponents, use: signOut)
        routes.get(SiteURL.register.pathComponents, use: registerForm)
        routes.post(SiteURL.register.pathComponents, use: register)
        let account = routes.grouped(SignInRequiredMiddleware())
        account.get(SiteURL.account.pathComponents, use: accountPage)
        account.get(SiteURL.passwordChange.pathComponents, use: passwordForm)
        account.post(SiteURL.passwordChange.pathComponents, use: changePassword)
        account.post(SiteURL.contactCodeSend.pathComponents, use: sendContactCode)
        account.post(SiteURL.contactCodeConfirm.pathComponents, use: confirmContactCode)
    }

    // MARK: sign-in

    struct SignInContext: Encodable {
        let layout: Layout
        let identifier: String
        let next: String
        let error: String?
        let demoPassword: String?
    }

    private func renderSignIn(_ req: Request, identifier: String = "", error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let demo = try await DemoSeed.isPresent(on: req) ? DemoSeed.password : nil
        let context = SignInContext(layout: Layout(request: req, title: "Đăng nhập", forms: true), identifier: identifier,
                                    next: SafeRedirect.path(req.query[String.self, at: "tiep"]), error: error, demoPassword: demo)
        return try await req.view.render("Identity/sign-in", context).encodeResponse(status: status, for: req)
    }

    @Sendable func signInForm(req: Request) async throws -> Response {
        if let principal = req.auth.get(Principal.self) { return req.redirect(to: principal.home) }
        return try await renderSignIn(req)
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        let form = try FormInput(req)
        let identifier = form.text("identifier")
        switch try await SignIn.attempt(identifier: identifier, password: form.raw("password"), request: req) {
        case .success(let user):
            req.startSession(for: user)
            let next = SafeRedirect.path(form.text("next"))
            let principal = try await PrincipalLoader.load(userID: user.id!, credentialsVersion: user.credentialsVersion, method: .session, on: req.db)
            return req.redirect(to: next == "/" ? principal?.home ?? SiteURL.account.path : next, flash: "Xin chào \(user.fullName)!")
        case .failure(let message):
            return try await renderSignIn(req, identifier: identifier, error: message, status: .unauthorized)
        }
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        if let principal = req.auth.get(Principal.self) {
            let audit = req.audit
            let scope: (UUID?, UUID?) = (principal.actor.provinceID, principal.actor.unitID)
            try await req.db.transaction { db in
                try await audit.record(.signOut, on: db, entityType: "user", entityID: principal.userID, scope: scope,
                                       summary: "\(principal.fullName) đăng xuất")
            }
        }
        req.auth.logout(Principal.self)
        req.session.destroy()
        return req.redirect(to: SiteURL.signIn.path)
    }

    // MARK: registration

    struct RegisterContext: Encodable {
        let layout: Layout
        let values: [String: String]
        let errors: [String: String]
    }

    @Sendable func registerForm(req: Request) async throws -> View {
        try await req.view.render("Identity/register", RegisterContext(layout: Layout(request: req, title: "Đăng ký tài khoản công dân", forms: true), values: [:], errors: [:]))
    }

    @Sendable func register(req: Request) async throws -> Response {
        let form = try FormInput(req)
        let input = CitizenRegistration.Input(fullName: form.text("fullName"), phone: form.text("phone"), email: form.text("email"),
                                              citizenIDNumber: form.text("citizenIDNumber"), password: form.raw("password"),
                                              passwordConfirmation: form.raw("passwordConfirmation"))
        do {
            let user = try await CitizenRegistration.register(input, request: req)
            req.startSession(for: user)
            return req.redirect(to: SiteURL.account.path, flash: "Đăng ký thành công. Chào mừng \(user.fullName)!")
        } catch let error as AppError where error.status == .unprocessableEntity {
            let values = ["fullName": input.fullName, "phone": form.text("phone"), "email": form.text("email"), "citizenIDNumber": input.citizenIDNumber]
            let context = RegisterContext(layout: Layout(request: req, title: "Đăng ký tài khoản công dân", forms: true),
                                          values: values, errors: FormErrors.byField(error.problems))
            return try await req.view.render("Identity/register", context).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }

    // MARK: account

    struct AccountContext: Encodable {
        let layout: Layout
        let fullName: String
        let kindLabel: String
        let isOfficer: Bool
        let unitName: String?
        let departmentName: String?
        let jobTitle: String?
        let roles: [String]
        let fields: [String]
        let username: String?
        let email: String?
        let phone: String?
        let phoneVerified: Bool
        let emailVerified: Bool
        let maskedCitizenID: String?
    }

    @Sendable func accountPage(req: Request) async throws -> View {
        let principal = try req.requirePrincipal()
        guard let user = try await User.query(on: req.db).filter(\.$id == principal.userID)
            .with(\.$fields) { $0.with(\.$field) }.with(\.$department).first()
        else { throw AppError.unauthorized }
        let context = AccountContext(
            layout: Layout(request: req, title: "Tài khoản của tôi"),
            fullName: user.fullName,
            kindLabel: user.kind == .officer ? "Cán bộ, công chức" : "Công dân",
            isOfficer: user.kind == .officer,
            unitName: principal.unitName,
            departmentName: user.department?.name,
            jobTitle: user.jobTitle,
            roles: principal.roles.sorted().map(\.label),
            fields: user.fields.map(\.field.name).sorted(),
            username: user.username,
            email: user.email,
            phone: user.phone,
            phoneVerified: user.phoneVerifiedAt != nil,
            emailVerified: user.emailVerifiedAt != nil,
            maskedCitizenID: user.citizenIDNumber.map { String(repeating: "•", count: 8) + $0.suffix(4) }
        )
        return try await req.view.render("Identity/account", context)
    }

    // MARK: contact verification

    @Sendable func sendContactCode(req: Request) async throws -> Response {
        let form = try FormInput(req)
        guard let channel = OutboxMessage.Channel(rawValue: form.text("kenh")) else { throw AppError.badRequest("Kênh xác minh không hợp lệ.") }
        do {
            try await ContactVerification.send(channel, by: try req.requirePrincipal(), in: req.context)
            return req.redirect(to: SiteURL.account.path + "#xac-minh", flash: "Đã gửi mã xác minh gồm 6 chữ số tới \(channel == .sms ? "số điện thoại" : "thư điện tử") của ông/bà. Nhập mã dưới đây trong 15 phút.")
        } catch let error as AppError where error.status == .tooManyRequests || error.status == .unprocessableEntity {
            return req.redirect(to: SiteURL.account.path + "#xac-minh", flash: error.detail, isError: true)
        }
    }

    @Sendable func confirmContactCode(req: Request) async throws -> Response {
        let form = try FormInput(req)
        guard let channel = OutboxMessage.Channel(rawValue: form.text("kenh")) else { throw AppError.badRequest("Kênh xác minh không hợp lệ.") }
        do {
            try await ContactVerification.confirm(channel, code: form.text("ma"), by: try req.requirePrincipal(), in: req.context)
            return req.redirect(to: SiteURL.account.path + "#xac-minh", flash: "Đã xác minh \(channel == .sms ? "số điện thoại" : "thư điện tử"). Từ nay ông/bà nhận thông báo về hồ sơ qua đây.")
        } catch let error as AppError where error.status == .unprocessableEntity {
            return req.redirect(to: SiteURL.account.path + "#xac-minh", flash: error.detail, isError: true)
        }
    }

    // MARK: password

    struct PasswordContext: Encodable {
        let layout: Layout
        let errors: [String: String]
    }

    @Sendable func passwordForm(req: Request) async throws -> View {
        try await req.view.render("Identity/password", PasswordContext(layout: Layout(request: req, title: "Đổi mật khẩu"), errors: [:]))
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        let form = try FormInput(req)
        do {
            try await PasswordChange.change(current: form.raw("current"), new: form.raw("new"), confirmation: form.raw("confirmation"), request: req)
            return req.redirect(to: SiteURL.account.path, flash: "Đã đổi mật khẩu. Các phiên đăng nhập khác của ông/bà đã được đăng xuất.")
        } catch let error as AppError where error.status == .unprocessableEntity {
            let context = PasswordContext(layout: Layout(request: req, title: "Đổi mật khẩu"), errors: FormErrors.byField(error.problems))
            return try await req.view.render("Identity/password", context).encodeResponse(status: .unprocessableEntity, for: req)
        }
    }
}

/// Field problems keyed by field, several messages joined, for templates.
/// Pages for signed-in people: browsers go to the sign-in page and come back after.
struct SignInRequiredMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.auth.has(Principal.self) else {
            if request.method == .GET {
                let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
                let escaped = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_.~"))) ?? "/"
                return request.redirect(to: SiteURL.signIn.path + "?tiep=\(escaped)")
            }
            throw AppError.unauthorized
        }
        return try await next.respond(to: request)
    }
}
