import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// Requests an attacker sends to a public server: each is answered with a 4xx in Vietnamese (problem
/// details from the API), nothing is written, and the server goes on answering.
@Suite("Hostile requests")
struct HostileRequestTests {
    struct Hostile: CustomStringConvertible, Sendable {
        let name: String
        let method: HTTPMethod
        let path: String
        let contentType: String?
        let body: String
        let status: HTTPStatus
        /// A word the problem's detail holds (the API's answers).
        var says = ""

        var description: String { name }
    }

    static let multipartPaths = ["/phan-anh", "/dang-nhap", "/nop-ho-so", "/api/v1/dossiers", "/api/v1/feedback", "/open311/v2/requests.json"]

    /// Multipart bodies whose boundary Vapor's parser cannot take (an empty one stopped the process).
    static let badBoundaries: [Hostile] = multipartPaths.flatMap { path in
        [("empty boundary", "multipart/form-data; boundary="), ("quoted empty boundary", "multipart/form-data; boundary=\"\""),
         ("no boundary", "multipart/form-data"), ("boundary of 71 characters", "multipart/form-data; boundary=" + String(repeating: "b", count: 71)),
         ("boundary with a semicolon inside quotes", "multipart/form-data; boundary=\"a;b\""),
         ("other multipart, empty boundary", "multipart/mixed; boundary=")].map { name, type in
            Hostile(name: "\(name) to \(path)", method: .POST, path: path, contentType: type, body: "--\r\n\r\n--\r\n", status: .badRequest)
        }
    }

    static let longPaths: [Hostile] = [
        Hostile(name: "segment of 256 bytes", method: .GET, path: "/" + String(repeating: "a", count: 256), contentType: nil, body: "", status: .uriTooLong),
        Hostile(name: "dossier code of 300 bytes", method: .GET, path: "/api/v1/dossiers/" + String(repeating: "9", count: 300), contentType: nil, body: "",
                status: .uriTooLong),
        Hostile(name: "tracking code of 1,000 bytes", method: .GET, path: "/tra-cuu/" + String(repeating: "%C4%90", count: 170), contentType: nil, body: "",
                status: .uriTooLong),
        Hostile(name: "path of 2,100 bytes in short segments", method: .GET, path: String(repeating: "/abc", count: 525), contentType: nil, body: "",
                status: .uriTooLong),
        Hostile(name: "long segment in a form post", method: .POST, path: "/ho-so/" + String(repeating: "x", count: 400) + "/tep", contentType: nil, body: "",
                status: .uriTooLong),
    ]

    /// The NUL character, which PostgreSQL cannot store in text (it answered 500) and SQLite would keep.
    static let nulCharacters: [Hostile] = [
        Hostile(name: "NUL in a query", method: .GET, path: "/api/v1/procedures?province=%00", contentType: nil, body: "", status: .badRequest, says: "%00"),
        Hostile(name: "NUL in a path", method: .GET, path: "/api/v1/procedures/1.0%0001/versions", contentType: nil, body: "", status: .badRequest, says: "%00"),
        Hostile(name: "NUL in a JSON string", method: .POST, path: "/api/v1/feedback", contentType: "application/json",
                body: #"{"categoryCode":"GT","description":"Cống vỡ\u0000","senderName":"A","provinceCode":"01"}"#, status: .badRequest, says: "hợp lệ"),
        Hostile(name: "NUL in a form field", method: .POST, path: "/phan-anh", contentType: "application/x-www-form-urlencoded",
                body: "description=C%E1%BB%91ng%00&senderName=A", status: .badRequest),
        Hostile(name: "NUL byte in a form field", method: .POST, path: "/dang-nhap", contentType: "application/x-www-form-urlencoded",
                body: "identifier=a\u{0}b&password=x", status: .badRequest),
    ]

    @Test("Malformed multipart bodies, overlong paths and the NUL character are refused before anything reads them",
          arguments: TestDatabase.all, badBoundaries + longPaths + nulCharacters)
    func refused(database: TestDatabase, hostile: Hostile) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let visitor = Browser(app)
            try await visitor.get("/phan-anh")  // a session and its token, as a browser has
            var headers = HTTPHeaders()
            if let type = hostile.contentType { headers.replaceOrAdd(name: .contentType, value: type) }
            if let token = visitor.csrf { headers.replaceOrAdd(name: "X-CSRF-Token", value: token) }
            // act
            let response = try await visitor.send(hostile.method, hostile.path, headers: headers, body: ByteBuffer(string: hostile.body))
            // check
            #expect(response.status == hostile.status, "\(response.body.string)")
            if hostile.path.hasPrefix("/api/") || hostile.path.hasPrefix("/open311/") {
                #expect(response.headers.contentType == ProblemDetails.mediaType)
                let problem = try JSONDecoder().decode(ProblemDetails.self, from: Data(response.body.readableBytesView))
                #expect(problem.detail.contains(hostile.says.isEmpty ? (hostile.status == .uriTooLong ? "quá dài" : "multipart") : hostile.says),
                        "\(problem.detail)")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
            #expect(try await Dossier.query(on: app.db).count() == 0)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/health").status == .ok)
        }
    }

    @Test("A file upload is refused before its body is read when nobody is signed in", arguments: TestDatabase.all)
    func uploadNeedsSignInFirst(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let response = try await app.testing().sendRequest(.POST, "/api/v1/dossiers/A001-261130-0001/files?name=don.pdf",
                                                               headers: ["Content-Type": "application/pdf"], body: ByteBuffer(string: "%PDF-1.4\n%%EOF"))
            #expect(response.status == .unauthorized)
            #expect(response.headers.contentType == ProblemDetails.mediaType)
        }
    }

    @Test("A body of a well-formed multipart that ends early is a 4xx, not a 500", arguments: TestDatabase.all)
    func truncatedMultipart(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await World.build(on: app)
            let visitor = Browser(app)
            try await visitor.get("/phan-anh")
            for body in ["--b\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nCống", "--b\r\nContent-Dispo", "", "--b--", "\u{0}\u{1}\u{2}"] {
                let response = try await visitor.send(.POST, "/phan-anh?_csrf=\(visitor.csrf ?? "")",
                                                      headers: ["Content-Type": "multipart/form-data; boundary=b"], body: ByteBuffer(string: body))
                #expect((400..<500).contains(response.status.code), "\(body.debugDescription): \(response.status)")
            }
            #expect(try await FeedbackItem.query(on: app.db).count() == 0)
        }
    }
}
