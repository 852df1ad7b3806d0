import Fluent
import Foundation
import MotCuaCore
import SQLKit

/// A generated past for the demo province, and for benchmarks at a province's scale
/// (`motcua seed --history N`): dossiers received on the working days before now across the
/// commune-level units (some wards far busier than others, popular procedures far more common),
/// each with a plausible life — accepted, mostly resolved early or on time, some late, some
/// supplemented, a few refused, withdrawn or stopped, the recent ones still open — with its events,
/// payments, files, results and the citizens' ratings; the tallies written as the dossiers are.
/// The same seed gives the same history.
enum DemoHistory {
    struct Options {
        var dossiers: Int
        /// How many calendar days back from `until` the history starts.
        var days: Int
        var until: Date
        /// Write each dossier's timeline (benchmarks of the statistics may leave it out).
        var events = true
        var seed: UInt64 = 2026
    }

    struct Summary: Equatable, Sendable {
        var dossiers = 0
        var events = 0
        var ratings = 0

        static func += (lhs: inout Summary, rhs: Summary) {
            lhs.dossiers += rhs.dossiers
            lhs.events += rhs.events
            lhs.ratings += rhs.ratings
        }
    }

    /// A procedure as the generator draws it.
    private struct Offer: Sendable {
        let procedure: Procedure
        let version: ProcedureVersion
        let content: ProcedureContent
    }

