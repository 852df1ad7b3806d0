import Fluent
import Vapor

/// The one route table, grouped by area.
func routes(_ app: Application) throws {
    // Public pages and accounts
    try app.register(collection: HomePage())
    try app.register(collection: IdentityPages())
    // Administration
    try app.register(collection: AdminPages())
    try app.register(collection: UnitAdminPages())
    try app.register(collection: StaffAdminPages())
    try app.register(collection: AuditTrailPages())
    try app.register(collection: TokenPages())
    try app.register(collection: CalendarPages())
    try app.register(collection: CataloguePages())
    try app.register(collection: CatalogueAdminPages())
    try app.register(collection: FieldPages())
    try app.register(collection: UnitProcedurePages())
    // Dossiers
    try app.register(collection: DossierPages())
    try app.register(collection: CounterIntakePages())
    try app.register(collection: TrackingPages())
    // JSON API under /api/v1 (each listed in the OpenAPI document)
    try app.register(collection: SystemAPI())
    try app.register(collection: OrganizationAPI())
    try app.register(collection: CalendarAPI())
    try app.register(collection: CatalogueAPI())
    try app.register(collection: DossierAPI(largestFile: app.motcua.maximumFileBytes))
    try app.register(collection: QueueAPI())
    try app.register(collection: QueuePages())
    try app.register(collection: FeedbackAPI())
    try app.register(collection: Open311Endpoint())
    try app.register(collection: FeedbackPages())
    try app.register(collection: FeedbackWorkspacePages())
    try app.register(collection: FeedbackSettingsPages())
    try app.register(collection: SatisfactionAPI())
    try app.register(collection: SatisfactionPages())
    try app.register(collection: AlertAPI())
    try app.register(collection: StatisticsAPI())
    try app.register(collection: Index766API())
    try app.register(collection: DashboardPages())
    try app.register(collection: Index766Pages())
    try app.register(collection: NotificationPages())
    try app.register(collection: QueueAdminPages())
    // Operations
    app.get("metrics") { req async throws -> Response in
        if let allowed = req.application.motcua.metricsAddresses, !allowed.contains(req.clientAddress) {
            throw AppError.notFound("Không tìm thấy trang hoặc dữ liệu yêu cầu.")
        }
        let response = Response(status: .ok, body: .init(string: await MetricsSetup.exposition(for: req)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["version": "0.0.4", "charset": "utf-8"])
        return response
    }
}
