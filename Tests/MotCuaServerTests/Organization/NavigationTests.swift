import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Menus: every page a person's menus lead to opens for that person")
struct NavigationTests {
    /// The site's own links (`href="/…"`) of a page, without fragments, once each.
    static func links(_ html: String) -> [String] {
        var seen: Set<String> = []
        return html.components(separatedBy: "href=\"/").dropFirst().compactMap { rest in
            let raw = "/" + rest.prefix { $0 != "\"" }
            let link = String(raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]).replacingOccurrences(of: "&amp;", with: "&")
            return seen.insert(link).inserted ? link : nil
        }
    }

    @Test("For every role: the header, the home page, the account page and the administration menu lead to pages that answer 200",
          arguments: TestDatabase.all)
    func menus(database: TestDatabase) async throws {
        try await withApp(database) { app in
            _ = try await DossierFixture.make(app)
            for login in ["a.admin", "a.reception", "a.specialist", "a.leader", "b.admin", "b.reception", "p.admin", "p.monitor", "c.admin",
                          "0912345678"] {
                let browser = Browser(app)
                try await browser.signIn(login)
                var pages = ["/", "/tai-khoan"]
                let home = try await browser.get("/")
                if home.text.contains("href=\"/quan-tri\"") { pages.append("/quan-tri") }
                var links: Set<String> = []
                for page in pages {
                    let response = try await browser.get(page)
                    #expect(response.status == .ok, "\(login): \(page)")
                    links.formUnion(Self.links(response.text).filter { !$0.hasPrefix("/css/") && !$0.hasPrefix("/js/") })
                }
                for link in links.sorted() {
                    let response = try await browser.get(link)
                    #expect(response.status == .ok, "\(login): \(link) answers \(response.status.code)")
                }
            }
        }
    }

    @Test("The administration menu lists only what the role may open")
    func administrationMenu() async throws {
        try await withApp(.sqlite) { app in
            _ = try await World.build(on: app)
            let director = Browser(app)
            try await director.signIn("a.leader")
            let page = try await director.get("/quan-tri")
            let menu = page.text.components(separatedBy: "id=\"menu-quan-tri\"")[1].components(separatedBy: "</nav>")[0]
            #expect(menu.contains("/quan-tri/can-bo") && !menu.contains("/quan-tri/khoa-api") && !menu.contains("/quan-tri/thu-tuc"))
        }
    }
}
