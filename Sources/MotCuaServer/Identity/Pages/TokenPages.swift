import Fluent
import MotCuaCore
import Vapor

/// API tokens: administrators issue them to the officers they manage (`/quan-tri/khoa-api`),
/// every officer to themselves (`/tai-khoan/khoa-api`); each token acts with the roles ticked as
/// its scopes, none the issuer lacks.
struct TokenPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let signedIn = routes.grouped(SignInRequiredMiddleware())
        for place in Place.allCases {
            signedIn.get(place.page.pathComponents, use: { try await page(req: $0, place) })
            signedIn.post(place.page.pathComponents, use: { try await issue(req: $0, place) })
            signedIn.post(place.revoke(.key).pathComponents, use: { try await revoke(req: $0, place) })
        }
    }

    /// Where the page is: the administration (staff in reach) or the officer's own account.
    enum Place: CaseIterable {
        case administration, own

        var page: SiteURL { self == .administration ? .adminTokens : .accountTokens }
        var path: String { page.path }

        func revoke(_ token: SiteURL.Parameter) -> SiteURL {
            self == .administration ? .adminTokenRevoke(token) : .accountTokenRevoke(token)
        }
    }

    struct Context: Encodable {
        let layout: Layout
        let base: String
        let inAdministration: Bool
        let rows: [TokenRow]
        let staff: [Option]
        let roles: [Option]
        let issued: String?
        let errors: [String: String]
        let values: [String: String]
    }

    private func render(_ req: Request, _ place: Place, issued: String? = nil, errors: [String: String] = [:], values: [String: String] = [:],
                        scopes: [String] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard principal.isOfficer else { throw AppError.forbidden("Chỉ cán bộ được cấp khóa API.") }
        let tokens: [APIToken]
        let staff: [User]
        switch place {
        case .administration:
            let reach = principal.reach(.manageTokens)
            guard reach != .nowhere else { throw AppError.forbidden() }
            tokens = try await APITokenIssuer.tokens(in: reach, on: req.db)
            staff = try await StaffDirectory.staff(in: reach, on: req.db).filter(\.isActive)
        case .own:
            tokens = try await APIToken.query(on: req.db).filter(\.$user.$id == principal.userID).with(\.$user).sort(\.$createdAt, .descending).all()
            staff = []
        }
        let context = Context(
            layout: Layout(request: req, title: place == .own ? "Khóa API của tôi" : "Khóa API"), base: place.path,
            inAdministration: place == .administration, rows: tokens.map { TokenRow($0, now: req.now) },
            staff: staff.map { Option(value: $0.id!.uuidString, label: "\($0.fullName) — \($0.unit?.name ?? "")", selected: $0.id!.uuidString == values["userID"]) },
            roles: principal.roles.sorted().map { Option(value: $0.rawValue, label: $0.label, selected: scopes.contains($0.rawValue)) },
            issued: issued, errors: errors, values: values)
        return try await req.view.render("Admin/tokens", context).encodeResponse(status: status, for: req)
    }

    @Sendable func page(req: Request, _ place: Place) async throws -> Response {
        try await render(req, place)
    }

    @Sendable func issue(req: Request, _ place: Place) async throws -> Response {
        let principal = try req.requirePrincipal()
        let form = try FormInput(req)
        let userID = place == .own ? principal.userID.uuidString : form.text("userID")
        let values = ["name": form.text("name"), "userID": userID, "validDays": form.text("validDays")]
        let scopes = form.all("scope")
        if place == .administration, principal.reach(.manageTokens) == .nowhere { throw AppError.forbidden() }
        do {
            let issued = try await APITokenIssuer.issue(name: values["name"]!, for: userID, validDays: values["validDays"]!, scopes: scopes,
                                                        by: principal, audit: req.audit, on: req.db)
            return try await render(req, place, issued: issued.plaintext, status: .created)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, place, errors: FormErrors.byField(error.problems), values: values, scopes: scopes, status: .unprocessableEntity)
        }
    }

    @Sendable func revoke(req: Request, _ place: Place) async throws -> Response {
        let principal = try req.requirePrincipal()
        if place == .administration, principal.reach(.manageTokens) == .nowhere { throw AppError.forbidden() }
        try await APITokenIssuer.revoke(req.parameters.get("tokenID"), by: principal, audit: req.audit, on: req.db)
        return req.redirect(to: place.path, flash: "Đã thu hồi khóa API.")
    }
}
