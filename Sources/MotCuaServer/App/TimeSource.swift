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

/// A clock that read `start` at the moment `reference` and runs on with the real one: the whole
/// system lives at a chosen date and time while its timers and sessions behave as usual. Tests and
/// demonstrations set it (`MOTCUA_CLOCK`); production refuses it.
public struct ShiftedTime: TimeSource {
    public let offset: TimeInterval

    public init(startingAt start: Date, reference: Date = Date()) { offset = start.timeIntervalSince(reference) }

    public func now() -> Date { Date().addingTimeInterval(offset) }

    /// Reads a moment written in ISO 8601 with its offset, as `2026-12-31T23:30:00+07:00`.
    public static func moment(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

/// A settable time for tests and demos.
public final class FixedTime: TimeSource, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(_ date: Date) { current = date }

    public func now() -> Date { lock.withLock { current } }

    public func advance(by interval: TimeInterval) { lock.withLock { current += interval } }

    public func set(_ date: Date) { lock.withLock { current = date } }
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
