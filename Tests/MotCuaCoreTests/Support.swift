import Foundation
import MotCuaCore

/// Property tests use the core's deterministic generator, so they are repeatable.
typealias SeededGenerator = SplitMix64

enum Fixture {
    /// A file in `Tests/MotCuaCoreTests/Fixtures`, found from this source file's location.
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
    }
}
