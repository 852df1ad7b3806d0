import Fluent
import Foundation
import Testing
@testable import MotCuaServer

@Suite("Models list their properties by hand, exactly as reflection finds them")
struct ModelPropertiesTests {
    /// The property wrappers reflection finds on a fresh instance.
    static func reflected(_ model: any Fields) -> Set<ObjectIdentifier> {
        Set(Mirror(reflecting: model).children.compactMap { $0.value as? any AnyProperty }.map { ObjectIdentifier($0 as AnyObject) })
    }

    static let models: [any Fields.Type] = [
        CalendarDeclaration.self, Procedure.self, ProcedureVersion.self, UnitProcedure.self, ProcedureField.self, Dossier.self,
        DossierAttachment.self, DossierDocument.self, DossierEvent.self, APIToken.self, ContactCode.self, User.self, UserField.self, UserRole.self, AuditEvent.self,
        OutboxMessage.self, WebSession.self, Department.self, OrgUnit.self, Province.self, UnitRevision.self, ServiceGroup.self,
        ServiceCounter.self, QueueTicket.self,
    ]

    @Test("Every model's hand-written list equals reflection's (nothing forgotten, nothing extra)")
    func lists() {
        for type in Self.models {
            let model = type.init()
            let listed = model.properties.map { ObjectIdentifier($0 as AnyObject) }
            #expect(Set(listed) == Self.reflected(model) && Set(listed).count == listed.count, "\(type)")
        }
    }
}
