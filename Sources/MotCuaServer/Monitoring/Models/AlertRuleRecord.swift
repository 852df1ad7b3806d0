import Fluent
import Foundation
import MotCuaCore

/// A province's deadline alert rule, stored: the rules are data, changed without a release.
final class AlertRuleRecord: Model, @unchecked Sendable {
    static let schema = "alert_rules"

    @ID(key: .id) var id: UUID?
    @Field(key: "province_id") var provinceID: UUID
    @Field(key: "code") var code: String
    @Field(key: "kind") var kind: AlertRule.Kind
    @Field(key: "hours") var hours: Int
    /// Comma-separated `AlertRule.Recipient` raw values.
    @Field(key: "recipients") var recipients: String
    @Field(key: "position") var position: Int

    init() {}

    init(provinceID: UUID, rule: AlertRule, position: Int) {
        self.provinceID = provinceID
        code = rule.code
        kind = rule.kind
        hours = rule.hours
        recipients = rule.recipients.map(\.rawValue).joined(separator: ",")
        self.position = position
    }

    var rule: AlertRule {
        AlertRule(code: code, kind: kind, hours: hours,
                  recipients: recipients.split(separator: ",").compactMap { AlertRule.Recipient(rawValue: String($0)) })
    }

    /// The province's rules; the defaults while it has none.
    static func rules(of provinceID: UUID, on db: any Database) async throws -> [AlertRule] {
        let stored = try await query(on: db).filter(\.$provinceID == provinceID).sort(\.$position).all()
        return stored.isEmpty ? AlertRule.defaults : stored.map(\.rule)
    }
}
