/// The Decision 766/QĐ-TTg index (Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ
/// người dân, doanh nghiệp): five groups worth 100 points, the online-service group shown as its two
/// parts as the national portal does (rules.md §1.2), and the indicators of each with their point
/// ceilings and thresholds (§1.3).
///
/// Point ceilings come from the portal's metrics as a public dashboard project recorded them, not
/// from the legal text; `maxPoints == nil` where no source gives one (shown, never scored).
/// Where the law gives a threshold, points are `Pmax` at or above it and `R × Pmax / T` below;
/// elsewhere `R × Pmax / 100%`, the conversion the dashboard used (marked unconfirmed).
public enum Index766 {
    public enum Group: String, CaseIterable, Sendable, Codable {
        case transparency
        case progress
        case onlineService = "online_service"
        case onlinePayment = "online_payment"
        case digitisation
        case satisfaction

        public var label: String {
            switch self {
            case .transparency: "Công khai, minh bạch"
            case .progress: "Tiến độ, kết quả giải quyết"
            case .onlineService: "Cung cấp dịch vụ công trực tuyến"
            case .onlinePayment: "Thanh toán trực tuyến"
            case .digitisation: "Số hóa hồ sơ"
            case .satisfaction: "Mức độ hài lòng"
            }
        }

        public var maxPoints: Double {
            switch self {
            case .transparency: 18
            case .progress: 20
            case .onlineService: 12
            case .onlinePayment: 10
            case .digitisation: 22
            case .satisfaction: 18
            }
        }
    }

    public struct Indicator: Sendable, Equatable {
        public let code: String
        public let group: Group
        public let title: String
        public let numerator: String
        public let denominator: String
        /// Point ceiling; nil where no source gives one, 0 for indicators only tracked.
        public let maxPoints: Double?
        /// The rate (percent) that earns full points, where the law sets one.
        public let target: Double?
        /// Why MotCua cannot compute it, when it cannot.
        public let unavailable: String?
    }

    private static let nationalDatabase = "Cần dữ liệu của Cơ sở dữ liệu quốc gia về thủ tục hành chính (ngày quyết định công bố, ngày hiệu lực, ngày công khai), MotCua không lưu."
    private static let notSynced = "MotCua chưa đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia; tỷ lệ đồng bộ do Cổng tính."
    private static let noFlag = "Hồ sơ chưa ghi nhận dấu hiệu này (dữ liệu lấy từ kho dữ liệu, CSDL quốc gia về dân cư, VNeID)."

