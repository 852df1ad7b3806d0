import Foundation

/// Everything a catalogue publishes about one procedure, as one version: a dossier keeps the
/// version it was received under.
public struct ProcedureContent: Sendable, Codable, Equatable {
    public var code: ProcedureCode
    public var name: String
    /// Lĩnh vực, by name.
    public var field: String
    /// Cấp thực hiện and cơ quan thực hiện, as published ("UBND cấp xã").
    public var agency: String
    /// Code of the province agency or unit competent to decide, when it is not the receiving unit
    /// (boundary-free reception routes the dossier there). `nil`: the receiving unit decides.
    public var competentAuthorityCode: String?
    public var onlineLevel: OnlineLevel?
    public var processingTime: ProcessingTime?
    /// Phí, lệ phí in đồng; 0 free, `nil` unknown.
    public var feeVND: Int?
    public var feeNote: String
    public var result: String
    public var legalBasis: String
    public var documents: [RequiredDocument]
    /// Trình tự thực hiện: the steps a citizen follows.
    public var steps: [String]
    public var internalProcess: [InternalStep]
    /// Where the facts come from (decision, portal).
    public var source: String
    /// Set when parts of the entry are illustrative demo data, said visibly on the page.
    public var illustrativeNote: String?

    public init(code: ProcedureCode, name: String, field: String, agency: String = "", competentAuthorityCode: String? = nil,
                onlineLevel: OnlineLevel? = nil, processingTime: ProcessingTime? = nil, feeVND: Int? = nil, feeNote: String = "",
                result: String = "", legalBasis: String = "", documents: [RequiredDocument] = [], steps: [String] = [],
                internalProcess: [InternalStep] = [], source: String = "", illustrativeNote: String? = nil) {
        self.code = code
        self.name = name
        self.field = field
        self.agency = agency
        self.competentAuthorityCode = competentAuthorityCode
        self.onlineLevel = onlineLevel
        self.processingTime = processingTime
        self.feeVND = feeVND
        self.feeNote = feeNote
        self.result = result
        self.legalBasis = legalBasis
        self.documents = documents
        self.steps = steps
        self.internalProcess = internalProcess
        self.source = source
        self.illustrativeNote = illustrativeNote
    }

    /// Sum of the internal process's time budgets, in working hours.
    public var internalHours: Double { internalProcess.reduce(0) { $0 + $1.hours } }

    /// "Miễn phí", "5.000 đồng", "Chưa công bố".
    public var feeText: String {
        switch feeVND {
        case nil: "Chưa có thông tin"
        case 0?: "Miễn phí"
        case let amount?: "\(VietnameseFormat.integer(amount)) đồng"
        }
    }

    /// Whether the entry publishes every component of a procedure that the law lists and the
    /// catalogue records (Decree 63/2010 art. 8(2); Decision 766 indicator 1.3): name, sequence of
    /// steps, method (its online level), documents, time limit and implementing agency. The
    /// catalogue does not record the subjects (đối tượng thực hiện), so they are not checked.
    public var publishesEveryComponent: Bool {
        !name.trimmingCharacters(in: .whitespaces).isEmpty && !steps.isEmpty && onlineLevel != nil && !documents.isEmpty
            && processingTime != nil && !agency.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Problems that make the entry unpublishable, as sentences (empty when valid).
    public var problems: [String] {
        var problems: [String] = []
        if name.trimmingCharacters(in: .whitespaces).count < 5 { problems.append("Tên thủ tục quá ngắn.") }
        if name.count > 2_000 { problems.append("Tên thủ tục dài quá 2.000 ký tự.") }
        if VietnameseText.slug(field).isEmpty || field.count > 200 { problems.append("Lĩnh vực cần tên có chữ, dài không quá 200 ký tự.") }
        if let time = processingTime, !(time.value.isFinite && (0...3_650).contains(time.value)) || !(0...23).contains(time.cutoffHour ?? 15) {
            problems.append("Thời hạn giải quyết phải từ 0 đến 3.650, giờ tiếp nhận muộn nhất từ 0 đến 23.")
        }
        if let fee = feeVND, fee < 0 || fee > 1_000_000_000 { problems.append("Lệ phí phải từ 0 đến 1 tỷ đồng.") }
        for document in documents where document.name.trimmingCharacters(in: .whitespaces).isEmpty || !(1...99).contains(document.quantity) {
            problems.append("Thành phần hồ sơ “\(document.name)” cần tên và số lượng từ 1 đến 99.")
        }
        for document in documents {
            if let url = document.templateURL, !(url.hasPrefix("https://") || url.hasPrefix("http://") || url.hasPrefix("/")) || url.hasPrefix("//") {
                problems.append("Đường dẫn mẫu đơn “\(url)” phải bắt đầu bằng https://, http:// hoặc /.")
            }
        }
        for step in internalProcess where step.actor.isEmpty || step.task.isEmpty || !(step.hours > 0 && step.hours <= 2_000) {
            problems.append("Bước quy trình nội bộ “\(step.task)” cần bộ phận, công việc và số giờ lớn hơn 0.")
        }
        return problems
    }
}
