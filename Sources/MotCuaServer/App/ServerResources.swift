import Foundation

/// The folder of files shipped with the server (views, public files, demo data): `Resources`
/// copied into the module's bundle.
enum ServerResources {
    static let root: URL = {
        let candidate = Bundle.module.bundleURL.appendingPathComponent("Resources")
        if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Views").path) { return candidate }
        // Some Foundation versions already point resourceURL inside `Resources`.
        return Bundle.module.resourceURL!
    }()
}
