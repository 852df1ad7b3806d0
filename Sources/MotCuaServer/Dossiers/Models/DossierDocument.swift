import Fluent
import Foundation
import MotCuaCore

/// One line of the counter's checklist (kiểm tra thành phần hồ sơ): a required document of the
/// procedure, and whether the applicant handed it over. The receipt (Mẫu 01) lists those received;
/// the supplement request (Mẫu 02) those missing.
final class DossierDocument: Model, @unchecked Sendable {
    static let schema = "dossier_documents"

    @ID(key: .id) var id: UUID?
    @Parent(key: "dossier_id") var dossier: Dossier
    /// Its place in the procedure's list, from 0.
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String
    @Field(key: "form") var form: RequiredDocument.Form
    @Field(key: "quantity") var quantity: Int
    /// When it was received; nil while missing.
    @OptionalField(key: "received_at") var receivedAt: Date?

    init() {}

    init(dossierID: UUID, position: Int, item: IntakeChecklist.Item, at date: Date) {
        id = UUID()
        $dossier.id = dossierID
        self.position = position
        name = item.document.name
        form = item.document.form
        quantity = item.document.quantity
        receivedAt = item.received ? date : nil
    }

    /// A dossier's checklist in the procedure's order (empty when it was not received at a counter).
    static func checklist(of dossierID: UUID, on db: any Database) async throws -> [DossierDocument] {
        try await query(on: db).filter(\.$dossier.$id == dossierID).sort(\.$position).all()
    }

    /// The line the receipt prints: "Tờ khai (bản chính, 1 bản)".
    var line: String {
        IntakeChecklist.Item(document: RequiredDocument(name: name, form: form, quantity: quantity), received: receivedAt != nil).line
    }
}

extension DossierDocument {
    /// Listed by hand (`ModelPropertiesTests`).
    var properties: [any AnyProperty] { [$id, $dossier, $position, $name, $form, $quantity, $receivedAt] }
}
