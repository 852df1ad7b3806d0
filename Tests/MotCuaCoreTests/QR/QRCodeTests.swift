import Foundation
@testable import MotCuaCore
import MotCuaTestSupport
import Testing

@Suite("QR codes, decoded by zbar")
struct QRCodeTests {
    /// The largest byte count each version holds at each level, so every version 1–40 is drawn.
    static let fullSymbols: [(version: Int, level: QRErrorCorrection)] =
        (1...40).flatMap { version in QRErrorCorrection.allCases.map { (version, $0) } }

    static func capacity(version: Int, _ level: QRErrorCorrection) -> Int {
        var bytes = 0
        while QRCode.fits(bytes + 1, version: version, level) { bytes += 1 }
        return bytes
    }

    static func payload(length: Int, seed: UInt64) -> String {
        let seed = TestSeed(seed)
        var generator = seed.generator
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789-./:?=&")
        return String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
    }

    @Test("Every version and level decodes to the text it encodes", arguments: 0..<40)
    func everyVersionAndLevel(versionIndex: Int) throws {
        for level in QRErrorCorrection.allCases {
            let version = versionIndex + 1
            let text = Self.payload(length: Self.capacity(version: version, level), seed: UInt64(version * 4 + level.rawValue))
            let code = try QRCode(text, errorCorrection: level)
            #expect(code.version == version && code.errorCorrection == level, "v\(version) \(level)")
            #expect(code.size == 17 + 4 * version)
            let decoded = try ZBar.decode(png: code.png(scale: version > 20 ? 3 : 5))
            #expect(String(decoding: decoded, as: UTF8.self) == text, "v\(version) \(level)")
        }
    }

    @Test("Every mask pattern decodes, and the automatic choice has the lowest penalty", arguments: 0..<8)
    func everyMask(mask: Int) throws {
        let text = "https://motcua.example/thu-tuc/1.000894?don-vi=10301008"
        let forced = try QRCode(text, mask: mask)
        #expect(forced.mask == mask)
        #expect(String(decoding: try ZBar.decode(png: forced.png()), as: UTF8.self) == text)
        let chosen = try QRCode(text)
        #expect(QRMask.penalty(modules: chosen.modules, size: chosen.size) <= QRMask.penalty(modules: forced.modules, size: forced.size))
    }

    @Test("Vietnamese UTF-8 and the SVG rendering decode too")
    func vietnameseAndSVG() throws {
        let text = "Đăng ký kết hôn — Phường Hồng Bàng, Hải Phòng"
        let code = try QRCode(text)
        #expect(try ZBar.decode(png: code.png()) == Array(text.utf8))
        let url = "http://127.0.0.1:8080/thu-tuc/1.000894"
        let svg = try QRCode(url).svg(title: "Mã QR <thủ tục>")
        #expect(svg.hasPrefix("<svg") && svg.contains("<title>Mã QR &lt;thủ tục&gt;</title>"))
        #expect(try ZBar.decode(svg: svg) == Array(url.utf8))
    }

    @Test("The level is raised while the version stays the same")
    func levelBoost() throws {
        let code = try QRCode("1.000894", errorCorrection: .low)
        #expect(code.version == 1 && code.errorCorrection == .quartile) // 8 bytes: 1-Q holds 11, 1-H only 7
    }

    @Test("Text longer than a version-40 symbol is refused")
    func tooLong() {
        let text = String(repeating: "a", count: 2_332)
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 2_332, errorCorrection: .medium)) { try QRCode(text) }
        #expect(Self.capacity(version: 40, .low) == 2_953) // Table 7: 2953 bytes at 40-L
    }

    @Test("Reed–Solomon codewords match the worked example for HELLO WORLD, 1-M")
    func reedSolomon() {
        let data: [UInt8] = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon(degree: 10).remainder(of: data[...]) == [196, 35, 39, 119, 235, 215, 231, 226, 93, 23])
    }

    @Test("PNG chunks carry correct CRC-32s")
    func crc() {
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
