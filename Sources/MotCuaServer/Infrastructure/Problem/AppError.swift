import Fluent
import Vapor

/// A field and what is wrong with it, in Vietnamese.
struct FieldProblem: Codable, Sendable, Equatable {
    let field: String
    let message: String
}

/// An error MotCua raises on purpose: an HTTP status and a Vietnamese sentence for the person.
struct AppError: AbortError, Sendable {
    let status: HTTPResponseStatus
    let detail: String
    var problems: [FieldProblem] = []

    var reason: String { detail }

    static func notFound(_ detail: String = "Không tìm thấy dữ liệu yêu cầu.") -> AppError {
        AppError(status: .notFound, detail: detail)
    }

    static func forbidden(_ detail: String = "Ông/bà không có quyền thực hiện thao tác này.") -> AppError {
        AppError(status: .forbidden, detail: detail)
    }

    static let unauthorized = AppError(status: .unauthorized, detail: "Ông/bà cần đăng nhập để tiếp tục.")

    static func invalid(_ problems: [FieldProblem]) -> AppError {
        AppError(status: .unprocessableEntity, detail: problems.map(\.message).joined(separator: " "), problems: problems)
    }

    static func conflict(_ detail: String) -> AppError {
        AppError(status: .conflict, detail: detail)
    }

    static func badRequest(_ detail: String) -> AppError {
        AppError(status: .badRequest, detail: detail)
    }
}
