import Fluent
import Foundation
import MotCuaCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// The last four digits of the applicant's phone cannot be found by trying: tries are limited per
/// dossier and per client, a wrong or refused proof still shows the public status.
@Suite("Applicant's proof by phone digits")
struct ApplicantProofTests {
    @Test("A dossier takes ten tries a day, then refuses even the right digits until the next day; its public status stays readable",
          arguments: TestDatabase.all)
    func perDossier(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup
            let f = try await DossierFixture.make(app)
            let dossier = try await f.submit()
            _ = try await f.must(f.reception, .accept, on: dossier)
            let status = "/api/v1/dossiers/\(dossier.code)/status"
            // act: nine wrong guesses, then the right digits (the tenth try)
            for guess in 1...9 {
                #expect(try await app.testing().sendRequest(.GET, "\(status)?phone=\(String(format: "%04d", guess))").status == .forbidden)
            }
            #expect(try await app.testing().sendRequest(.GET, "\(status)?phone=5678").decode(DossierStatusDTO.self).detailsShown)
            // check: the eleventh try is refused, right or wrong, on the API and on the page
            let refused = try await app.testing().sendRequest(.GET, "\(status)?phone=5678")
            #expect(refused.status == .tooManyRequests && refused.headers.contentType?.subType == "problem+json")
            let page = try await app.testing().sendRequest(.GET, "/tra-cuu?ma=\(dossier.code)&so=5678")
            #expect(page.status == .tooManyRequests && page.text.contains("quá nhiều lần") && page.text.contains("Tiếp nhận hồ sơ, hẹn trả kết quả"))
            #expect(try await app.testing().sendRequest(.GET, status).decode(DossierStatusDTO.self).detailsShown == false)
            // The rating form is behind the same proof.
            #expect(try await app.testing().sendRequest(.GET, "/danh-gia?ma=\(dossier.code)&so=5678").status == .tooManyRequests)
            // A day later the applicant is in again.
            f.time.advance(by: 86_400)
            #expect(try await app.testing().sendRequest(.GET, "\(status)?phone=5678").decode(DossierStatusDTO.self).detailsShown)
        }
    }

    @Test("A client takes thirty tries an hour across dossiers; a wrong proof shows the public status with why", arguments: TestDatabase.all)
    func perClient(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // setup
            let f = try await DossierFixture.make(app)
            var codes: [String] = []
            for _ in 0..<4 { codes.append(try await f.submit().code) }
            // act: thirty wrong tries spread over the dossiers (fewer than ten on each)
            for attempt in 0..<30 {
                let response = try await app.testing().sendRequest(.GET, "/tra-cuu?ma=\(codes[attempt % 4])&so=0000")
                #expect(response.status == .forbidden && response.text.contains("không khớp") && response.text.contains("Đăng ký hồ sơ"))
            }
            // check
            let refused = try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(codes[0])/status?phone=5678")
            #expect(refused.status == .tooManyRequests)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(codes[0])/status").status == .ok)
            f.time.advance(by: 3_600)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/dossiers/\(codes[0])/status?phone=5678").status == .ok)
        }
    }
}
