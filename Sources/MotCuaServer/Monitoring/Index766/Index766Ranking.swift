import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// The Decision 766 scorecards of a province's units for a reporting period and their ranking,
/// and the province's own scorecard: every input read per unit in one query each (tallies,
/// catalogue, online procedures used, feedback), whatever the number of units.
enum Index766Ranking {
    struct Entry {
        let unit: OrgUnit
        let scorecard: Index766.Scorecard
        let rank: Int?
    }

    struct Result {
        let period: ReportingPeriod
        /// The days counted: the period, up to today while it is still running.
        let from: CivilDate
        let to: CivilDate
        let province: Province
        let provinceScorecard: Index766.Scorecard
        /// Best first; units with nothing to score last, by name.
        let entries: [Entry]
    }

    /// The units ranked: the province's active units that receive procedures.
    static func rankedUnits(of provinceID: UUID, on db: any Database) async throws -> [OrgUnit] {
        let receiving = Set(try await (db as! any SQLDatabase).select().distinct().column(SQLColumn("unit_id", table: "up"))
            .from(SQLAlias(SQLIdentifier(UnitProcedure.schema), as: SQLIdentifier("up")))
            .join(SQLAlias(SQLIdentifier(OrgUnit.schema), as: SQLIdentifier("u")), on: SQLColumn("unit_id", table: "up"), .equal, SQLColumn("id", table: "u"))
            .where(SQLColumn("province_id", table: "u"), .equal, SQLBind(provinceID)).all(decoding: UnitRow.self).map(\.unit_id))
        return try await OrgUnit.query(on: db).filter(\.$province.$id == provinceID).sort(\.$code).all()
            .filter { $0.isActive && receiving.contains($0.id!) }
    }

    private struct UnitRow: Decodable { let unit_id: UUID }

    /// `units`: by default the units ranked.
    static func compute(province: Province, period: ReportingPeriod, now: Date, units chosen: [OrgUnit]? = nil,
                        on db: any Database) async throws -> Result {
        let units = if let chosen { chosen } else { try await rankedUnits(of: province.id!, on: db) }
        let ids = units.compactMap(\.id)
        let (first, last) = period.days
        let today = VietnameseFormat.civilDate(of: now)
        let to = min(last, today)
        guard first <= to else { throw AppError.invalid([.init(field: "period", message: "Kỳ đánh giá chưa bắt đầu.")]) }
        let days = TallyReader.Period(from: first, to: to)
        let start = DossierFacts.midnight(days.start), end = DossierFacts.midnight(days.end)
        let provinceID = province.id!
        try await TallyWorker.drain(on: db)
        // Four independent reads, on as many connections at once.
        async let sumsRead = TallyReader.sums(.unit, units: ids, period: days, perUnit: true, on: db)
        async let catalogueRead = Self.catalogue(units: ids, on: db)
        async let usedRead = TallyReader.onlineProceduresUsed(units: ids, provinceID: provinceID, period: days, on: db)
        async let feedbackRead = FeedbackIndicators.perUnit(ids, from: start, to: end, on: db)
        let (sums, catalogue, used, feedback) = try await (sumsRead, catalogueRead, usedRead, feedbackRead)
        var inputs: [UUID: Index766.Inputs] = [:]
        var provinceInputs = Index766.Inputs()
        for id in ids {
            let sum = sums[TallyReader.Group(unitID: id, key: "")] ?? TallyReader.Sums()
            var unitCatalogue = catalogue[id] ?? .init()
            unitCatalogue.onlineUsed = used.perUnit[id] ?? 0
            let unitInputs = Index766.Inputs(dossiers: sum.figures, tally: sum.during, catalogue: unitCatalogue, feedback: feedback[id] ?? .init())
            inputs[id] = unitInputs
            provinceInputs = provinceInputs + unitInputs
        }
        // The province's catalogue counts each of its procedures once.
        provinceInputs.catalogue = try await Self.provinceCatalogue(provinceID, on: db)
        provinceInputs.catalogue.onlineUsed = used.province
        let cards = units.map { Index766.scorecard(inputs[$0.id!]!) }
        let ranks = Index766.ranks(cards.map(\.percent))
        let entries = zip(units, zip(cards, ranks)).map { Entry(unit: $0, scorecard: $1.0, rank: $1.1) }
            .sorted { ($0.rank ?? Int.max, $0.unit.name) < ($1.rank ?? Int.max, $1.unit.name) }
        return Result(period: period, from: first, to: to, province: province, provinceScorecard: Index766.scorecard(provinceInputs), entries: entries)
    }

    private struct CatalogueRow: Decodable {
        let unit_id: UUID
        let procedures: Int
        let complete: Int
        let online: Int
    }

    /// Per unit: the procedures it receives, those publishing every component, those offered online.
    static func catalogue(units: [UUID], on db: any Database) async throws -> [UUID: Index766.Inputs.Catalogue] {
        guard !units.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT up.unit_id, COUNT(*) AS procedures, SUM(CASE WHEN p.complete THEN 1 ELSE 0 END) AS complete,
              SUM(CASE WHEN p.online_level IN ('full', 'partial') THEN 1 ELSE 0 END) AS online
            FROM unit_procedures up JOIN procedures p ON p.id = up.procedure_id
            WHERE up.unit_id IN (\(binds: units)) GROUP BY up.unit_id
            """).all(decoding: CatalogueRow.self)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.unit_id, .init(procedures: $0.procedures, complete: $0.complete, online: $0.online)) })
    }

    private struct ProvinceCatalogueRow: Decodable {
        let procedures: Int
        let complete: Int?
        let online: Int?
    }

    /// The province's procedures, each counted once.
    static func provinceCatalogue(_ provinceID: UUID, on db: any Database) async throws -> Index766.Inputs.Catalogue {
        let row = try await (db as! any SQLDatabase).raw("""
            SELECT COUNT(*) AS procedures, SUM(CASE WHEN complete THEN 1 ELSE 0 END) AS complete,
              SUM(CASE WHEN online_level IN ('full', 'partial') THEN 1 ELSE 0 END) AS online
            FROM procedures WHERE province_id = \(bind: provinceID)
            """).first(decoding: ProvinceCatalogueRow.self)
        return .init(procedures: row?.procedures ?? 0, complete: row?.complete ?? 0, online: row?.online ?? 0)
    }
}
