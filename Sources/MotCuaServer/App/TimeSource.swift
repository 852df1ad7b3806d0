import Foundation
import Fluent
import Vapor

/// Where "now" comes from; tests set a fixed time so rules can be checked at any date.
public protocol TimeSource: Sendable {
    func now() -> Date
}

public struct SystemTime: TimeSource {
    public init() {}
    public func now() -> Date { Date() }
}

/// A settable time for tests and demos.
public final class FixedTime: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ date: Date) { current = date }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by interval: TimeInterval) { lock.withLock { current += interval } }
}

extension Application {
    private struct TimeSourceKey: StorageKey { typealias Value = any TimeSource }

    public var time: any TimeSource {
        get { storage[TimeSourceKey.self] ?? SystemTime() }
        set { storage[TimeSourceKey.self] = newValue }
    }
}

extension Request {
    /// The current time from the application's time source.
    public var now: Date { application.time.now() }
}
