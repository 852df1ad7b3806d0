/// How the applicant met a financial obligation (fees, charges, taxes). The online ones carry the
/// national flag `DuocThanhToanTrucTuyen` (rules.md §4) that Decision 766 indicator 3.6 counts.
public enum PaymentChannel: String, CaseIterable, Codable, Sendable {
    /// Paid at the one-stop counter (cash or card).
    case counter
    /// Paid online on the National Public Service Portal (DVCQG).
    case nationalPortal = "national_portal"
    /// Paid online through the province's or the ministry's payment gateway.
    case localGateway = "local_gateway"

    /// `DuocThanhToanTrucTuyen`: 1 on DVCQG, 2 on a local gateway; nil when not paid online.
    public var onlineCode: Int? {
        switch self {
        case .counter: nil
        case .nationalPortal: 1
        case .localGateway: 2
        }
    }

    public var label: String {
        switch self {
        case .counter: "Nộp tại Bộ phận một cửa"
        case .nationalPortal: "Thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia"
        case .localGateway: "Thanh toán trực tuyến qua cổng thanh toán của tỉnh"
        }
    }
}
