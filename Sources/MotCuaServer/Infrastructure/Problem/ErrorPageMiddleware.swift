import Fluent
import Vapor

/// The one error middleware: problem+json for API clients, an HTML page for browsers. 5xx are
/// logged with the error; the person only sees a Vietnamese sentence.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let described = ProblemMessages.describe(error)
            if described.status.code >= 500 {
                request.logger.error("Unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            } else {
                request.logger.debug("Request failed", metadata: ["status": "\(described.status.code)", "error": "\(error)"])
            }
            let response = Self.wantsJSON(request)
                ? try problemResponse(described, for: request)
                : await pageResponse(described, for: request)
            for (name, value) in described.headers where name.lowercased() != "content-type" {
                response.headers.replaceOrAdd(name: name, value: value)
            }
            return response
        }
    }

    static func wantsJSON(_ request: Request) -> Bool {
        let path = request.url.path
        if path.hasPrefix("/api/") || path.hasPrefix("/open311/") || path == "/metrics" { return true }
        let accept = request.headers.first(name: .accept) ?? ""
        return accept.contains("json") && !accept.contains("text/html")
    }

    private func problemResponse(_ described: ProblemMessages.Described, for request: Request) throws -> Response {
        let body = ProblemDetails(
            title: described.status.reasonPhrase,
            status: Int(described.status.code),
            detail: described.detail,
            instance: request.url.path,
            errors: described.problems.isEmpty ? nil : described.problems
        )
        let response = Response(status: described.status)
        try response.content.encode(body, as: .json)
        response.headers.contentType = ProblemDetails.mediaType
        return response
    }

    private func pageResponse(_ described: ProblemMessages.Described, for request: Request) async -> Response {
        let context = ErrorPage(
            layout: .init(request: request, title: "Lỗi \(described.status.code)"),
            status: Int(described.status.code),
            detail: described.detail,
            signInHint: described.status == .unauthorized
        )
        do {
            let view = try await request.view.render("Shared/error", context)
            let response = try await view.encodeResponse(status: described.status, for: request)
            return response
        } catch {
            let response = Response(status: described.status, body: .init(string: described.detail))
            response.headers.contentType = .plainText
            return response
        }
    }
}

struct ErrorPage: Encodable {
    let layout: Layout
    let status: Int
    let detail: String
    let signInHint: Bool
}
