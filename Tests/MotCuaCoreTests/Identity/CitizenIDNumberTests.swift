import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Citizen ID number (số định danh cá nhân)")
struct CitizenIDNumberTests {
    @Test("Reads province, sex and birth year from the digits")
    func decodes() throws {
        // 001 = Hà Nội; 0 = male, 20th century; 95 = 1995.
        let man = try CitizenIDNumber("001095012345", currentYear: 2026)
        #expect(man.provinceCode == "001")
        #expect(man.sex == .male)
        #expect(man.birthYear == 1995)
        // 031 = Hải Phòng; 3 = female, 21st century; 05 = 2005; spaces and dots are ignored.
        let woman = try CitizenIDNumber("031 305.000 123", currentYear: 2026)
        #expect(woman.digits == "031305000123")
        #expect(woman.sex == .female)
        #expect(woman.birthYear == 2005)
    }

    @Test("Rejects what cannot be an ID number, with a Vietnamese reason",
          arguments: [
            ("12345", CitizenIDNumber.Problem.wrongLength),
            ("0010950123456", .wrongLength),
            ("00109501234a", .notDigits),
            ("００１０９５０１２３４５", .notDigits),
            ("003095012345", .unknownProvince("003")),
            ("099095012345", .unknownProvince("099")),
            ("001230012345", .birthYearInFuture(2030)),
          ])
    func rejects(input: String, problem: CitizenIDNumber.Problem) {
        #expect(throws: problem) { try CitizenIDNumber(input, currentYear: 2026) }
        #expect(problem.message.contains("số") || problem.message.contains("Năm") || problem.message.contains("chữ số"))
    }

    @Test("Every generated valid number round-trips its century, sex and year")
    func property() throws {
        let seed = TestSeed(2026)
        var generator = seed.generator
        let provinces = CitizenIDNumber.provinceCodes.sorted()
        for _ in 0..<5000 {
            let year = Int.random(in: 1900...2026, using: &generator)
            let female = Bool.random(using: &generator)
            let centuryDigit = (year / 100 - 19) * 2 + (female ? 1 : 0)
            let digits = provinces.randomElement(using: &generator)! + "\(centuryDigit)" + String(format: "%02d", year % 100)
                + String(format: "%06d", Int.random(in: 0...999_999, using: &generator))
            let number = try CitizenIDNumber(digits, currentYear: 2026)
            #expect(number.birthYear == year, "\(seed)")
            #expect(number.sex == (female ? .female : .male), "\(seed)")
            #expect(number.digits == digits, "\(seed)")
        }
        #expect(CitizenIDNumber.provinceCodes.count == 63)
    }
}

@Suite("Phone numbers, e-mail addresses, passwords")
struct ContactAndPasswordTests {
    @Test("Mobile numbers are kept in the national form", arguments: [
        ("0912345678", "0912345678"), ("0912 345 678", "0912345678"), ("+84 912 345 678", "0912345678"),
        ("84912345678", "0912345678"), ("(091) 234-5678", "0912345678"), ("0387.654.321", "0387654321"),
    ])
    func phones(input: String, national: String) {
        #expect(PhoneNumber(input)?.national == national)
    }

    @Test("Other numbers are refused", arguments: ["", "091234567", "09123456789", "0212345678", "1912345678", "091234567a", "+1 912 345 678"])
    func badPhones(input: String) {
        #expect(PhoneNumber(input) == nil)
    }

    @Test("E-mail addresses are lower-cased and checked")
    func emails() {
        #expect(EmailAddress(" Lan.Nguyen@HaiPhong.gov.vn ")?.value == "lan.nguyen@haiphong.gov.vn")
        for bad in ["", "lan", "lan@", "@haiphong.gov.vn", "lan@localhost", "lan@@a.vn", "lan nguyen@a.vn", "lan@a..vn", "<a>@b.vn"] {
            #expect(EmailAddress(bad) == nil, "\(bad)")
        }
    }

    @Test("Password policy explains what is wrong")
    func passwords() {
        let policy = PasswordPolicy()
        #expect(policy.problems(with: "mat-khau-dai-2026").isEmpty)
        #expect(policy.problems(with: "ngan").contains("Mật khẩu phải có ít nhất 10 ký tự."))
        #expect(policy.problems(with: "1234567890").contains("Mật khẩu quá dễ đoán, hãy chọn mật khẩu khác."))
        #expect(policy.problems(with: "aaaaaaaaaaaa").contains("Mật khẩu quá dễ đoán, hãy chọn mật khẩu khác."))
        #expect(policy.problems(with: "0912345678", personal: ["0912345678"]).count >= 1)
        #expect(policy.problems(with: String(repeating: "ấ", count: 30)).contains("Mật khẩu dài quá 72 byte."))
    }
}
