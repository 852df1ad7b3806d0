import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// Ward A's queue: groups A (Hộ tịch) and B (Đất đai), counter 1 serving A and counter 2 serving
/// A and B, set up through the API by the ward's administrator. The clock stands still at
/// Monday 30/11/2026 09:00 and moves by hand.
struct QueueFixture {
    let world: World
    let time: FixedTime
    let admin: Browser
    let officer: Browser
    let groupA: UUID
    let groupB: UUID
    let counter1: UUID
    let counter2: UUID

    static func make(_ app: Application) async throws -> QueueFixture {
        let time = FixedTime(DossierFixture.monday)
        app.time = time
        let world = try await World.build(on: app)
        let admin = Browser(app)
        try await admin.signIn("a.admin")
        func created(_ response: TestingHTTPResponse) throws -> UUID {
            #expect(response.status == .created, "\(response.text)")
            return try response.decode(QueueAPI.GroupDTO.self).id
        }
        let groupA = try created(try await admin.json(.POST, "/api/v1/queue/units/A001/groups", #"{"name":"Hộ tịch – Chứng thực","prefix":"a","typicalMinutes":6}"#))
        let groupB = try created(try await admin.json(.POST, "/api/v1/queue/units/A001/groups", #"{"name":"Đất đai","prefix":"B","typicalMinutes":12}"#))
        func counter(_ name: String, _ groups: [UUID]) async throws -> UUID {
            let body = #"{"name":"\#(name)","groupIDs":[\#(groups.map { "\"\($0)\"" }.joined(separator: ","))]}"#
            let response = try await admin.json(.POST, "/api/v1/queue/units/A001/counters", body)
            #expect(response.status == .created, "\(response.text)")
            return try response.decode(QueueAPI.CounterDTO.self).id
        }
        let counter1 = try await counter("1", [groupA])
        let counter2 = try await counter("2", [groupA, groupB])
        let officer = Browser(app)
        try await officer.signIn("a.reception")
        return QueueFixture(world: world, time: time, admin: admin, officer: officer, groupA: groupA, groupB: groupB, counter1: counter1, counter2: counter2)
    }

    /// Takes a ticket from the kiosk (no sign-in).
    func take(_ app: Application, _ group: UUID, priority: TicketPriority? = nil) async throws -> QueueBoard.TicketState {
        let body = #"{"groupID":"\#(group)","channel":"kiosk"\#(priority.map { ",\"priority\":\"\($0.rawValue)\"" } ?? "")}"#
        let response = try await app.testing().sendRequest(.POST, "/api/v1/queue/tickets", headers: ["Content-Type": "application/json"],
                                                            body: ByteBuffer(string: body))
        #expect(response.status == .created, "\(response.body.string)")
        return try response.content.decode(QueueBoard.TicketState.self)
    }

    @discardableResult
    func act(_ action: QueueDesk.CounterAction, at counter: UUID, _ body: String = "{}", by browser: Browser? = nil) async throws -> TestingHTTPResponse {
        try await (browser ?? officer).json(.POST, "/api/v1/queue/counters/\(counter)/actions/\(action.rawValue)", body)
    }

    func must(_ action: QueueDesk.CounterAction, at counter: UUID, _ body: String = "{}",
              sourceLocation: SourceLocation = #_sourceLocation) async throws -> QueueBoard.TicketState {
        let response = try await act(action, at: counter, body)
        #expect(response.status == .ok, "\(action): \(response.text)", sourceLocation: sourceLocation)
        return try response.decode(QueueBoard.TicketState.self)
    }
}

@Suite("Queue: tickets, counters, the board, wait estimates and live signals")
struct QueueTests {
    @Test("Setting up is for the unit's administrator; bad groups and counters are refused", arguments: TestDatabase.all)
    func setup(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            let duplicate = try await f.admin.json(.POST, "/api/v1/queue/units/A001/groups", #"{"name":"Khác","prefix":"A"}"#)
            #expect(duplicate.status == .unprocessableEntity && duplicate.text.contains("đã dùng"))
            #expect(try await f.admin.json(.POST, "/api/v1/queue/units/A001/groups", #"{"name":"Khác","prefix":"Ă1"}"#).status == .unprocessableEntity)
            #expect(try await f.admin.json(.POST, "/api/v1/queue/units/A001/counters", #"{"name":"9","groupIDs":[]}"#).status == .unprocessableEntity)
            let other = Browser(app)
            try await other.signIn("b.admin")
            #expect(try await other.json(.POST, "/api/v1/queue/units/A001/groups", #"{"name":"Khác","prefix":"K"}"#).status == .forbidden)
            let foreignCounter = try await other.json(.POST, "/api/v1/queue/units/B001/counters", #"{"name":"1","groupIDs":["\#(f.groupA)"]}"#)
            #expect(foreignCounter.status == .unprocessableEntity)
            #expect(try await f.officer.json(.POST, "/api/v1/queue/units/A001/groups", #"{"name":"Khác","prefix":"K"}"#).status == .forbidden)
            // The same in the browser: the page lists the groups; its form adds one; others are refused.
            let page = try await f.admin.get("/quan-tri/xep-hang")
            #expect(page.status == .ok && page.body.string.contains("Hộ tịch – Chứng thực"))
            let added = try await f.admin.post("/quan-tri/xep-hang/nhom", form: [("unitCode", "A001"), ("name", "Lao động – Xã hội"), ("prefix", "c"),
                                                                                 ("typicalMinutes", "7,5")])
            #expect(added.status == .seeOther)
            #expect(try await ServiceGroup.query(on: app.db).filter(\.$prefix == "C").first()?.typicalMinutes == 7.5)
            #expect(try await f.officer.get("/quan-tri/xep-hang").status == .forbidden)
            #expect(try await other.get("/quan-tri/xep-hang?don-vi=A001").status == .forbidden)
            // Another unit's officer cannot take ward A's counter.
            let stranger = Browser(app)
            try await stranger.signIn("b.reception")
            #expect(try await stranger.json(.POST, "/api/v1/queue/counters/\(f.counter1)/take", nil).status == .notFound)
        }
    }

    @Test("A day at the counters: priority first, then arrival; recall, skip, call a number, transfer, serve", arguments: TestDatabase.all)
    func counters(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            let a1 = try await f.take(app, f.groupA)
            f.time.advance(by: 60)
            let a2 = try await f.take(app, f.groupA)
            f.time.advance(by: 60)
            let elderly = try await f.take(app, f.groupA, priority: .elderly)
            let b1 = try await f.take(app, f.groupB)
            #expect([a1.code, a2.code, elderly.code, b1.code] == ["A001", "A002", "A003", "B001"])
            #expect(elderly.ahead == 0 && a2.ahead == 1)
            let waiting = try await QueueBoard.ticket(a2.id, now: f.time.now(), on: app.db)
            #expect(waiting.ahead == 2, "the priority ticket went ahead of A002")
            // No counter open: no estimate.
            #expect(waiting.expectedWaitMinutes == nil)

            // Acting before taking the counter is refused.
            #expect(try await f.act(.callNext, at: f.counter1).status == .conflict)
            #expect(try await f.officer.json(.POST, "/api/v1/queue/counters/\(f.counter1)/take", nil).status == .ok)
            // One open, idle counter serving A at 6 minutes a ticket: it calls A003 at once, A001 after 6
            // minutes, A002 after 12, give or take the usual spread of a service.
            let before = try await QueueBoard.ticket(a2.id, now: f.time.now(), on: app.db)
            #expect(before.expectedWaitMinutes == 12 && before.waitText == "khoảng \(before.waitFromMinutes!)–\(before.waitToMinutes!) phút")
            #expect(before.waitFromMinutes! < 12 && before.waitToMinutes! > 12)

            var called = try await f.must(.callNext, at: f.counter1)
            #expect(called.code == "A003" && called.status == .called && called.counter == "1")
            #expect(try await f.act(.callNext, at: f.counter1).status == .conflict, "busy with A003")
            called = try await f.must(.recall, at: f.counter1)
            #expect(try await QueueTicket.find(elderly.id, on: app.db)!.calls == 2)
            _ = try await f.must(.start, at: f.counter1)
            f.time.advance(by: 240)
            called = try await f.must(.finish, at: f.counter1)
            #expect(called.status == .done)
            // The measured service (4 minutes) pulls the estimate toward it, weighed against the typical 6
            // as five services: (5 × 360 + 240) / 6 = 340 s. A001 is called at once, A002 after that.
            #expect(try await QueueBoard.ticket(a2.id, now: f.time.now(), on: app.db).expectedWaitMinutes == 6)

            called = try await f.must(.callNext, at: f.counter1)
            #expect(called.code == "A001")
            called = try await f.must(.skip, at: f.counter1)
            #expect(called.status == .noShow)
            called = try await f.must(.callNext, at: f.counter1)
            #expect(called.code == "A002")
            _ = try await f.must(.start, at: f.counter1)
            _ = try await f.must(.finish, at: f.counter1)
            // A001 comes back late: the officer calls that number, then sends it to the land group.
            #expect(try await f.act(.callNumber, at: f.counter1, #"{"code":"B001"}"#).status == .unprocessableEntity, "B is not counter 1's group")
            called = try await f.must(.callNumber, at: f.counter1, #"{"code":"a001"}"#)
            #expect(called.code == "A001" && called.status == .called)
            called = try await f.must(.transfer, at: f.counter1, #"{"groupID":"\#(f.groupB)"}"#)
            #expect(called.status == .waiting && called.groupName == "Đất đai" && called.ahead == 1)
            #expect(try await f.act(.callNext, at: f.counter1).status == .conflict, "nobody waits in A")

            // The board: nothing called now, B has two waiting, A none.
            let board = try await app.testing().sendRequest(.GET, "/api/v1/queue/units/A001").content.decode(QueueBoard.State.self)
            #expect(board.called.isEmpty && board.lines.map(\.waiting) == [0, 2] && board.lines.map(\.openCounters) == [1, 0])
            // Every officer action left an audit line.
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == AuditAction.queueTicketChanged.rawValue).count() == 11)
        }
    }

    @Test("Ticket numbers are unique and gap-free per group and day when several processes issue at once", arguments: TestDatabase.all)
    func numbering(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            var apps = [app]
            if database == .postgres {
                let other = try await TestApp.make(config: app.motcua)
                other.time = f.time
                apps.append(other)
            }
            let codes = try await withThrowingTaskGroup(of: [String].self) { group in
                for instance in apps + apps + apps {
                    group.addTask {
                        var codes: [String] = []
                        for _ in 0..<15 { codes.append(try await f.take(instance, f.groupA).code) }
                        return codes
                    }
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            if apps.count > 1 { try await apps[1].asyncShutdown() }
            #expect(codes.sorted() == (1...codes.count).map { TicketNumber.format(prefix: "A", number: $0) })
            // A new day starts again at 001.
            f.time.advance(by: 24 * 3600)
            #expect(try await f.take(app, f.groupA).code == "A001")
        }
    }

    /// Times with fractions of a second do not survive a round trip through SQLite exactly; a
    /// ticket must never count itself as ahead of itself.
    @Test("Positions are right with sub-second times", arguments: TestDatabase.all)
    func subSecondPositions(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            var aheads: [Int?] = []
            for n in 0..<8 {
                f.time.advance(by: 0.1234567 + Double(n) / 7)
                aheads.append(try await f.take(app, f.groupA, priority: n % 2 == 0 ? .pregnant : nil).ahead)
            }
            // Priority tickets go before the others: 0, 1 (after A001), 1 (priority after A001), …
            #expect(aheads == [0, 1, 1, 3, 2, 5, 3, 7])
        }
    }

    @Test("A phone may take only so many tickets an hour, counted across server processes", arguments: TestDatabase.all)
    func remoteLimit(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            app.motcua.remoteTicketsPerHour = 3
            var apps = [app]
            if database == .postgres {
                let other = try await TestApp.make(config: app.motcua)
                other.time = f.time
                apps.append(other)
            }
            let body = ByteBuffer(string: #"{"groupID":"\#(f.groupA)"}"#)
            var statuses: [UInt] = []
            for n in 0..<5 {
                let response = try await apps[n % apps.count].testing().sendRequest(.POST, "/api/v1/queue/tickets",
                                                                                   headers: ["Content-Type": "application/json"], body: body)
                statuses.append(response.status.code)
                if response.status == .tooManyRequests {
                    #expect(response.headers.contentType?.subType == "problem+json" && response.body.string.contains("tối đa 3 số"))
                }
            }
            #expect(statuses == [201, 201, 201, 429, 429])
            #expect(try await QueueTicket.query(on: app.db).count() == 3)
            // The next hour the phone may take tickets again.
            f.time.advance(by: 3600)
            #expect(try await f.take(app, f.groupA).code == "A004")
            if apps.count > 1 { try await apps[1].asyncShutdown() }
        }
    }

    @Test("A priority claimed from a phone is marked unverified for the counter; only a configured kiosk issues kiosk tickets",
          arguments: TestDatabase.all)
    func unverifiedPriority(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup
            let f = try await QueueFixture.make(app)
            func take(_ channel: String, _ priority: TicketPriority?) async throws -> QueueBoard.TicketState {
                let body = #"{"groupID":"\#(f.groupA)","channel":"\#(channel)"\#(priority.map { ",\"priority\":\"\($0.rawValue)\"" } ?? "")}"#
                return try await app.testing().sendRequest(.POST, "/api/v1/queue/tickets", headers: ["Content-Type": "application/json"],
                                                           body: ByteBuffer(string: body)).decode(QueueBoard.TicketState.self)
            }
            // act, check: no kiosk configured, so a kiosk ticket is taken at its word
            #expect(try await take("kiosk", .elderly).priorityUnverified == false)
            #expect(try await take("remote", .elderly).priorityUnverified == true)
            #expect(try await take("remote", nil).priorityUnverified == false)
            // With kiosks configured, a client that is not one cannot pass for one.
            app.motcua.kioskAddresses = ["192.0.2.50"]
            let claimed = try await take("kiosk", .disability)
            #expect(claimed.priorityUnverified)
            #expect(try await QueueTicket.find(claimed.id, on: app.db)?.channel == .remote)
        }
    }

    @Test("Two counters calling at once never get the same ticket", arguments: TestDatabase.all)
    func concurrentCalls(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            for _ in 0..<6 { _ = try await f.take(app, f.groupA) }
            let second = Browser(app)
            try await second.signIn("a.leader")  // the center's director serves at counter 2
            #expect(try await f.officer.json(.POST, "/api/v1/queue/counters/\(f.counter1)/take", nil).status == .ok)
            #expect(try await second.json(.POST, "/api/v1/queue/counters/\(f.counter2)/take", nil).status == .ok)
            var served: [String] = []
            for _ in 0..<3 {
                async let one = f.act(.callNext, at: f.counter1)
                async let two = f.act(.callNext, at: f.counter2, by: second)
                let results = try await [one, two]
                for result in results {
                    #expect(result.status == .ok, "\(result.text)")
                    served.append(try result.decode(QueueBoard.TicketState.self).code)
                }
                _ = try await f.must(.start, at: f.counter1)
                _ = try await f.must(.finish, at: f.counter1)
                _ = try await f.act(.start, at: f.counter2, by: second)
                _ = try await f.act(.finish, at: f.counter2, by: second)
            }
            #expect(served.sorted() == (1...6).map { TicketNumber.format(prefix: "A", number: $0) })
        }
    }

    @Test("Every open board hears of a change within a moment, also from another server process", arguments: TestDatabase.all)
    func liveSignal(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            try await app.asyncBoot()  // starts the listener on PostgreSQL
            var issuer = app
            if database == .postgres {
                issuer = try await TestApp.make(config: app.motcua)
                issuer.time = f.time
                for _ in 0..<100 where !app.queueSignal.isListening.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(50)) }
                #expect(app.queueSignal.isListening.withLockedValue { $0 })
            }
            let stream = app.queueSignal.subscribe(unitID: f.world.unitA)
            let heard = Task {
                var iterator = stream.makeAsyncIterator()
                return await iterator.next() != nil
            }
            _ = try await f.take(issuer, f.groupA)
            let deadline = Task {
                try await Task.sleep(for: .seconds(2))
                heard.cancel()
            }
            #expect(await heard.value, "no signal within 2 seconds")
            deadline.cancel()
            if issuer !== app { try await issuer.asyncShutdown() }
        }
    }

    @Test("An officer leaves the counter: refused while a ticket is called there, then free for a colleague", arguments: TestDatabase.all)
    func leaveCounter(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            #expect(try await f.officer.post("/quay/\(f.counter1)/nhan", form: []).status == .seeOther)
            _ = try await f.take(app, f.groupA)
            let called = try await f.must(.callNext, at: f.counter1)
            _ = try await f.officer.post("/quay/\(f.counter1)/roi", form: [])
            #expect(try await f.officer.get("/quay").text.contains("đang phục vụ số \(called.code)"))
            #expect(try await ServiceCounter.find(f.counter1, on: app.db)?.officerID != nil)
            _ = try await f.must(.skip, at: f.counter1)
            _ = try await f.officer.post("/quay/\(f.counter1)/roi", form: [])
            #expect(try await f.officer.get("/quay").text.contains("Đã rời quầy"))
            #expect(try await ServiceCounter.find(f.counter1, on: app.db)?.officerID == nil)
            // Leaving a counter one does not hold is refused and changes nothing.
            let colleague = Browser(app)
            try await colleague.signIn("a.leader")
            #expect(try await colleague.post("/quay/\(f.counter2)/nhan", form: []).status == .seeOther)
            _ = try await f.officer.post("/quay/\(f.counter2)/roi", form: [])
            #expect(try await ServiceCounter.find(f.counter2, on: app.db)?.officerID != nil)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$summary == "Tiếp Nhận A rời quầy 1").count() == 1)
        }
    }

    @Test("Outside working hours the kiosk is closed and says when the center opens; a remote number joins that opening's line first", arguments: TestDatabase.all)
    func outsideHours(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let f = try await QueueFixture.make(app)
            f.time.set(QueueReportTests.at("2026-11-28T09:00"))  // a Saturday
            let kiosk = try await app.testing().sendRequest(.POST, "/api/v1/queue/tickets", headers: ["Content-Type": "application/json"],
                                                             body: ByteBuffer(string: #"{"groupID":"\#(f.groupA)","channel":"kiosk"}"#))
            #expect(kiosk.status == .conflict && kiosk.body.string.contains("Trung tâm mở cửa lúc 07:30, thứ Hai 30\\/11\\/2026."))
            let page = try await app.testing().sendRequest(.GET, "/xep-hang/A001?ki-ot=1").body.string
            #expect(page.contains("id=\"ngoai-gio\"") && !page.contains("id=\"lay-so\""))
            let phone = try await app.testing().sendRequest(.GET, "/xep-hang/A001").body.string
            #expect(phone.contains("Số lấy bây giờ dùng cho lần mở cửa đó") && phone.contains("id=\"lay-so\""))
            let remote = try await app.testing().sendRequest(.POST, "/api/v1/queue/tickets", headers: ["Content-Type": "application/json"],
                                                              body: ByteBuffer(string: #"{"groupID":"\#(f.groupA)","channel":"remote"}"#))
            #expect(remote.status == .created)
            let early = try remote.content.decode(QueueBoard.TicketState.self)
            let state = try await QueueBoard.ticket(early.id, now: f.time.now(), on: app.db)
            #expect(state.forNextOpening == "Trung tâm mở cửa lúc 07:30, thứ Hai 30/11/2026." && state.waitText == nil && state.ahead == 0)
            #expect(try await QueueTicket.find(early.id, on: app.db)?.day == "2026-11-30")
            let board = try await app.testing().sendRequest(.GET, "/api/v1/queue/units/A001").content.decode(QueueBoard.State.self)
            #expect(board.closedText != nil && board.opensAt == QueueReportTests.at("2026-11-30T07:30") && board.lines[0].waiting == 0)
            // Monday morning: the kiosk opens half an hour early; the remote number is first in line.
            f.time.set(QueueReportTests.at("2026-11-30T07:10"))
            let walkIn = try await f.take(app, f.groupA)
            #expect(walkIn.ahead == 1 && walkIn.code == "A002")
        }
    }
}
