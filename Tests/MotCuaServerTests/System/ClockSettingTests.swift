import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// `MOTCUA_CLOCK` lets tests and demonstrations run the whole system at a chosen moment; production
/// refuses it.
@Suite("Clock set for tests")
struct ClockSettingTests {
    static let eveOfTet = "2026-02-16T23:30:00+07:00"

    @Test("MOTCUA_CLOCK is read as a moment with its offset; anything else is a configuration problem")
    func parsing() throws {
        // act
        let config = try AppConfig.fromEnvironment(["MOTCUA_CLOCK": Self.eveOfTet])
        // check
        #expect(config.clockStart == Date(timeIntervalSince1970: 1_771_259_400))  // 16:30 UTC
        #expect(try AppConfig.fromEnvironment([:]).clockStart == nil)
        for wrong in ["2026-02-16", "2026-02-16T23:30:00", "hôm qua", "1771259400"] {
            #expect(throws: ConfigurationError.self, "\(wrong)") { try AppConfig.fromEnvironment(["MOTCUA_CLOCK": wrong]) }
        }
    }

    @Test("The server runs from the chosen moment: health, sessions and every reader of the clock see it")
    func runsFromTheMoment() async throws {
        // setup
        var config = TestApp.config(database: .sqlite(path: nil))
        config.clockStart = ShiftedTime.moment(Self.eveOfTet)
        let app = try await TestApp.make(config: config)
        do {
            try await DatabaseSetup.prepare(app, seedDemo: false)
            // act
            let health = try await app.testing().sendRequest(.GET, "/api/v1/health").decode(HealthDTO.self)
            // check: the clock started at the moment and runs on
            let elapsed = health.time.timeIntervalSince(config.clockStart!)
            #expect(elapsed >= 0 && elapsed < 600, "\(health.time)")
            #expect(app.time.now() >= health.time)
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    @Test("Production refuses a set clock")
    func refusedInProduction() async throws {
        // setup
        var config = TestApp.config(database: .sqlite(path: nil))
        config.publicURL = "https://motcua.example.vn"
        config.clockStart = ShiftedTime.moment(Self.eveOfTet)
        let app = try await Application.make(.production)
        // act, check
        #expect(config.productionProblems.count == 1 && config.productionProblems[0].contains("MOTCUA_CLOCK"))
        #expect(throws: ConfigurationError.self) { try configure(app, config: config) }
        #expect(!(app.time is ShiftedTime))
        try await app.asyncShutdown()
    }
}
