import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// A browser against the in-memory test server: keeps the session cookie and the last CSRF token
/// it saw in a page, and sends forms like a person would.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookie: String?
    private(set) var csrf: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts a urlencoded form; adds the CSRF token unless `csrf` is false or the form has one.
    @discardableResult
    func post(_ path: String, form: [(String, String)], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var fields = form
        if csrf, !fields.contains(where: { $0.0 == "_csrf" }) {
            if self.csrf == nil { try await get("/dang-nhap") }
            fields.append(("_csrf", self.csrf ?? ""))
        }
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    /// A file part of a multipart form.
    struct FilePart {
        let field: String
        let fileName: String
        let mediaType: String
        let content: String
    }

    /// Posts a multipart form as a page would: the CSRF token in the address (`?_csrf=`).
    @discardableResult
    func multipart(_ path: String, fields: [(String, String)], files: [FilePart] = []) async throws -> TestingHTTPResponse {
        if csrf == nil { try await get("/dang-nhap") }
        let boundary = "----motcua\(UUID().uuidString)"
        var body = ""
        for (name, value) in fields {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        for file in files {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.fileName)\"\r\n"
                + "Content-Type: \(file.mediaType)\r\n\r\n\(file.content)\r\n"
        }
        body += "--\(boundary)--\r\n"
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let separator = path.contains("?") ? "&" : "?"
        return try await send(.POST, "\(path)\(separator)_csrf=\(csrf ?? "")", headers: headers, body: ByteBuffer(string: body))
    }

    /// Sends JSON with the session cookie (and the CSRF header when asked).
    @discardableResult
    func json(_ method: HTTPMethod, _ path: String, _ body: String?, csrfHeader: Bool = true, headers extra: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = extra
        headers.contentType = .json
        if csrfHeader, let csrf { headers.add(name: "X-CSRF-Token", value: csrf) }
        return try await send(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    /// Signs in through the form and checks it worked.
    func signIn(_ login: String, password: String = World.password, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await get("/dang-nhap")
        let response = try await post("/dang-nhap", form: [("identifier", login), ("password", password)])
        #expect(response.status == .seeOther, "sign-in of \(login) failed: \(response.body.string)", sourceLocation: sourceLocation)
        try await get("/tai-khoan")
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> TestingHTTPResponse {
        var headers = headers
        if let cookie { headers.replaceOrAdd(name: .cookie, value: "motcua-session=\(cookie)") }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: body)
        for setCookie in response.headers[.setCookie] where setCookie.hasPrefix("motcua-session=") {
            let value = setCookie.dropFirst("motcua-session=".count).prefix { $0 != ";" }
            cookie = value.isEmpty ? nil : String(value)
        }
        if let token = Self.csrfToken(in: response.body.string) { csrf = token }
        return response
    }

    /// The token of a page's form: its `_csrf` field, or the `?_csrf=` of a multipart form's address.
    static func csrfToken(in html: String) -> String? {
        for marker in ["name=\"_csrf\" value=\"", "?_csrf="] {
            guard let range = html.range(of: marker) else { continue }
            return String(html[range.upperBound...].prefix { $0.isHexDigit })
        }
        return nil
    }

    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~"))) ?? value
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(body.string.utf8))
    }
}
