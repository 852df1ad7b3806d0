/// Where a dossier stands (trạng thái hồ sơ). Several stages share one national status code
/// (`TrangThaiHoSo`, rules.md §4), which is what is synchronised to the national portal.
public enum DossierStatus: String, CaseIterable, Codable, Sendable {
    /// Submitted online, waiting for the one-stop unit to check it (1 Mới đăng ký).
    case submitted
    /// Accepted with a code and appointment, waiting for a handler (2 Được tiếp nhận).
    case received
    /// Refused at reception or during processing (3 Không được tiếp nhận).
    case refused
    /// With the specialist (4 Đang xử lý).
    case processing
    /// Waiting for the leader's approval (4 Đang xử lý).
    case awaitingApproval = "awaiting_approval"
    /// Sent to another agency or unit (liên thông), waiting for its answer (4 Đang xử lý).
    case transferred
    /// Waiting for the applicant to supplement it; the clock is paused (5 Yêu cầu bổ sung giấy tờ).
    case supplementRequested = "supplement_requested"
    /// Waiting for the applicant to pay fees, charges or taxes (6 Yêu cầu thực hiện nghĩa vụ tài
    /// chính). The clock runs: rules.md lets only supplement periods out of the 766 count.
    case paymentRequested = "payment_requested"
    /// Withdrawn at the applicant's request (7 Công dân yêu cầu rút hồ sơ).
    case withdrawn
    /// Processing stopped (8 Dừng xử lý), Mẫu 05.
    case stopped
    /// Result ready at the one-stop unit (9 Đã xử lý xong).
    case resultReady = "result_ready"
    /// Result handed to the applicant (10 Đã trả kết quả).
    case returned

    /// The national status code (`TrangThaiHoSo`).
    public var nationalCode: Int {
        switch self {
        case .submitted: 1
        case .received: 2
        case .refused: 3
        case .processing, .awaitingApproval, .transferred: 4
        case .supplementRequested: 5
        case .paymentRequested: 6
        case .withdrawn: 7
        case .stopped: 8
        case .resultReady: 9
        case .returned: 10
        }
    }

    /// What an officer reads.
    public var label: String {
        switch self {
        case .submitted: "Mới đăng ký"
        case .received: "Đã tiếp nhận, chờ phân công"
        case .refused: "Không được tiếp nhận"
        case .processing: "Đang xử lý"
        case .awaitingApproval: "Chờ lãnh đạo phê duyệt"
        case .transferred: "Đang chuyển cơ quan phối hợp"
        case .supplementRequested: "Yêu cầu bổ sung giấy tờ"
        case .paymentRequested: "Yêu cầu thực hiện nghĩa vụ tài chính"
        case .withdrawn: "Công dân rút hồ sơ"
        case .stopped: "Dừng xử lý"
        case .resultReady: "Đã xử lý xong, chờ trả kết quả"
        case .returned: "Đã trả kết quả"
        }
    }

    /// What the public tracking page says (no internal detail such as which officer or agency).
    public var publicLabel: String {
        switch self {
        case .processing, .awaitingApproval, .transferred, .received: "Đang giải quyết"
        default: label
        }
    }

    /// No further processing: the end time of the dossier is fixed.
    public var isFinal: Bool { [.refused, .withdrawn, .stopped, .returned].contains(self) }

    /// Processing has ended for the 766 clock (status 9 counts as the end even before return).
    public var endsProcessing: Bool { isFinal || self == .resultReady }

    /// The clock runs: the dossier has an appointment and nobody waits for the applicant.
    public var clockRuns: Bool { [.received, .processing, .awaitingApproval, .transferred, .paymentRequested].contains(self) }
}