    public static let indicators: [Indicator] = [
        .init(code: "1.1", group: .transparency, title: "TTHC công bố đúng hạn", numerator: "TTHC công bố đúng hạn",
              denominator: "TTHC đã công bố trong kỳ", maxPoints: 6, target: nil, unavailable: nationalDatabase),
        .init(code: "1.2", group: .transparency, title: "TTHC được cập nhật, công khai đúng hạn", numerator: "TTHC công khai đúng hạn",
              denominator: "TTHC phải cập nhật, công khai trong kỳ", maxPoints: 4, target: nil, unavailable: nationalDatabase),
        .init(code: "1.3", group: .transparency, title: "TTHC công khai đầy đủ các bộ phận tạo thành",
              numerator: "TTHC có tên, trình tự, cách thức, thành phần hồ sơ, thời hạn, cơ quan thực hiện",
              denominator: "TTHC đơn vị tiếp nhận", maxPoints: 2, target: nil, unavailable: nil),
        .init(code: "1.4", group: .transparency, title: "Hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia", numerator: "Hồ sơ đã đồng bộ",
              denominator: "Hồ sơ tiếp nhận trong kỳ", maxPoints: 6, target: nil, unavailable: notSynced),
        .init(code: "2.1", group: .progress, title: "Hồ sơ xử lý trước hạn, đúng hạn",
              numerator: "Hồ sơ đã và đang xử lý đúng hạn hoặc trong hạn", denominator: "Hồ sơ tiếp nhận, xử lý trong kỳ",
              maxPoints: 20, target: nil, unavailable: nil),
        .init(code: "2.2", group: .progress, title: "Thời gian giải quyết trung bình theo từng TTHC", numerator: "Tổng thời gian giải quyết",
              denominator: "Hồ sơ hoàn thành", maxPoints: 0, target: nil, unavailable: "Chỉ tiêu tính cho từng thủ tục, không chấm điểm."),
        .init(code: "3.TT", group: .onlineService, title: "Hồ sơ trực tuyến toàn trình trên hồ sơ của TTHC toàn trình",
              numerator: "Hồ sơ nộp trực tuyến của TTHC cung cấp DVCTT toàn trình", denominator: "Hồ sơ của TTHC cung cấp DVCTT toàn trình",
              maxPoints: 12, target: nil, unavailable: nil),
        .init(code: "3.1", group: .onlineService, title: "TTHC cung cấp dịch vụ công trực tuyến", numerator: "TTHC có DVCTT một phần hoặc toàn trình",
              denominator: "TTHC đơn vị tiếp nhận", maxPoints: nil, target: 80, unavailable: nil),
        .init(code: "3.2", group: .onlineService, title: "Dịch vụ công trực tuyến có phát sinh hồ sơ",
              numerator: "TTHC có DVCTT có hồ sơ nộp trực tuyến trong kỳ", denominator: "TTHC có DVCTT", maxPoints: nil, target: nil, unavailable: nil),
        .init(code: "3.3", group: .onlineService, title: "Hồ sơ nộp trực tuyến",
              numerator: "Hồ sơ tiếp nhận trực tuyến có kết quả điện tử", denominator: "Hồ sơ tiếp nhận trong kỳ", maxPoints: nil, target: 50, unavailable: nil),
        .init(code: "3.5", group: .onlinePayment, title: "TTHC có nghĩa vụ tài chính được tích hợp thanh toán trực tuyến",
              numerator: "TTHC có hồ sơ đồng bộ phí, lệ phí", denominator: "TTHC có phí, lệ phí", maxPoints: nil, target: 80, unavailable: notSynced),
        .init(code: "3.6", group: .onlinePayment, title: "Hồ sơ thanh toán trực tuyến",
              numerator: "Hồ sơ thanh toán trực tuyến (Cổng DVCQG hoặc cổng thanh toán của tỉnh)", denominator: "Hồ sơ của TTHC có phí, lệ phí",
              maxPoints: 10, target: nil, unavailable: nil),
        .init(code: "4.1", group: .digitisation, title: "Hồ sơ có kết quả giải quyết điện tử", numerator: "Hồ sơ trả kết quả điện tử",
              denominator: "Hồ sơ tiếp nhận trong kỳ", maxPoints: 6, target: nil, unavailable: nil),
        .init(code: "4.2", group: .digitisation, title: "Hồ sơ thực hiện số hóa", numerator: "Hồ sơ có tệp thành phần và kết quả điện tử",
              denominator: "Hồ sơ tiếp nhận trong kỳ", maxPoints: 4, target: 80, unavailable: nil),
        .init(code: "4.CT", group: .digitisation, title: "Cung cấp dịch vụ chứng thực bản sao điện tử từ bản chính", numerator: "", denominator: "",
              maxPoints: 2, target: nil, unavailable: "Chưa có công thức công bố."),
        .init(code: "4.3", group: .digitisation, title: "Hồ sơ khai thác, sử dụng lại dữ liệu số hóa", numerator: "Hồ sơ sử dụng lại dữ liệu số hóa",
              denominator: "Hồ sơ tiếp nhận trong kỳ", maxPoints: 2, target: 80, unavailable: noFlag),
        .init(code: "4.4", group: .digitisation, title: "Hồ sơ số hóa kết nối, chia sẻ để tái sử dụng", numerator: "Hồ sơ lấy từ kho dữ liệu cá nhân",
              denominator: "Hồ sơ tiếp nhận trong kỳ", maxPoints: 4, target: nil, unavailable: noFlag),
        .init(code: "4.5a", group: .digitisation, title: "TTHC kết nối, chia sẻ dữ liệu dân cư", numerator: "TTHC có kết nối dữ liệu dân cư",
              denominator: "TTHC có đối tượng là người dân", maxPoints: 2, target: nil, unavailable: noFlag),
        .init(code: "4.5b", group: .digitisation, title: "Hồ sơ sử dụng thông tin từ CSDL quốc gia về dân cư", numerator: "Hồ sơ xác thực VNeID",
              denominator: "Hồ sơ tiếp nhận trong kỳ", maxPoints: 2, target: nil, unavailable: noFlag),
        .init(code: "5.1", group: .satisfaction, title: "Phản ánh, kiến nghị theo phân loại",
              numerator: "PAKN về quy định, TTHC hoặc hành vi cán bộ", denominator: "PAKN nhận trong kỳ", maxPoints: 0, target: nil, unavailable: nil),
        .init(code: "5.2", group: .satisfaction, title: "Phản ánh, kiến nghị xử lý đúng hạn",
              numerator: "PAKN đã xử lý đúng hạn và đang xử lý trong hạn", denominator: "PAKN tiếp nhận, xử lý trong kỳ", maxPoints: 6, target: nil, unavailable: nil),
        .init(code: "5.3", group: .satisfaction, title: "Hài lòng trong xử lý phản ánh, kiến nghị",
              numerator: "PAKN trừ PAKN bị đánh giá không hài lòng hoặc quá hạn", denominator: "PAKN nhận lần đầu trong kỳ",
              maxPoints: 6, target: nil, unavailable: nil),
        .init(code: "5.4", group: .satisfaction, title: "Hài lòng trong tiếp nhận, giải quyết TTHC",
              numerator: "100% − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ bị đánh giá không hài lòng)", denominator: "Hồ sơ tiếp nhận, xử lý trong kỳ",
              maxPoints: 6, target: 90, unavailable: nil),
    ]
}
