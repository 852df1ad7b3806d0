import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Turns any error into a status and a Vietnamese sentence, never leaking internals.
enum ProblemMessages {
    struct Described {
        let status: HTTPResponseStatus
        let detail: String
        let problems: [FieldProblem]
        let headers: HTTPHeaders
    }

    static func describe(_ error: any Error) -> Described {
        switch error {
        case let error as AppError:
            return Described(status: error.status, detail: error.detail, problems: error.problems, headers: [:])
        case let error as DecodingError:
            return Described(status: .badRequest, detail: decodingDetail(error), problems: [], headers: [:])
        case let error as any DatabaseError where error.isConstraintFailure:
            return Described(status: .conflict, detail: "Dữ liệu trùng với bản ghi đã có hoặc tham chiếu không hợp lệ.",
                             problems: [], headers: [:])
        case let error as PSQLError where error.serverInfo?[.sqlState]?.hasPrefix("22") == true:
            // PostgreSQL's "data exception" class: a value that input checks let through cannot be
            // stored (a character, a number out of range); nothing was changed.
            return Described(status: .badRequest, detail: "Dữ liệu gửi lên có giá trị không lưu được (ký tự hoặc số không hợp lệ).",
                             problems: [], headers: [:])
        case let error as SQLiteError where error.isBusy:
            // Another writer holds the embedded database: nothing was changed, the person may try again.
            return Described(status: .serviceUnavailable, detail: "Hệ thống đang bận, vui lòng thử lại sau giây lát.",
                             problems: [], headers: ["Retry-After": "1"])
        case let error as any AbortError:
            return Described(status: error.status, detail: generic(error.status), problems: [], headers: error.headers)
        default:
            return Described(status: .internalServerError, detail: generic(.internalServerError), problems: [], headers: [:])
        }
    }

    static func generic(_ status: HTTPResponseStatus) -> String {
        switch status.code {
        case 400: "Yêu cầu không hợp lệ."
        case 401: "Ông/bà cần đăng nhập để tiếp tục."
        case 403: "Ông/bà không có quyền thực hiện thao tác này."
        case 404: "Không tìm thấy trang hoặc dữ liệu yêu cầu."
        case 405: "Địa chỉ này không nhận phương thức yêu cầu."
        case 406: "Không có định dạng trả lời phù hợp."
        case 409: "Dữ liệu đã bị thay đổi hoặc trùng lặp."
        case 413: "Dữ liệu gửi lên quá lớn."
        case 415: "Định dạng dữ liệu gửi lên không được hỗ trợ."
        case 422: "Dữ liệu chưa hợp lệ."
        case 429: "Quá nhiều yêu cầu, vui lòng thử lại sau."
        case 500..<600: "Hệ thống đang gặp sự cố, vui lòng thử lại sau ít phút."
        default: "Yêu cầu không thực hiện được."
        }
    }

    private static func decodingDetail(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let joined = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return joined.isEmpty ? "dữ liệu" : "trường “\(joined)”"
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "Thiếu \(path(context.codingPath + [key]))."
        case .valueNotFound(_, let context):
            return "Thiếu giá trị của \(path(context.codingPath))."
        case .typeMismatch(_, let context):
            return "Giá trị của \(path(context.codingPath)) không đúng kiểu."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "Dữ liệu gửi lên không đọc được (sai cú pháp)." :
                "Giá trị của \(path(context.codingPath)) không hợp lệ."
        @unknown default:
            return "Dữ liệu gửi lên không hợp lệ."
        }
    }
}
