import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// What a production server refuses: links from a request's Host header, the demo and its published
/// password, a moved clock; and what it does by default: `Secure` cookies, no demo.
@Suite("Production settings")
struct ProductionSettingsTests {
    @Test("In production the demo is not seeded and cookies are Secure unless said otherwise")
    func defaults() throws {
        let development = try AppConfig.fromEnvironment([:])
        #expect(development.seedDemoWhenEmpty && !development.secureCookies)
        let production = try AppConfig.fromEnvironment(["MOTCUA_PUBLIC_URL": "https://motcua.example.vn"], production: true)
        #expect(!production.seedDemoWhenEmpty && production.secureCookies && production.productionProblems.isEmpty)
        #expect(try AppConfig.fromEnvironment(["MOTCUA_SECURE_COOKIES": "0"], production: true).secureCookies == false)
    }

    @Test("Production refuses to start without a public address or with demo seeding", arguments: [
        (nil, false, "MOTCUA_PUBLIC_URL"), ("https://motcua.example.vn", true, "MOTCUA_DEMO"),
    ] as [(String?, Bool, String)])
    func refused(publicURL: String?, demo: Bool, problem: String) async throws {
        var config = TestApp.config(database: .sqlite(path: nil))
        config.publicURL = publicURL
        config.seedDemoWhenEmpty = demo
        let app = try await Application.make(.production)
        #expect(config.productionProblems.count == 1 && config.productionProblems[0].contains(problem))
        #expect(throws: ConfigurationError.self) { try configure(app, config: config) }
        try await app.asyncShutdown()
    }

    @Test("A production database holding the demo accounts stops the start unless allowed")
    func demoAccounts() async throws {
        var config = TestApp.config(database: .sqlite(path: nil))
        config.publicURL = "https://motcua.example.vn"
        let app = try await Application.make(.production)
        do {
            try configure(app, config: config)
            try await DatabaseSetup.prepare(app, seedDemo: false)
            try await DemoSeed.refuseInProduction(app)  // no demo: starts
            try await DatabaseSetup.prepare(app, seedDemo: true)  // as `motcua seed --demo` would leave it
            await #expect(throws: ConfigurationError.self) { try await DemoSeed.refuseInProduction(app) }
            app.motcua.allowDemoAccounts = true
            try await DemoSeed.refuseInProduction(app)
            // The sign-in page does not offer the demo accounts in production.
            let page = try await app.testing().sendRequest(.GET, "/dang-nhap")
            #expect(page.status == .ok && !page.body.string.contains(DemoSeed.password))
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
