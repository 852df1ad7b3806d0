import Foundation
import MotCuaCore

/// The seed of a randomised test. Each test names its own base seed; `MOTCUA_TEST_SEED` (a
/// number, 0 when unset) moves every base, so a run can explore other cases. Every expectation of
/// a randomised test names its seed (`"\(seed)"`), so a failure can be replayed exactly.
public struct TestSeed: Sendable, CustomStringConvertible {
    /// This run's shift of every seed (`MOTCUA_TEST_SEED`).
    public static let run: UInt64 = {
        guard let text = ProcessInfo.processInfo.environment["MOTCUA_TEST_SEED"], !text.isEmpty else { return 0 }
        guard let value = UInt64(text) else { fatalError("MOTCUA_TEST_SEED=\(text) must be a whole number") }
        return value
    }()

    public let base: UInt64
    public var value: UInt64 { base &+ Self.run }

    public init(_ base: UInt64) { self.base = base }

    /// A fresh generator for this seed.
    public var generator: SplitMix64 { SplitMix64(seed: value) }

    public var description: String { "seed \(value) (replay with MOTCUA_TEST_SEED=\(Self.run))" }
}
