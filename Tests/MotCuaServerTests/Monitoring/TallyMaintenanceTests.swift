import Fluent
import Foundation
import MotCuaCore
import MotCuaTestSupport
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

@Suite("Tallies brought up to date after every change equal the tallies counted again from the dossiers, on both engines")
struct TallyMaintenanceTests {
    /// The stored tallies, rows that add nothing left out.
    static func stored(_ db: any Database) async throws -> [String: [Int]] {
        let counters = DossierTally.Counter.allCases.map(\.rawValue)
        var rows: [String: [Int]] = [:]
        for row in try await (db as! any SQLDatabase).select().column("*").from(TallyLedger.schema).all() {
            let values = try counters.map { try row.decode(column: $0, as: Int.self) }
            guard values.contains(where: { $0 != 0 }) else { continue }
            let key = try ["dimension", "span", "key"].map { try row.decode(column: $0, as: String.self) }.joined(separator: "/")
                + "/\(try row.decode(column: "unit_id", as: UUID.self))/\(try row.decode(column: "day", as: Int.self))"
            rows[key] = values
        }
        return rows
    }

    /// A procedure with a fee, offered partly online, so payments and fees are counted too.
    static let feeProcedure = """
        [{"code":"1.009999","name":"Cấp giấy phép xây dựng nhà ở riêng lẻ","field":"Xây dựng","agency":"UBND cấp xã","onlineLevel":"partial",
          "processingTime":{"value":2,"unit":"working_days"},"feeVND":75000,"feeNote":"","result":"Giấy phép","legalBasis":"",
          "documents":[{"name":"Đơn đề nghị","form":"original","quantity":1}],"steps":["Nộp hồ sơ"],"internalProcess":[],"source":"test"}]
        """

