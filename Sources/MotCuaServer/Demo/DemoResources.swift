import Foundation
import SwiftCSV

/// Files shipped with the server for the demo province.
enum DemoResources {
    static var directory: URL {
        ServerResources.root.appendingPathComponent("Demo")
    }

    /// Rows of a CSV file in the demo folder; lines starting with `#` are comments.
    static func rows(_ file: String) throws -> [[String: String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        let content = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") }.joined(separator: "\n")
        return try CSV<Named>(string: content, delimiter: .comma).rows
    }
}
