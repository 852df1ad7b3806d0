import Fluent
import Foundation
import MotCuaCore

/// A ticket (số thứ tự) of a service group for one day, from the kiosk or taken remotely.
final class QueueTicket: Model, @unchecked Sendable {
    static let schema = "queue_tickets"

    enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting to be called.
        case waiting
        /// Called to a counter; the citizen walks there.
        case called
        /// Being served at the counter.
        case serving
        /// Served.
        case done
        /// Did not come when called (không có mặt).
        case noShow = "no_show"
    }

    enum Channel: String, Codable, Sendable {
        case kiosk
        case remote
    }

    @ID(key: .id) var id: UUID?
    @Parent(key: "unit_id") var unit: OrgUnit
    @Parent(key: "group_id") var group: ServiceGroup
    @Field(key: "day") var day: String
    @Field(key: "number") var number: Int
    /// The printed number, e.g. "A015".
    @Field(key: "code") var code: String
    @OptionalField(key: "priority") var priority: TicketPriority?
    @Field(key: "channel") var channel: Channel
    @Field(key: "status") var status: Status
    @Field(key: "issued_at") var issuedAt: Date
    /// When it joined its present group's line: the issue time, or the transfer time.
    @Field(key: "queued_at") var queuedAt: Date
    @OptionalField(key: "called_at") var calledAt: Date?
    @OptionalField(key: "started_at") var startedAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?
    @OptionalField(key: "counter_id") var counterID: UUID?
    @OptionalField(key: "counter_name") var counterName: String?
    @OptionalField(key: "officer_id") var officerID: UUID?
    @OptionalField(key: "officer_name") var officerName: String?
    @Field(key: "calls") var calls: Int
    @Field(key: "version") var version: Int

    init() {}
}

extension QueueTicket {
    var properties: [any AnyProperty] {
        [$id, $unit, $group, $day, $number, $code, $priority, $channel, $status, $issuedAt, $queuedAt, $calledAt, $startedAt,
         $finishedAt, $counterID, $counterName, $officerID, $officerName, $calls, $version]
    }
}
