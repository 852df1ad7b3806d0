import Fluent
import Vapor

/// Every documented operation and schema, area by area: each area describes its own routes and
/// DTOs next to them; this list only gathers them into the OpenAPI document.
enum APIRegistry {
    private static let areas: [(operations: [APIOperation], schemas: [String: JSONValue])] = [
        (SystemAPI.operations, SystemAPI.schemas), (OrganizationAPI.operations, OrganizationAPI.schemas),
        (CalendarAPI.operations, CalendarAPI.schemas), (CatalogueAPI.operations, CatalogueAPI.schemas),
        (DossierAPI.operations, DossierAPI.schemas), (QueueAPI.operations, QueueAPI.schemas), (FeedbackAPI.operations, FeedbackAPI.schemas),
        (SatisfactionAPI.operations, SatisfactionAPI.schemas), (AlertAPI.operations, AlertAPI.schemas),
        (StatisticsAPI.operations, StatisticsAPI.schemas), (Index766API.operations, Index766API.schemas),
    ]

    static let operations: [APIOperation] = areas.flatMap(\.operations)

    /// A schema named by two areas keeps the first area's definition.
    static let document: JSONValue = OpenAPIDocument.build(
        operations: operations,
        schemas: areas.reduce(into: [:]) { all, area in all.merge(area.schemas) { first, _ in first } }
    )

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
