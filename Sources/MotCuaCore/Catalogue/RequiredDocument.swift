/// Thành phần hồ sơ: one document a citizen brings, how many, and in which form.
public struct RequiredDocument: Sendable, Codable, Equatable {
    /// Hình thức: original, certified copy, plain copy, or either.
    public enum Form: String, Sendable, Codable, CaseIterable {
        case original
        case certifiedCopy = "certified_copy"
        case copy
        case originalOrCopy = "original_or_copy"

        public var label: String {
            switch self {
            case .original: "Bản chính"
            case .certifiedCopy: "Bản sao có chứng thực"
            case .copy: "Bản sao"
            case .originalOrCopy: "Bản chính hoặc bản sao"
            }
        }
    }

    public var name: String
    public var form: Form
    public var quantity: Int
    /// The form (mẫu) to fill in, if any: its name and where to download it.
    public var templateName: String?
    public var templateURL: String?

    public init(name: String, form: Form, quantity: Int = 1, templateName: String? = nil, templateURL: String? = nil) {
        self.name = name
        self.form = form
        self.quantity = quantity
        self.templateName = templateName
        self.templateURL = templateURL
    }
}

/// Bước của quy trình nội bộ (the ISO 9001 process sheet): who does what, within how many
/// working hours.
public struct InternalStep: Sendable, Codable, Equatable {
    /// Department or role in charge (Bộ phận một cửa, Công chức Tư pháp – Hộ tịch, Lãnh đạo UBND…).
    public var actor: String
    public var task: String
    public var hours: Double

    public init(actor: String, task: String, hours: Double) {
        self.actor = actor
        self.task = task
        self.hours = hours
    }
}
