import Foundation
import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("Vietnamese text folding")
struct VietnameseTextTests {
    struct Case: Decodable, CustomTestStringConvertible {
        let input: String
        let folded: String
        var testDescription: String { input }
    }

    static let oracle: [Case] = {
        let data = try! Data(contentsOf: Fixture.url("fold-oracle.json"))
        return try! JSONDecoder().decode([Case].self, from: data)
    }()

    @Test("Folding agrees with Python's unicodedata on every demo name")
    func agreesWithOracle() {
        #expect(Self.oracle.count > 200)
        for item in Self.oracle {
            #expect(VietnameseText.fold(item.input) == item.folded, "\(item.input)")
        }
    }

    @Test("Search forms of one phrase fold alike")
    func searchForms() {
        let forms = ["Đăng ký kết hôn", "dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "Dang  Ky Ket Hon"]
        #expect(Set(forms.map(VietnameseText.fold)) == ["dang ky ket hon"])
        // Composed and decomposed input fold alike.
        #expect(VietnameseText.fold("Hộ tịch".decomposedStringWithCanonicalMapping) == VietnameseText.fold("Hộ tịch".precomposedStringWithCanonicalMapping))
    }

    @Test("Slugs are lowercase ASCII words joined by hyphens")
    func slugs() {
        #expect(VietnameseText.slug("Hộ tịch") == "ho-tich")
        #expect(VietnameseText.slug("Phòng, chống tệ nạn xã hội") == "phong-chong-te-nan-xa-hoi")
        #expect(VietnameseText.slug("An toàn đập, hồ chứa thủy điện") == "an-toan-dap-ho-chua-thuy-dien")
        for item in Self.oracle {
            let slug = VietnameseText.slug(item.input)
            #expect(slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "\(slug)")
            #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"))
        }
    }

    @Test("Thousands are grouped with dots, and removing them gives the number back")
    func integers() {
        #expect(VietnameseFormat.integer(2145) == "2.145")
        #expect(VietnameseFormat.integer(0) == "0")
        #expect(VietnameseFormat.integer(-1_000_000) == "-1.000.000")
        let seed = TestSeed(7)
        var generator = seed.generator
        for _ in 0..<2000 {
            let value = Int.random(in: -10_000_000_000...10_000_000_000, using: &generator)
            let text = VietnameseFormat.integer(value)
            #expect(Int(text.replacingOccurrences(of: ".", with: "")) == value, "\(seed)")
            let groups = text.split(separator: Character("."))
            #expect(groups.dropFirst().allSatisfy { $0.count == 3 }, "\(seed)")
        }
    }

    @Test("Dates are shown in Vietnam's time zone")
    func dates() {
        // 2025-06-30T17:00:00Z is 00:00 on 1 July 2025 in Vietnam.
        let reform = Date(timeIntervalSince1970: 1_751_302_800)
        #expect(VietnameseFormat.dateTime(reform) == "00:00 ngày 01/07/2025")
        #expect(VietnameseFormat.date(reform.addingTimeInterval(-1)) == "30/06/2025")
    }

    @Test("Decimals use a comma, at most two places, trailing zeros dropped")
    func decimals() {
        let cases: [(Double, String)] = [(47.13, "47,13"), (0.5, "0,5"), (20, "20"), (2.625, "2,63"), (-1.005, "-1"), (1_234.5, "1.234,5"), (99.999, "100"), (0.01, "0,01")]
        for (value, text) in cases { #expect(VietnameseFormat.decimal(value) == text, "\(value)") }
        #expect(VietnameseFormat.decimal(2.25, places: 1) == "2,3")
    }
}

@Suite("Vietnamese alphabetical order")
struct VietnameseOrderTests {
    @Test("Letters in the Vietnamese alphabet's order, base letters before tones, case ignored")
    func alphabet() {
        // Expected order written by hand from the alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ
        // p q r s t u ư v x y) and a dictionary's rule: a word that is a prefix first, then letters,
        // then tones (none, huyền, hỏi, ngã, sắc, nặng) only when the letters are equal.
        let expected = ["An Dương", "Ăn Ninh", "Ân Thi", "Chí Linh", "Chu Văn An", "Dương Kinh", "Đồ Sơn", "Ea Kar", "Ê Đê",
                        "ha", "Hà", "hả", "Hã", "Há", "Hạ", "Hà Đông", "Hải An", "Hai Bà Trưng", "Ô Môn", "Ơ Nam", "Uông Bí", "Ưng Hòa", "Yên Bái"]
        #expect(VietnameseText.sorted(expected.reversed(), by: { $0 }) == expected)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            #expect(VietnameseText.sorted(expected.shuffled(using: &generator), by: { $0 }) == expected)
        }
        #expect(VietnameseText.precedes("Chí Linh", "Chu Văn An") && !VietnameseText.precedes("Chu Văn An", "Chí Linh"))
        #expect(!VietnameseText.precedes("Hà", "hà") && !VietnameseText.precedes("hà", "Hà"), "case does not order")
    }
}

@Suite("Shortened labels")
struct ShortenedLabelTests {
    @Test("Cut at a word boundary with an ellipsis, never inside a word; short labels stay")
    func shortened() {
        #expect(VietnameseFormat.shortened("Thành lập và hoạt động của tổ hợp tác", to: 24) == "Thành lập và hoạt động…")
        #expect(VietnameseFormat.shortened("Hộ tịch", to: 24) == "Hộ tịch")
        #expect(VietnameseFormat.shortened("Quản lý nhà nước về hội, quỹ", to: 22) == "Quản lý nhà nước về…")
        #expect(VietnameseFormat.shortened("Siêuđườngdàikhôngcódấucách", to: 10) == "Siêuđường…")
        // Property: never longer than the limit, and a prefix of the text up to its ellipsis.
        let text = "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con có yếu tố nước ngoài"
        for limit in 2...80 {
            let short = VietnameseFormat.shortened(text, to: limit)
            #expect(short.count <= max(limit, 1) && text.hasPrefix(short.hasSuffix("…") ? String(short.dropLast()) : short), "\(limit)")
        }
    }
}
