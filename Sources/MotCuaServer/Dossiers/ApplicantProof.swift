import Fluent
import Foundation
import Vapor

/// How a person without an account shows a dossier is theirs: the last four digits of the phone on
/// the receipt slip. Four digits are 10,000 guesses, so tries are limited, counted in the database
/// (every process counts together): per dossier and day, whoever tries, and per client address and
/// hour, whichever dossier. Past a limit even the right digits wait for the next window; the public
/// status stays readable without them.
enum ApplicantProof {
    static let triesPerDossierPerDay = 10
    static let triesPerClientPerHour = 30

    /// Whether `digits` (as typed) prove `dossier` is the applicant's: nil when none were given.
    static func check(_ digits: String?, for dossier: Dossier, in context: ActionContext) async throws -> Bool? {
        let typed = (digits ?? "").filter(\.isNumber)
        guard !(digits ?? "").trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let client = context.clientAddress ?? ""
        guard try await RateLimit.take("proof-client:\(client)", limit: triesPerClientPerHour, window: 3_600, now: context.now, on: context.db) else {
            throw AppError(status: .tooManyRequests, detail: "Quá nhiều lần thử số điện thoại từ một địa chỉ trong một giờ. Vui lòng thử lại sau.")
        }
        guard try await RateLimit.take("proof-dossier:\(dossier.id!.uuidString)", limit: triesPerDossierPerDay, window: 86_400, now: context.now,
                                       on: context.db) else {
            throw AppError(status: .tooManyRequests,
                           detail: "Hồ sơ này đã được thử số điện thoại quá nhiều lần trong ngày. Vui lòng thử lại vào ngày mai hoặc liên hệ Bộ phận một cửa.")
        }
        return typed.count == 4 && typed == dossier.phoneSuffix
    }

    static let mismatch = "Số cuối điện thoại không khớp với hồ sơ."
}
