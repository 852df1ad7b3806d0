import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Home page: find a procedure, the most filed ones, the queue, tracking")
struct HomePageTests {
    @Test("The search leads to the catalogue; the most filed procedures come from the tallies, most first", arguments: TestDatabase.all)
    func home(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let empty = try await Browser(app).get("/")
            #expect(empty.status == .ok && empty.text.contains("action=\"/thu-tuc\"") && empty.text.contains("name=\"q\""))
            for link in ["href=\"/thu-tuc\"", "href=\"/tra-cuu\"", "href=\"/xep-hang\"", "href=\"/phan-anh\""] { #expect(empty.text.contains(link), "\(link)") }
            #expect(!empty.text.contains("thu-tuc-pho-bien"), "nothing filed yet: no list")
            for code in ["1.000894", "1.000894", "1.000001"] { _ = try await f.submit(f.reception, procedure: code, accept: true) }
            _ = try await TallyWorker.drain(on: app.db, batch: 100)
            let home = try await Browser(app).get("/")
            let list = String(home.text[try #require(home.text.range(of: "thu-tuc-pho-bien")).lowerBound...])
            let marriage = try #require(list.range(of: "/thu-tuc/1.000894")), land = try #require(list.range(of: "/thu-tuc/1.000001"))
            #expect(marriage.lowerBound < land.lowerBound && !list.contains("/thu-tuc/2.000908"))
            // The search box's query is the catalogue's: without diacritics, spelling variants.
            let found = try await Browser(app).get("/thu-tuc?q=dang+ki+ket+hon")
            #expect(found.status == .ok && found.text.contains("Thủ tục đăng ký kết hôn"))
            // "Lấy số thứ tự" lists the centers that run a queue (none yet here).
            #expect(try await Browser(app).get("/xep-hang").text.contains("Chưa có trung tâm nào"))
        }
    }
}
