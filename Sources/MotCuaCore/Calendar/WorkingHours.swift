/// Office hours of a unit: intervals of the day in seconds after midnight, e.g. 07:30–11:30 and
/// 13:30–17:00 (the default).
public struct WorkingHours: Sendable, Equatable, Codable {
    public struct Interval: Sendable, Equatable, Codable {
        public let start: Int
        public let end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }

    public let intervals: [Interval]

    public enum Problem: Error, Equatable, Sendable {
        case empty, malformed(String), overlapping
    }

    public init(_ intervals: [Interval]) throws(Problem) {
        guard !intervals.isEmpty else { throw .empty }
        let sorted = intervals.sorted { $0.start < $1.start }
        for interval in sorted where !(0 <= interval.start && interval.start < interval.end && interval.end <= 86_400) {
            throw .malformed("\(interval.start)–\(interval.end)")
        }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.end > b.start { throw .overlapping }
        self.intervals = sorted
    }

    /// Parses `07:30-11:30,13:30-17:00`.
    public init(parsing text: String) throws(Problem) {
        var intervals: [Interval] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-")
            guard bounds.count == 2, let start = Self.seconds(bounds[0]), let end = Self.seconds(bounds[1]) else {
                throw .malformed(String(part))
            }
            intervals.append(Interval(start: start, end: end))
        }
        try self.init(intervals)
    }

    public static let standard = try! WorkingHours(parsing: "07:30-11:30,13:30-17:00")

    /// Seconds of work in one working day.
    public var dailySeconds: Int { intervals.reduce(0) { $0 + $1.end - $1.start } }

    public var opening: Int { intervals.first!.start }
    public var closing: Int { intervals.last!.end }

    /// Seconds of work in [0, secondOfDay).
    func workedBefore(_ secondOfDay: Int) -> Int {
        intervals.reduce(0) { $0 + max(0, min($1.end, secondOfDay) - $1.start) }
    }

    /// The second of the day at which `worked` seconds of work have been done since opening
    /// (0 < worked ≤ dailySeconds): the end of an interval when the work ends exactly there.
    func secondOfDay(afterWorking worked: Int) -> Int {
        var remaining = worked
        for interval in intervals {
            let length = interval.end - interval.start
            if remaining <= length { return interval.start + remaining }
            remaining -= length
        }
        return closing
    }

    /// `HH:MM` or `H:MM` → seconds after midnight.
    static func seconds(_ text: Substring) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0..<60).contains(m),
              h * 3600 + m * 60 <= 86_400 else { return nil }
        return h * 3600 + m * 60
    }
}

import Foundation
