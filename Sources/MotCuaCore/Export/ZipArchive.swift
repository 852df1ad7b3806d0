import Foundation

/// A ZIP archive of stored (uncompressed) entries: what an Office Open XML file needs, without a
/// compression library. CRC-32 as ISO 3309 / ITU-T V.42 define it.
public struct ZipArchive {
    private var body: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in bytes { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    private static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
    private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }

    public mutating func add(_ name: String, _ content: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = Self.crc32(content)
        let size = UInt32(content.count)
        let offset = UInt32(body.count)
        // Version 2.0, UTF-8 names (bit 11), stored, fixed time 1980-01-01 00:00.
        let common = Self.le16(20) + Self.le16(0x0800) + Self.le16(0) + Self.le16(0) + Self.le16(0x21) + Self.le32(crc) + Self.le32(size)
            + Self.le32(size) + Self.le16(nameBytes.count) + Self.le16(0)
        body += [0x50, 0x4B, 0x03, 0x04] + common + nameBytes + content
        directory += [0x50, 0x4B, 0x01, 0x02] + Self.le16(20) + common + Self.le16(0) + Self.le16(0) + Self.le16(0) + Self.le32(0)
            + Self.le32(offset) + nameBytes
        count += 1
    }

    public var bytes: [UInt8] {
        body + directory + [0x50, 0x4B, 0x05, 0x06] + Self.le16(0) + Self.le16(0) + Self.le16(count) + Self.le16(count)
            + Self.le32(UInt32(directory.count)) + Self.le32(UInt32(body.count)) + Self.le16(0)
    }
}
