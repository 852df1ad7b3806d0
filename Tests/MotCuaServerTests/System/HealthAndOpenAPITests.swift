import Foundation
import OpenAPIKit
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Health, OpenAPI, metrics and problem details")
struct HealthAndOpenAPITests {
    @Test("Health names the database kind and version", arguments: TestDatabase.all)
    func health(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // act
            let response = try await app.testing().sendRequest(.GET, "/api/v1/health")
            // check
            #expect(response.status == .ok)
            let body = try response.decode(HealthDTO.self)
            #expect(body.status == "ok")
            #expect(body.database == (database == .sqlite ? "sqlite" : "postgresql"))
            #expect(body.version == AppConfig.version)
        }
    }

    @Test("The OpenAPI document describes exactly the registered /api/v1 routes")
    func openAPIMatchesRoutes() async throws {
        try await withApp(.sqlite) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as! [String: Any]
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = document["paths"] as! [String: [String: Any]]
            var documented = Set<String>()
            for (path, operations) in paths {
                for (method, operation) in operations {
                    documented.insert("\(method.uppercased()) \(path)")
                    let responses = (operation as! [String: Any])["responses"] as! [String: Any]
                    #expect(!responses.isEmpty, "\(method) \(path) documents no response")
                }
            }
            let registered = Set(app.routes.all.compactMap { route -> String? in
                let parts = route.path.map { component -> String in
                    switch component {
                    case .constant(let value): value
                    case .parameter(let name): "{\(name)}"
                    case .anything: "*"
                    case .catchall: "**"
                    }
                }
                guard parts.starts(with: ["api", "v1"]) else { return nil }
                return "\(route.method.rawValue) /" + parts.joined(separator: "/")
            })
            #expect(documented == registered, "only documented: \(documented.subtracting(registered)); only routed: \(registered.subtracting(documented))")
            // Every $ref points to a defined schema.
            let schemas = ((document["components"] as! [String: Any])["schemas"] as! [String: Any]).keys
            let refs = response.text.matches(of: /"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/).map { String($0.output.1) }
            #expect(!refs.isEmpty)
            for ref in refs { #expect(schemas.contains(ref), "missing schema \(ref)") }
        }
    }

    @Test("OpenAPIKit reads the served document and validates it strictly: references in the components, unique operation ids, declared path parameters, an answer for every operation")
    func openAPIKitValidates() async throws {
        try await withApp(.sqlite) { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            let document = try JSONDecoder().decode(OpenAPI.Document.self, from: Data(response.text.utf8))
            let validator = OpenAPIKit.Validator().validatingAllReferencesFoundInComponents()
                .validating(.documentContainsPaths).validating(.pathsContainOperations).validating(.pathParametersAreDefined)
                .validating(.operationsContainResponses).validating(.schemaComponentsAreDefined)
            do {
                try document.validate(using: validator, strict: true)
            } catch let errors as ValidationErrorCollection {
                Issue.record("\(errors.values.map { "\($0.codingPathString): \($0.reason)" }.joined(separator: "\n"))")
            }
            #expect(document.paths.count == Set(APIRegistry.operations.map(\.path)).count)
            #expect(document.components.schemas.count > 50)
        }
    }

    @Test("Unknown API routes, bad ids and bad JSON answer with Vietnamese problem details", arguments: TestDatabase.all)
    func problems(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let world = try await World.build(on: app)
            let cases: [(HTTPMethod, String, String?, HTTPStatus)] = [
                (.GET, "/api/v1/khong-co", nil, .notFound),
                (.GET, "/api/v1/units/khong-phai-uuid", nil, .notFound),
                (.GET, "/api/v1/units/\(UUID())", nil, .notFound),
                (.GET, "/api/v1/units?kind=quan", nil, .badRequest),
                (.GET, "/api/v1/audit-events?limit=abc", nil, .unauthorized),
                (.POST, "/api/v1/units", "{not json", .unauthorized),
                (.GET, "/api/v1/units/\(world.unitA)/staff", nil, .unauthorized),
            ]
            for (method, path, body, status) in cases {
                var headers = HTTPHeaders()
                headers.contentType = .json
                let response = try await app.testing().sendRequest(method, path, headers: headers, body: body.map { ByteBuffer(string: $0) })
                #expect(response.status == status, "\(method) \(path)")
                #expect(response.headers.contentType?.subType == "problem+json", "\(method) \(path)")
                let problem = try response.decode(ProblemDetails.self)
                #expect(problem.status == Int(status.code))
                #expect(problem.detail.unicodeScalars.contains { $0.value > 127 }, "detail is not Vietnamese: \(problem.detail)")
            }
        }
    }

    @Test("An unknown page in a browser shows a Vietnamese error page")
    func htmlErrorPage() async throws {
        try await withApp(.sqlite) { app in
            let response = try await app.testing().sendRequest(.GET, "/khong-co-trang-nay", headers: ["Accept": "text/html"])
            #expect(response.status == .notFound)
            #expect(response.headers.contentType == .html)
            #expect(response.text.contains("Không tìm thấy trang"))
        }
    }

    @Test("Metrics expose request counts and database gauges", arguments: TestDatabase.all)
    func metrics(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await app.testing().sendRequest(.GET, "/api/v1/health")
            let response = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(response.status == .ok)
            #expect(response.text.contains("http_requests_total{"))
            #expect(response.text.contains("path=\"/api/v1/health\""))
            #expect(response.text.contains("motcua_db_up{database=\"\(database == .sqlite ? "sqlite" : "postgresql")\"} 1"))
            #expect(response.text.contains("motcua_db_pool_max_connections"))
        }
    }

    @Test("Every response carries the security headers, error pages and problems too")
    func securityHeaders() async throws {
        try await withApp(.sqlite) { app in
            for (path, status) in [("/", HTTPStatus.ok), ("/khong-co-trang-nay", .notFound), ("/api/v1/khong-co", .notFound),
                                   ("/" + String(repeating: "a", count: 300), .uriTooLong)] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == status, "\(path)")
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(path)")
                #expect(response.headers.first(name: "Content-Security-Policy")?.contains("default-src 'self'") == true, "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
            }
        }
    }
}
