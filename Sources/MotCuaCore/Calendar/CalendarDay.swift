/// A day that departs from the ordinary week: a weekday off, or a weekend day worked.
public struct CalendarDay: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Ngày nghỉ lễ, Tết under Labour Code 2019 Art. 112.
        case statutory
        /// Ngày nghỉ bù: a holiday fell on a weekend (Art. 111(3)).
        case substitute
        /// A day off the government declares (hoán đổi ngày làm việc).
        case declaredDayOff = "declared_day_off"
        /// A weekend day worked to make up for a declared day off (làm bù).
        case makeUpWorkingDay = "make_up_working_day"
        /// A weekday the default rules would give off but the year's declaration keeps working
        /// (the Prime Minister chose other days for Tết or 2/9).
        case declaredWorkingDay = "declared_working_day"

        public var label: String {
            switch self {
            case .statutory: "Nghỉ lễ, Tết"
            case .substitute: "Nghỉ bù"
            case .declaredDayOff: "Nghỉ theo thông báo"
            case .makeUpWorkingDay: "Làm bù"
            case .declaredWorkingDay: "Làm việc theo thông báo"
            }
        }
    }

    public let date: CivilDate
    public let name: String
    public let kind: Kind

    public init(date: CivilDate, name: String, kind: Kind) {
        self.date = date
        self.name = name
        self.kind = kind
    }

    public var isWorkingDay: Bool { kind == .makeUpWorkingDay || kind == .declaredWorkingDay }

    /// Entered by an administrator from a government announcement (not derived from the law).
    public var isDeclared: Bool { kind != .statutory && kind != .substitute }
}
