import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// No dead link. Routes and the code's links come from `SiteURL`; the templates write their links
/// out, so every path a template links to or posts to, and any path still written in the code (the
/// OpenAPI paths, prefixes), must be a registered route or a static file: renaming a page fails
/// here rather than on a citizen's phone.
@Suite("Site links: every path in the templates and redirects is a route or a file")
struct SiteLinksTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()  // Tests/MotCuaServerTests/System
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/MotCuaServer")

    /// A path as written, its dynamic parts marked: Leaf's `#(…)` and Swift's `\(…)` as a whole
    /// segment stand for a parameter; anything dynamic after literal text, and the query, end it.
    static func pattern(_ written: String) -> [String]? {
        var path = written.replacingOccurrences(of: "&amp;", with: "&")
        if let query = path.firstIndex(where: { $0 == "?" }) { path = String(path[..<query]) }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let segment = String(raw)
            if segment.wholeMatch(of: /#\([^#]*\)|\\\(.*\)|\{[A-Za-z]+\}/) != nil {
                segments.append(":")
            } else if let cut = segment.range(of: "#") ?? segment.range(of: "\\(") {
                // "/ho-so/tiep-nhan#if(…)" or "qr.svg#(query)": the literal part is the path.
                segments.append(String(segment[..<cut.lowerBound]))
                break
            } else {
                segments.append(segment)
            }
        }
        if segments.last == "" { segments.removeLast() }
        return segments
    }

    /// `(method, path)` of every link and form in the templates (GET for a link, any for a form),
    /// and of every site path in the code (any method; prefixes ending in "/" are left out).
    static func writtenPaths() throws -> [(file: String, method: HTTPMethod?, path: String)] {
        var found: [(String, HTTPMethod?, String)] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }
        for file in files where file.pathExtension == "leaf" || file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            let name = file.lastPathComponent
            let expressions: [(String, HTTPMethod?)] = file.pathExtension == "leaf"
                ? [(#"(?:href|src)="(/[^/"][^"]*|/)""#, .GET), (#"(?:action|formaction)="(/[^"]*)""#, nil)]
                : [(#""(/[a-z][a-z0-9-]*(?:/[^"\s]*[^/"])?)""#, nil)]
            for (expression, method) in expressions {
                let regex = try NSRegularExpression(pattern: expression)
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    found.append((name, method, String(text[Range(match.range(at: 1), in: text)!])))
                }
            }
        }
        return found
    }

    /// Strings in the code that start like a path and are not the site's.
    static let notSitePaths = ["/usr/"]

    static func matches(_ route: Route, _ segments: [String]) -> Bool {
        var index = 0
        for component in route.path {
            switch component {
            case .catchall: return true
            case .anything, .parameter:
                guard index < segments.count else { return false }
            case .constant(let value):
                guard index < segments.count, segments[index] == value else { return false }
            }
            index += 1
        }
        return index == segments.count
    }

    @Test("Every written path answers: a route for its method, or a file under Public/")
    func noDeadLinks() async throws {
        var routes: [Route] = []
        try await withApp(.sqlite) { app in routes = app.routes.all }
        let written = try Self.writtenPaths()
        #expect(written.count > 150, "the templates and the code were read (\(written.count) paths)")
        var dead: [String] = []
        for (file, method, path) in written {
            guard let segments = Self.pattern(path) else { continue }
            if ["css", "js"].contains(segments.first) {
                if !FileManager.default.fileExists(atPath: Self.sources.appendingPathComponent("Resources/Public/" + segments.joined(separator: "/")).path) {
                    dead.append("\(file): \(path)")
                }
                continue
            }
            if Self.notSitePaths.contains(where: path.hasPrefix) { continue }
            // A link is read with GET; a form posts or reads (a search), and code may do either.
            let candidates = routes.filter { method == nil || $0.method == method }
            if !candidates.contains(where: { Self.matches($0, segments) }) { dead.append("\(file): \(path)") }
        }
        #expect(dead.isEmpty, "\(dead.joined(separator: "\n"))")
    }

    @Test("The check itself: a renamed route, a wrong method or a missing file is reported")
    func checkFails() throws {
        let route = Route(method: .GET, path: ["ho-so", ":code", "mau", ":form"], responder: HTTPResponder404(), requestType: Request.self,
                          responseType: Response.self)
        #expect(Self.matches(route, Self.pattern("/ho-so/#(d.code)/mau/01")!))
        #expect(!Self.matches(route, Self.pattern("/ho-so/#(d.code)/mẫu/01")!))
        #expect(!Self.matches(route, Self.pattern("/ho-so/#(d.code)")!))
        #expect(Self.pattern("/ho-so/tiep-nhan#if(ticketID):?ve=#(ticketID)#endif") == ["ho-so", "tiep-nhan"])
        #expect(Self.pattern("/thu-tuc/#(code)/qr.svg#(qrQuery)") == ["thu-tuc", ":", "qr.svg"])
        #expect(Self.pattern("/xep-hang/\\(unit.code)") == ["xep-hang", ":"])
        #expect(Self.pattern("/quan-tri/nhat-ky?thao-tac=#(action)&amp;truoc=#(nextCursor)") == ["quan-tri", "nhat-ky"])
        #expect(Self.pattern("/") == [])
    }
}

/// Answers 404: a route's responder for the check's own test.
private struct HTTPResponder404: AsyncResponder {
    func respond(to request: Request) async throws -> Response { Response(status: .notFound) }
}