    @Test("A random stream of intakes, actions, files and ratings through the API, days apart: incremental tallies == rebuilt",
          arguments: TestDatabase.all)
    func randomJourneys(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await DossierFixture.make(app)
            let admin = Browser(app)
            try await admin.signIn("p.admin")
            #expect(try await admin.json(.POST, "/api/v1/catalogue/import", Self.feeProcedure).status == .ok)
            #expect(try await admin.json(.PUT, "/api/v1/units/\(f.world.unitA)/procedures",
                                         #"{"codes":["1.000001","1.000894","2.000908","1.009999"]}"#).status == .ok)
            let seed = TestSeed(database == .sqlite ? 7 : 8)
            var random = seed.generator
            let people = [f.citizen, f.reception, f.specialist, f.leader]
            var ids: [UUID] = []
            var signedInAt = f.time.now()
            var checked = 0
            var done: [String: Int] = [:]
            var finished: [String] = []
            for step in 0..<200 {
                if step % 50 == 49 {
                    // Changes only marked the dossiers; the worker counts them.
                    #expect(try await Dossier.query(on: app.db).filter(\.$tallyPending == true).count() > 0, "\(seed)")
                    #expect(try await TallyWorker.drain(on: app.db, batch: 7) > 0, "\(seed)")
                    #expect(try await Dossier.query(on: app.db).filter(\.$tallyPending == true).count() == 0, "\(seed)")
                    let kept = try await Self.stored(app.db)
                    try await TallyRebuild.run(on: app.db)
                    #expect(try await Self.stored(app.db) == kept, "after step \(step); \(seed)")
                    // The province's rows per field and procedure are its units' added up.
                    var sums: [String: [Int]] = [:], province: [String: [Int]] = [:]
                    for (key, values) in kept where key.hasPrefix("field/") || key.hasPrefix("procedure/") {
                        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
                        let unit = parts[parts.count - 2], rest = (parts[0..<(parts.count - 2)] + [parts[parts.count - 1]]).joined(separator: "/")
                        if UUID(uuidString: String(unit)) == f.world.provinceP { province[rest] = values } else {
                            sums[rest] = zip(sums[rest] ?? Array(repeating: 0, count: values.count), values).map(+)
                        }
                    }
                    #expect(!province.isEmpty && province == sums.filter { $0.value.contains { $0 != 0 } }, "\(seed)")
                    checked += 1
                }
                // The clock moves on by half an hour to two days; everyone signs in again now and then.
                f.time.advance(by: TimeInterval(Int.random(in: 1...96, using: &random)) * 1_800)
                if f.time.now().timeIntervalSince(signedInAt) > 6 * 3600 {
                    for (browser, login) in zip(people, ["0912345678", "a.reception", "a.specialist", "a.leader"]) { try await browser.signIn(login) }
                    signedInAt = f.time.now()
                }
                let roll = Int.random(in: 0..<10, using: &random)
                if roll == 2, let code = finished.randomElement(using: &random) {
                    let level = Int.random(in: 1...3, using: &random)
                    _ = try await f.citizen.json(.POST, "/api/v1/satisfaction/ratings", #"{"dossierCode":"\#(code)","phoneDigits":"5678","level":\#(level)}"#)
                    continue
                }
                if ids.count < 6 || roll == 0 {
                    let procedure = ["1.000001", "1.000894", "1.009999", "1.009999"].randomElement(using: &random)!
                    let counter = Bool.random(using: &random)
                    let response = try await (counter ? f.reception : f.citizen).json(.POST, "/api/v1/dossiers",
                                                                                    DossierFixture.application(procedure, accept: counter ? true : nil))
                    if response.status == .created { ids.append(try response.decode(DossierDTO.self).id) }
                    continue
                }
                let id = ids.randomElement(using: &random)!
                // What each person may do with the dossier now.
                var moves: [(Browser, DossierAction, DossierDTO)] = []
                for person in people {
                    let read = try await person.get("/api/v1/dossiers/\(id)")
                    guard read.status == .ok else { continue }  // a counter dossier is not the citizen's
                    let seen = try read.decode(DossierDTO.self)
                    moves += seen.allowedActions.map { (person, $0, seen) }
                }
                guard let (person, _, dossier) = moves.first else {
                    ids.removeAll { $0 == id }  // ended
                    continue
                }
                if roll == 1 {
                    _ = try await person.send(.POST, "/api/v1/dossiers/\(id)/files?name=don.pdf&document=Đơn", headers: ["Content-Type": "application/pdf"],
                                              body: ByteBuffer(string: "%PDF-1.4\n% tệp thử \(step)\n%%EOF"))
                    continue
                }
                // Most dossiers move on to their result; detours are less likely, endings without a result rare.
                let forward: Set<DossierAction> = [.accept, .assign, .submitForApproval, .approve, .returnResult, .supplementReceived, .transferReturned,
                                                   .paymentReceived]
                let rare: Set<DossierAction> = [.refuse, .withdraw, .stop]
                let choices = moves.flatMap { move in Array(repeating: move, count: forward.contains(move.1) ? 12 : rare.contains(move.1) ? 1 : 3) }
                guard let (actor, action, _) = choices.randomElement(using: &random) else { continue }
                let later = VietnameseFormat.civilDate(of: (dossier.appointmentAt ?? f.time.now()) + 3 * 86_400)
                let response = try await f.act(actor, action, on: dossier, [
                    "note": "Lý do kiểm thử \(step)", "assigneeID": f.world.id("a.specialist").uuidString, "agency": "Chi nhánh Văn phòng đăng ký đất đai", "newAppointmentDate": later.description,
                    "paymentChannel": PaymentChannel.allCases.randomElement(using: &random)!.rawValue,
                    "resultDelivery": ResultDelivery.allCases.randomElement(using: &random)!.rawValue,
                ])
                if response.status == .ok {
                    done[action.rawValue, default: 0] += 1
                    if action == .approve { finished.append(dossier.code) }
                    // Only a dossier already received counts in the tallies (a supplement asked at intake does not).
                    if action == .requestSupplement, dossier.receivedAt != nil { done["supplement_after_reception", default: 0] += 1 }
                }
            }
            // A reader of statistics counts what is pending first.
            _ = try await f.submit(f.reception, accept: true)
            #expect(try await Dossier.query(on: app.db).filter(\.$tallyPending == true).count() > 0, "\(seed)")
            #expect(try await f.leader.get("/api/v1/statistics/dossiers").status == .ok, "\(seed)")
            #expect(try await Dossier.query(on: app.db).filter(\.$tallyPending == true).count() == 0, "\(seed)")
            // The stream did reach the counters that matter.
            let totals = try await (app.db as! any SQLDatabase).select()
                .column(SQLRaw("CAST(SUM(early + on_time + late) AS BIGINT)"), as: "resolved").column(SQLRaw("CAST(SUM(supplement_requests) AS BIGINT)"), as: "supplements")
                .column(SQLRaw("CAST(SUM(refused + withdrawn + stopped) AS BIGINT)"), as: "closed").column(SQLRaw("CAST(SUM(rated_unsatisfied + rated_satisfied + rated_very_satisfied) AS BIGINT)"), as: "ratings")
                .from(TallyLedger.schema).where("dimension", .equal, "unit").where("span", .equal, "day").first()!
            for column in ["resolved", "closed", "ratings"] + (done["supplement_after_reception", default: 0] > 0 ? ["supplements"] : []) {
                #expect(try totals.decode(column: column, as: Int.self) > 0, "\(column); \(seed)")
            }
            #expect(checked == 4, "\(seed)")
            #expect(["accept", "assign", "approve", "return_result", "request_supplement", "supplement_received"].allSatisfy { done[$0, default: 0] > 0 },
                    "\(done); \(seed)")
        }
    }
}
