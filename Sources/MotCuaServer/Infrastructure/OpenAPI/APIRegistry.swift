import Fluent
import Vapor

/// Every documented operation and schema, from each area.
enum APIRegistry {
    static let operations: [APIOperation] = SystemAPI.operations + OrganizationAPI.operations + CalendarAPI.operations + CatalogueAPI.operations
        + DossierAPI.operations + QueueAPI.operations + FeedbackAPI.operations + SatisfactionAPI.operations + AlertAPI.operations + StatisticsAPI.operations
        + Index766API.operations

    static let document: JSONValue = OpenAPIDocument.build(
        operations: operations,
        schemas: SystemAPI.schemas.merging(OrganizationAPI.schemas) { first, _ in first }.merging(CalendarAPI.schemas) { first, _ in first }
            .merging(CatalogueAPI.schemas) { first, _ in first }.merging(DossierAPI.schemas) { first, _ in first }
            .merging(QueueAPI.schemas) { first, _ in first }.merging(FeedbackAPI.schemas) { first, _ in first }
            .merging(SatisfactionAPI.schemas) { first, _ in first }
            .merging(AlertAPI.schemas) { first, _ in first }
            .merging(StatisticsAPI.schemas) { first, _ in first }
            .merging(Index766API.schemas) { first, _ in first }
    )

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