    static func generate(_ options: Options, provinceID: UUID, codeFormat: DossierCodeFormat, on db: any Database) async throws -> Summary {
        var random = SplitMix64(seed: options.seed)
        let units = try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).sort(\.$code).all().filter { $0.kind.isCommuneLevel && $0.isActive }
        guard !units.isEmpty, options.dossiers > 0 else { return Summary() }
        var offers: [Offer] = []
        for procedure in try await Procedure.query(on: db).filter(\.$province.$id == provinceID).sort(\.$code).all() {
            guard let version = try await ProcedureVersion.query(on: db).filter(\.$procedure.$id == procedure.id!)
                .filter(\.$number == procedure.currentVersion).first() else { continue }
            offers.append(Offer(procedure: procedure, version: version, content: try version.content()))
        }
        guard !offers.isEmpty else { return Summary() }
        offers.shuffle(using: &random)
        // The commonest procedures lead, in their order; popularity falls off with rank, as a few
        // procedures (certified copies, birth, marriage) make most of the work.
        let rank = Dictionary(uniqueKeysWithValues: DemoCatalogue.commonest.enumerated().map { ($0.element, $0.offset) })
        offers = offers.enumerated().sorted { a, b in
            (rank[a.element.procedure.code] ?? rank.count + a.offset, a.offset) < (rank[b.element.procedure.code] ?? rank.count + b.offset, b.offset)
        }.map(\.element)
        let procedureWeights = offers.indices.map { 1 / pow(Double($0) + 1, 0.9) }
        let unitWeights = units.indices.map { 1 / pow(Double(($0 * 37) % units.count) + 3, 0.8) }
        let start = options.until.addingTimeInterval(-Double(options.days) * 86_400)
        let time = try await CalendarService.workingTime(around: [start, options.until.addingTimeInterval(120 * 86_400)], unit: nil, on: db)
        var workingDays: [CivilDate] = []
        var day = VietnameseFormat.civilDate(of: start)
        let lastDay = VietnameseFormat.civilDate(of: options.until)
        while day < lastDay {
            if (try? time.calendar.isWorkingDay(day)) == true { workingDays.append(day) }
            day = day.adding(days: 1)
        }
        guard !workingDays.isEmpty else { return Summary() }
        let specialists = try await Self.specialists(of: units.compactMap(\.id), on: db)
        let totalWeight = unitWeights.reduce(0, +)
        var remaining = options.dossiers
        var counts: [Int] = []
        for index in units.indices {
            let count = index == units.count - 1 ? remaining : min(remaining, Int((Double(options.dossiers) * unitWeights[index] / totalWeight).rounded()))
            counts.append(count)
            remaining -= count
        }
        // A few units at a time on PostgreSQL (generating and writing overlap; SQLite has one writer);
        // each unit draws from its own seed, so the history is the same whatever the order.
        let workers = (db as? any SQLDatabase)?.dialect.name == "postgresql" ? 3 : 1
        let setting = Setting(offers: offers, procedureWeights: procedureWeights, workingDays: workingDays, time: time, until: options.until,
                              codeFormat: codeFormat, events: options.events)
        return try await withThrowingTaskGroup(of: Summary.self) { group in
            var summary = Summary()
            for (index, unit) in units.enumerated() {
                if index >= workers, let done = try await group.next() { summary += done }
                let (seed, count, staff) = (options.seed &+ UInt64(index) &* 0x9E37_79B9, counts[index], specialists[unit.id!] ?? [])
                group.addTask { try await Self.history(of: unit, count: count, seed: seed, setting, specialists: staff, on: db) }
            }
            for try await done in group { summary += done }
            return summary
        }
    }

    /// What every unit's history draws from.
    private struct Setting: Sendable {
        let offers: [Offer]
        let procedureWeights: [Double]
        let workingDays: [CivilDate]
        let time: WorkingTime
        let until: Date
        let codeFormat: DossierCodeFormat
        let events: Bool
    }

    private static func history(of unit: OrgUnit, count: Int, seed: UInt64, _ setting: Setting, specialists: [(User, Set<UUID>)],
                                on db: any Database) async throws -> Summary {
        var random = SplitMix64(seed: seed)
        // The days first, so each day's dossier numbers are taken from the unit's code counter at once.
        let days = (0..<count).map { _ in setting.workingDays.randomElement(using: &random)! }
        let perDay = Dictionary(grouping: days, by: \.description).mapValues(\.count)
        let first = try await DailySequence.reserve(perDay, in: DossierCodeCounter.schema, owner: "unit_id", unit.id!, on: db)
        var life = Life(unit: unit, time: setting.time, until: setting.until, codeFormat: setting.codeFormat, specialists: specialists)
        life.sequence = Dictionary(days.map { ($0.julianDay, (first[$0.description] ?? 1) - 1) }, uniquingKeysWith: { kept, _ in kept })
        var batch = Batch(keepsEvents: setting.events)
        var summary = Summary()
        for day in days {
            let offer = setting.offers[Self.pick(setting.procedureWeights, &random)]
            life.live(offer.procedure, offer.version, offer.content, on: day, into: &batch, &random)
            if batch.dossiers.count >= 500 { try await batch.flush(on: db, into: &summary) }
        }
        try await batch.flush(on: db, into: &summary)
        try await life.ledger.write(on: db)
        return summary
    }

    private static func pick(_ weights: [Double], _ random: inout SplitMix64) -> Int {
        var left = Double.random(in: 0..<weights.reduce(0, +), using: &random)
        for (index, weight) in weights.enumerated() {
            left -= weight
            if left < 0 { return index }
        }
        return weights.count - 1
    }

    /// Specialists per unit with their fields.
    private static func specialists(of units: [UUID], on db: any Database) async throws -> [UUID: [(User, Set<UUID>)]] {
        let roles = try await UserRole.query(on: db).filter(\.$role == .specialist).all()
        let users = try await User.query(on: db).filter(\.$id ~~ roles.map { $0.$user.id }).filter(\.$unit.$id ~~ units).all()
        let fields = Dictionary(grouping: try await UserField.query(on: db).filter(\.$user.$id ~~ users.compactMap(\.id)).all(), by: { $0.$user.id })
        var result: [UUID: [(User, Set<UUID>)]] = [:]
        for user in users {
            guard let unitID = user.$unit.id else { continue }
            result[unitID, default: []].append((user, Set((fields[user.id!] ?? []).map { $0.$field.id })))
        }
        return result
    }

    /// Rows waiting to be written, one statement per table.
    private struct Batch {
        let keepsEvents: Bool
        var dossiers: [Dossier] = []
        var events: [DossierEvent] = []
        var ratings: [SatisfactionRating] = []

        mutating func flush(on db: any Database, into summary: inout Summary) async throws {
            guard !dossiers.isEmpty else { return }
            let (dossiers, events, ratings) = (self.dossiers, self.events, self.ratings)
            try await db.transaction { db in
                try await dossiers.create(on: db)
                for start in stride(from: 0, to: events.count, by: 2_000) { try await Array(events[start..<min(start + 2_000, events.count)]).create(on: db) }
                if !ratings.isEmpty { try await ratings.create(on: db) }
            }
            summary.dossiers += dossiers.count
            summary.events += events.count
            summary.ratings += ratings.count
            self = Batch(keepsEvents: keepsEvents)
        }
    }

    /// One unit's dossiers, lived one after another.
    private struct Life {
        let unit: OrgUnit
        let time: WorkingTime
        let until: Date
        let codeFormat: DossierCodeFormat
        let specialists: [(User, Set<UUID>)]
        var ledger = TallyLedger()
        var sequence: [Int: Int] = [:]

        init(unit: OrgUnit, time: WorkingTime, until: Date, codeFormat: DossierCodeFormat, specialists: [(User, Set<UUID>)]) {
            (self.unit, self.time, self.until, self.codeFormat, self.specialists) = (unit, time, until, codeFormat, specialists)
        }

        mutating func live(_ procedure: Procedure, _ version: ProcedureVersion, _ content: ProcedureContent, on day: CivilDate, into batch: inout Batch,
                           _ random: inout SplitMix64) {
            let online = content.onlineLevel == .full || content.onlineLevel == .partial
            let channel: SubmissionChannel = online && Double.random(in: 0..<1, using: &random) < 0.65 ? .online
                : Double.random(in: 0..<1, using: &random) < 0.04 ? .post : .counter
            let submitted = WorkingTime.moment(day, Int.random(in: (7 * 3600 + 1800)...(16 * 3600 + 1800), using: &random))
            guard submitted < until else { return }
            let dossier = Dossier(unit: unit, procedure: procedure, version: version)
            let number = (sequence[day.julianDay] ?? 0) + 1
            sequence[day.julianDay] = number
            dossier.code = codeFormat.code(unit: unit.code, day: day, sequence: number)
            dossier.channel = channel
            dossier.applicantName = Self.names.randomElement(using: &random)!
            dossier.applicantPhone = "09\(Int.random(in: 10_000_000...99_999_999, using: &random))"
            dossier.applicantAddress = "Số \(Int.random(in: 1...200, using: &random)), \(unit.name)"
            dossier.requestSummary = procedure.name
            dossier.submittedAt = submitted
            dossier.version = 1
            dossier.fileCount = channel == .online ? 1 : Double.random(in: 0..<1, using: &random) < 0.7 ? 1 : 0
            var story = Story(dossier: dossier, unit: unit, lifecycle: DossierLifecycle(time: time, stepHours: content.internalProcess.map(\.hours)),
                              until: until)
            story.state.resultDelivery = channel == .online && Bool.random(using: &random) ? .electronic : channel == .post ? .post : .counter
            story.events.append(DossierEvent(dossierID: dossier.id!, at: submitted, action: "submit", from: nil, to: .submitted, actorID: nil,
                                             actorName: channel == .online ? dossier.applicantName : story.reception,
                                             note: "\(channel.label): \(procedure.name)"))
            tell(&story, content, channel: channel, submitted: submitted, &random)
            dossier.lifecycle = story.state
            keep(dossier, content, story.events, into: &batch)
            if let returned = story.state.returnedAt { rate(dossier, returned: returned, by: story.reception, into: &batch, &random) }
        }

        /// One dossier's life, told through the lifecycle the desk uses: each action by the party
        /// who does it at the center, at moments in working hours counted in working time from the
        /// one before; the story stops at `until`.
        private struct Story {
            let dossier: Dossier
            let lifecycle: DossierLifecycle
            let until: Date
            var state = DossierLifecycle.State()
            var events: [DossierEvent] = []
            let reception: String
            let leader: String

            init(dossier: Dossier, unit: OrgUnit, lifecycle: DossierLifecycle, until: Date) {
                (self.dossier, self.lifecycle, self.until) = (dossier, lifecycle, until)
                (reception, leader) = ("Công chức một cửa \(unit.name)", "Lãnh đạo \(unit.name)")
            }

            /// Does `move` when `moment` is before `until`; false when it is still to come.
            mutating func act(_ move: DossierLifecycle.Move, by party: DossierWorkflow.Party, at moment: Date, actor: String, note: String = "") -> Bool {
                guard moment < until, let (next, entry) = try? lifecycle.perform(move, on: state, by: party, at: moment) else { return false }
                state = next
                events.append(DossierEvent(dossierID: dossier.id!, entry, actorID: nil, actorName: actor, note: note))
                return true
            }
        }

        /// How it goes: refused at reception now and then; accepted and handed to the field's
        /// specialist within the half hour; withdrawn or stopped now and then; one supplement for
        /// some, two for a few; fees asked and paid; the draft result submitted and signed early,
        /// on time or late; the result handed back.
        private func tell(_ story: inout Story, _ content: ProcedureContent, channel: SubmissionChannel, submitted: Date,
                          _ random: inout SplitMix64) {
            let reception = story.reception
            let received = try? time.nextWorkingMoment(from: submitted.addingTimeInterval(channel == .online ? Double.random(in: 600...20_000, using: &random) : 60))
            let roll = Double.random(in: 0..<1, using: &random)
            guard let receivedAt = received else { return }
            if roll < 0.02 {
                _ = story.act(.refuse, by: .reception, at: receivedAt, actor: reception, note: "Hồ sơ không thuộc thẩm quyền giải quyết của đơn vị")
                return
            }
            let (value, unitOfTime) = content.processingTime?.deadline ?? (3, .workingDays)
            guard let appointment = try? DeadlineCalculator(time: time).appointment(receivedAt: receivedAt, value: value, unit: unitOfTime),
                  story.act(.accept(appointment), by: .reception, at: receivedAt, actor: reception)
            else { return }
            // The field's specialist; in a unit without accounts, a named officer of its own.
            let procedureField = story.dossier.$field.id
            let specialist = (specialists.first(where: { $0.1.contains(procedureField) })?.0 ?? specialists.first?.0)
                .map { DossierLifecycle.Officer(id: $0.id, name: $0.fullName) }
                ?? DossierLifecycle.Officer(id: nil, name: Self.names[(Int(unit.code) ?? 0) % Self.names.count])
            guard story.act(.assign(specialist), by: .leader, at: later(receivedAt, working: Int.random(in: 300...1_800, using: &random)),
                            actor: story.leader, note: "Chuyển \(specialist.name) thụ lý")
            else { return }
            let fate = Double.random(in: 0..<1, using: &random)
            let budget = max((try? time.workingSeconds(from: receivedAt, to: appointment.due)) ?? 3_600, 3_600)
            if fate < 0.02 {
                let moment = later(receivedAt, working: Int(Double(budget) * Double.random(in: 0.1...0.6, using: &random)))
                _ = fate < 0.015
                    ? story.act(.withdraw, by: .reception, at: moment, actor: reception, note: "Theo đề nghị của người nộp hồ sơ")
                    : story.act(.stop, by: .leader, at: moment, actor: story.leader, note: "Người nộp hồ sơ đề nghị dừng giải quyết")
                return
            }
            var pausedWorking = 0
            let supplements = fate < 0.025 ? 2 : fate < 0.09 ? 1 : 0
            var asked = later(story.events.last!.occurredAt, working: Int.random(in: 1_800...7_200, using: &random))
            for _ in 0..<supplements {
                let waited = Int.random(in: 28_800...115_200, using: &random)  // one to four working days
                let completed = later(asked, working: waited)
                guard story.act(.requestSupplement, by: .specialist, at: asked, actor: specialist.name,
                                note: "Bổ sung bản sao giấy tờ còn thiếu theo thành phần hồ sơ"),
                      story.act(.supplementReceived, by: .reception, at: completed, actor: reception)
                else { return }
                pausedWorking += waited
                asked = later(completed, working: Int.random(in: 1_800...7_200, using: &random))
            }
            let kind = Double.random(in: 0..<1, using: &random)
            let used: Int = if kind < 0.72 {
                Int(Double(budget) * Double.random(in: 0.05...0.7, using: &random))
            } else if kind < 0.96 {
                Int(Double(budget) * Double.random(in: 0.9...0.99, using: &random))
            } else {
                budget + Int.random(in: 3_600...86_400, using: &random)
            }
            // The rest happens between the last step and the signature, in that order.
            let start = story.events.last!.occurredAt
            let processed = max(later(receivedAt, working: used + pausedWorking), later(start, working: 1_800))
            let span = (try? time.workingSeconds(from: start, to: processed)) ?? 1_800
            func moment(_ share: Double) -> Date { later(start, working: Int(Double(span) * share)) }
            if content.feeVND ?? 0 > 0 {
                let online = Double.random(in: 0..<1, using: &random) < 0.45
                let payment: PaymentChannel = online ? (Bool.random(using: &random) ? .nationalPortal : .localGateway) : .counter
                guard story.act(.requestPayment, by: .specialist, at: moment(0.2), actor: specialist.name,
                                note: "Nộp lệ phí \(content.feeText)"),
                      story.act(.paymentReceived(payment), by: online ? .specialist : .reception, at: moment(0.5),
                                actor: online ? "Hệ thống thanh toán trực tuyến" : reception)
                else { return }
            }
            guard story.act(.submitForApproval, by: .specialist, at: moment(0.85), actor: specialist.name, note: "Trình ký kết quả"),
                  story.act(.approve, by: .leader, at: processed, actor: story.leader)
            else { return }
            _ = story.act(.returnResult(nil), by: .reception, at: later(processed, working: Int.random(in: 1_800...57_600, using: &random)),
                          actor: reception)
        }

        /// One returned dossier in five is rated by its applicant within three days.
        private mutating func rate(_ dossier: Dossier, returned: Date, by reception: String, into batch: inout Batch, _ random: inout SplitMix64) {
            let rated = returned.addingTimeInterval(Double.random(in: 600...(72 * 3_600), using: &random))
            guard rated < until, Double.random(in: 0..<1, using: &random) < 0.2 else { return }
            let roll = Double.random(in: 0..<1, using: &random)
            let rating = SatisfactionRating()
            (rating.$dossier.id, rating.provinceID, rating.unitID) = (dossier.id!, dossier.$province.id, dossier.$unit.id)
            (rating.receiverName, rating.assigneeID, rating.assigneeName) = (reception, dossier.assigneeID, dossier.assigneeName)
            rating.level = roll < 0.03 ? .unsatisfied : roll < 0.15 ? .satisfied : .verySatisfied
            rating.setCriteria([:])
            (rating.comment, rating.channel, rating.ratedAt, rating.changeableUntil) = ("", .tracking, rated, rated.addingTimeInterval(7 * 86_400))
            batch.ratings.append(rating)
            let keys = TallyLedger.Keys(unitID: unit.id!, provinceID: dossier.$province.id, fieldID: dossier.$field.id,
                                        procedureCode: dossier.procedureCode, officerID: dossier.assigneeID)
            ledger += DossierTallies.rating(from: nil, to: (rating.level, rated), keys: keys)
        }

        /// The moment `working` seconds of working time after `moment` (within working hours).
        func later(_ moment: Date, working seconds: Int) -> Date {
            (try? time.adding(seconds: seconds, to: moment)) ?? moment.addingTimeInterval(Double(seconds))
        }

        private mutating func keep(_ dossier: Dossier, _ content: ProcedureContent, _ events: [DossierEvent], into batch: inout Batch) {
            dossier.updatedAt = events.last!.occurredAt
            batch.dossiers.append(dossier)
            if batch.keepsEvents { batch.events += events }
            let snapshot = DossierTallies.Snapshot(dossier, content: content)
            ledger.add(snapshot.facts.tallies(), under: snapshot.keys)
            (dossier.tallied, dossier.tallyPending) = (snapshot.json, false)
        }

        static let names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang", "Đặng Văn Hải",
                            "Bùi Thị Hoa", "Đỗ Văn Khánh", "Ngô Thị Lan", "Dương Văn Minh", "Lý Thị Ngọc", "Phan Văn Phúc", "Trịnh Thị Quyên"]
    }
}
