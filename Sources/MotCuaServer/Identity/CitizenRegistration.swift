import Fluent
import Foundation
import MotCuaCore
import Vapor

/// A citizen creates an account: name, phone or e-mail, 12-digit ID number, password.
enum CitizenRegistration {
    struct Input: Codable, Sendable {
        var fullName: String
        var phone: String?
        var email: String?
        var citizenIDNumber: String
        var password: String
        var passwordConfirmation: String
    }

    static func register(_ input: Input, request: Request) async throws -> User {
        var problems: [FieldProblem] = []
        let fullName = input.fullName.trimmingCharacters(in: .whitespaces)
        if !(2...100).contains(fullName.count) {
            problems.append(.init(field: "fullName", message: "Họ và tên phải có từ 2 đến 100 ký tự."))
        }
        let rawPhone = (input.phone ?? "").trimmingCharacters(in: .whitespaces)
        let rawEmail = (input.email ?? "").trimmingCharacters(in: .whitespaces)
        let phone = rawPhone.isEmpty ? nil : PhoneNumber(rawPhone)
        let email = rawEmail.isEmpty ? nil : EmailAddress(rawEmail)
        if !rawPhone.isEmpty, phone == nil {
            problems.append(.init(field: "phone", message: "Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09."))
        }
        if !rawEmail.isEmpty, email == nil {
            problems.append(.init(field: "email", message: "Địa chỉ thư điện tử không hợp lệ."))
        }
        if rawPhone.isEmpty, rawEmail.isEmpty {
            problems.append(.init(field: "phone", message: "Nhập số điện thoại hoặc thư điện tử để nhận thông báo và đăng nhập."))
        }
        var idNumber: CitizenIDNumber?
        do {
            idNumber = try CitizenIDNumber(input.citizenIDNumber, currentYear: VietnameseFormat.year(of: request.now))
        } catch {
            problems.append(.init(field: "citizenIDNumber", message: error.message))
        }
        problems += PasswordPolicy().problems(with: input.password, personal: [rawPhone, idNumber?.digits ?? ""])
            .map { .init(field: "password", message: $0) }
        if input.password != input.passwordConfirmation {
            problems.append(.init(field: "passwordConfirmation", message: "Mật khẩu nhập lại không khớp."))
        }
        guard problems.isEmpty, let idNumber else { throw AppError.invalid(problems) }

        let db = request.db
        if let phone, try await User.query(on: db).filter(\.$phone == phone.national).count() > 0 {
            problems.append(.init(field: "phone", message: "Số điện thoại này đã có tài khoản. Hãy đăng nhập."))
        }
        if let email, try await User.query(on: db).filter(\.$email == email.value).count() > 0 {
            problems.append(.init(field: "email", message: "Thư điện tử này đã có tài khoản. Hãy đăng nhập."))
        }
        if try await User.query(on: db).filter(\.$citizenIDNumber == idNumber.digits).count() > 0 {
            problems.append(.init(field: "citizenIDNumber", message: "Số định danh này đã có tài khoản. Hãy đăng nhập."))
        }
        guard problems.isEmpty else { throw AppError.invalid(problems) }

        let hash = try await request.password.async.hash(input.password)
        let audit = request.audit
        return try await db.transaction { db in
            let user = User(kind: .citizen, fullName: fullName, email: email?.value, phone: phone?.national,
                            citizenIDNumber: idNumber.digits, passwordHash: hash, createdAt: request.now)
            try await user.create(on: db)
            try await audit.withActor(user).record(.citizenRegistered, on: db, entityType: "user", entityID: user.id,
                                                   scope: (nil, nil), summary: "Công dân \(fullName) đăng ký tài khoản")
            return user
        }
    }
}
