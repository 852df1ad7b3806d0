/// Kiểm tra thành phần hồ sơ at the counter: the procedure's required documents, each ticked as
/// received or not. A complete checklist is accepted at once (Giấy tiếp nhận, Mẫu 01); an
/// incomplete one becomes the supplement request (Phiếu yêu cầu bổ sung, Mẫu 02), one line per
/// missing document.
public struct IntakeChecklist: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public let document: RequiredDocument
        public let received: Bool

        public init(document: RequiredDocument, received: Bool) {
            self.document = document
            self.received = received
        }

        /// "Tờ khai đăng ký kết hôn (bản chính, 1 bản)", as the receipt and the request list it.
        public var line: String { "\(document.name) (\(document.form.label.lowercased()), \(document.quantity) bản)" }
    }

    public let items: [Item]

    /// `received` holds the positions (0-based) ticked; positions outside the list are ignored.
    public init(documents: [RequiredDocument], received: Set<Int>) {
        items = documents.enumerated().map { Item(document: $0.element, received: received.contains($0.offset)) }
    }

    public var isEmpty: Bool { items.isEmpty }
    public var missing: [Item] { items.filter { !$0.received } }
    public var isComplete: Bool { missing.isEmpty }

    /// The supplement request's reasons: one line per missing document.
    public var supplementNote: String {
        missing.map { "Nộp \($0.line)" }.joined(separator: "\n")
    }
}
