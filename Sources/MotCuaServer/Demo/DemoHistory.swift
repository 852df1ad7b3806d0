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
            dossier.resultDelivery = channel == .online && Bool.random(using: &random) ? .electronic : channel == .post ? .post : .counter
            dossier.applicantName = Self.names.randomElement(using: &random)!
            dossier.applicantPhone = "09\(Int.random(in: 10_000_000...99_999_999, using: &random))"
            dossier.applicantAddress = "Số \(Int.random(in: 1...200, using: &random)), \(unit.name)"
            dossier.requestSummary = procedure.name
            dossier.submittedAt = submitted
            (dossier.supplementsJSON, dossier.supplementCount) = ("[]", 0)
            (dossier.apologyCount, dossier.stepIndex, dossier.version) = (0, 0, 1)
            dossier.fileCount = channel == .online ? 1 : Double.random(in: 0..<1, using: &random) < 0.7 ? 1 : 0
            dossier.holder = DossierDesk.oneStop
            let reception = "Công chức một cửa \(unit.name)"
            var events = [DossierEvent(dossierID: dossier.id!, at: submitted, action: "submit", from: nil, to: .submitted, actorID: nil,
                                       actorName: channel == .online ? dossier.applicantName : reception, note: "\(channel.label): \(procedure.name)")]
            func end(_ action: DossierAction, _ status: DossierStatus, at moment: Date, by actor: String) {
                events.append(DossierEvent(dossierID: dossier.id!, at: moment, action: action.rawValue, from: dossier.status, to: status, actorID: nil,
                                           actorName: actor, note: action.needsNote ? "Theo đề nghị của người nộp hồ sơ" : ""))
                dossier.status = status
            }
            dossier.status = .submitted
            let received = try? time.nextWorkingMoment(from: submitted.addingTimeInterval(channel == .online ? Double.random(in: 600...20_000, using: &random) : 60))
            let roll = Double.random(in: 0..<1, using: &random)
            if roll < 0.02 || received == nil || received! >= until {
                // Refused at reception (never received), or still waiting to be checked.
                if roll < 0.02, let refusedAt = received, refusedAt < until {
                    end(.refuse, .refused, at: refusedAt, by: reception)
                    dossier.endedAt = refusedAt
                }
                return keep(dossier, content, events, into: &batch)
            }
            let receivedAt = received!
            let (value, unitOfTime) = content.processingTime?.deadline ?? (3, .workingDays)
            guard let appointment = try? DeadlineCalculator(time: time).appointment(receivedAt: receivedAt, value: value, unit: unitOfTime).due else {
                return keep(dossier, content, events, into: &batch)
            }
            dossier.receivedAt = receivedAt
            (dossier.legalAppointmentAt, dossier.appointmentAt) = (appointment, appointment)
            end(.accept, .received, at: receivedAt, by: reception)
            events[events.count - 1].appointmentAt = appointment
            // The center hands it to the field's specialist within the half hour (the control slip's
            // first hand-over), as the desk's routing does.
            if let specialist = specialists.first(where: { $0.1.contains(procedure.$field.id) })?.0 ?? specialists.first?.0 {
                (dossier.assigneeID, dossier.assigneeName) = (specialist.id, specialist.fullName)
                dossier.holder = "Chuyên viên \(specialist.fullName)"
                let assigned = later(receivedAt, working: Int.random(in: 300...1_800, using: &random))
                if assigned < until {
                    let event = DossierEvent(dossierID: dossier.id!, at: assigned, action: DossierAction.assign.rawValue, from: .received, to: .processing,
                                             actorID: nil, actorName: "Lãnh đạo \(unit.name)", note: "Chuyển \(specialist.fullName) thụ lý")
                    (event.givenBy, event.receivedBy) = (DossierDesk.oneStop, "Chuyên viên \(specialist.fullName)")
                    events.append(event)
                }
            }
            dossier.status = .processing
            // How it ends: withdrawn or stopped now and then; one supplement for some, two for a few;
            // resolved early, on time or late. Every moment falls in working hours, counted in
            // working time from the one before.
            let fate = Double.random(in: 0..<1, using: &random)
            let budget = max((try? time.workingSeconds(from: receivedAt, to: appointment)) ?? 3_600, 3_600)
            if fate < 0.02 {
                let moment = later(receivedAt, working: Int(Double(budget) * Double.random(in: 0.1...0.6, using: &random)))
                if moment < until {
                    end(fate < 0.015 ? .withdraw : .stop, fate < 0.015 ? .withdrawn : .stopped, at: moment, by: reception)
                    dossier.endedAt = moment
                }
                return keep(dossier, content, events, into: &batch)
            }
            var pausedWorking = 0
            let supplements = fate < 0.025 ? 2 : fate < 0.09 ? 1 : 0
            var asked = later(receivedAt, working: Int.random(in: 1_800...7_200, using: &random))
            for _ in 0..<supplements {
                guard asked < until else { break }
                let waited = Int.random(in: 28_800...115_200, using: &random)  // one to four working days
                let completed = later(asked, working: waited)
                let request = DossierEvent(dossierID: dossier.id!, at: asked, action: DossierAction.requestSupplement.rawValue, from: .processing,
                                           to: .supplementRequested, actorID: nil, actorName: dossier.assigneeName ?? reception,
                                           note: "Bổ sung bản sao giấy tờ còn thiếu theo thành phần hồ sơ")
                events.append(request)
                dossier.supplements = dossier.supplements + [SupplementPeriod(requestedAt: asked, completedAt: completed < until ? completed : nil)]
                guard completed < until else {
                    dossier.status = .supplementRequested
                    dossier.pausedFrom = .processing
                    dossier.holder = "Người nộp hồ sơ (bổ sung)"
                    return keep(dossier, content, events, into: &batch)
                }
                // The clock stood still while the applicant gathered the papers: the appointment moves.
                let received = DossierEvent(dossierID: dossier.id!, at: completed, action: DossierAction.supplementReceived.rawValue,
                                            from: .supplementRequested, to: .processing, actorID: nil, actorName: reception, note: "")
                if let current = dossier.appointmentAt,
                   let moved = try? DeadlineCalculator(time: time).extended(.init(countsFrom: completed, due: current), pauses: [(asked, completed)]) {
                    dossier.appointmentAt = moved.due
                    received.appointmentAt = moved.due
                }
                events.append(received)
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
            let processed = later(receivedAt, working: used + pausedWorking)
            if content.feeVND ?? 0 > 0, processed.addingTimeInterval(-1_800) < until {
                dossier.paidAt = processed.addingTimeInterval(-1_800)
                dossier.paidOnline = Double.random(in: 0..<1, using: &random) < 0.45 ? Int.random(in: 1...2, using: &random) : nil
            }
            // The specialist submits the draft result; the leader signs it.
            let proposed = later(receivedAt, working: Int(Double(used) * 0.85) + pausedWorking)
            if proposed < until, let specialist = dossier.assigneeName {
                let event = DossierEvent(dossierID: dossier.id!, at: proposed, action: DossierAction.submitForApproval.rawValue, from: .processing,
                                         to: .awaitingApproval, actorID: nil, actorName: specialist, note: "Trình ký kết quả")
                (event.givenBy, event.receivedBy) = ("Chuyên viên \(specialist)", "Lãnh đạo \(unit.name)")
                events.append(event)
                dossier.status = .awaitingApproval
                dossier.holder = "Lãnh đạo \(unit.name)"
            }
            guard processed < until else { return keep(dossier, content, events, into: &batch) }
            dossier.processedAt = processed
            dossier.timeliness = DossierClock.timeliness(end: processed, appointment: appointment, supplements: dossier.supplements)
            end(.approve, .resultReady, at: processed, by: "Lãnh đạo \(unit.name)")
            dossier.holder = DossierDesk.oneStop
            let returned = later(processed, working: Int.random(in: 1_800...57_600, using: &random))
            if returned < until {
                end(.returnResult, .returned, at: returned, by: reception)
                (dossier.returnedAt, dossier.endedAt) = (returned, returned)
                dossier.holder = "Người nộp hồ sơ"
                let rated = returned.addingTimeInterval(Double.random(in: 600...(72 * 3_600), using: &random))
                if rated < until, Double.random(in: 0..<1, using: &random) < 0.2 {
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
            }
            keep(dossier, content, events, into: &batch)
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
