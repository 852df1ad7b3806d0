import Fluent
import Vapor

/// Every migration, once, in order. Names are stable: never rename or reorder a shipped one.
enum Migrations {
    static func register(on app: Application) {
        app.migrations.add([
            M001CreateProvinces(),
            M002CreateUnits(),
            M003CreateUnitRevisions(),
            M004CreateDepartments(),
            M005CreateProcedureFields(),
            M006CreateUsers(),
            M007CreateUserRoles(),
            M008CreateUserFields(),
            M009CreateAPITokens(),
            M010CreateAuditEvents(),
            M011CreateWebSessions(),
            M012CreateCalendarDeclarations(),
            M013AddUnitWorkingHours(),
            M014CreateProcedures(),
            M015CreateDossiers(),
            M016CreateOutbox(),
            M017AddDossierTransferUnit(),
            M018AddDossierPayment(),
            M019CreateQueue(),
            M020CreateRateLimits(),
            M021CreateFeedback(),
            M022CreateSatisfactionRatings(),
            M023CreateAlerts(),
            M024CreateDossierTallies(),
            M025AddAPITokenCredentials(),
            M026ChainAuditEvents(),
            M027CreateDossierRequestKeys(),
            M028AddContactVerification(),
            M029AddAPITokenScopes(),
            M030ReindexProcedureSearch(),
            M031CreateDossierDocuments(),
        ])
    }
}
