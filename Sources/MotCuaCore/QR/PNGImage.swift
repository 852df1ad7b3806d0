/// A black-and-white image encoded as PNG (ISO/IEC 15948): 1-bit greyscale, one IDAT with
/// stored (uncompressed) deflate blocks — a QR code at print size is a few kilobytes either way,
/// and this needs no zlib.
struct PNGImage {
    let width: Int
    let height: Int
    /// Packed rows, most significant bit first, 1 = white.
    private var rows: [[UInt8]]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        rows = Array(repeating: Array(repeating: 0xFF, count: (width + 7) / 8), count: height)
    }

    mutating func setBlack(x: Int, y: Int) {
        rows[y][x / 8] &= ~(0x80 >> UInt8(x % 8))
    }

    func encoded() -> [UInt8] {
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [1, 0, 0, 0, 0] // bit depth 1, greyscale, deflate, adaptive filter, no interlace
        var raw: [UInt8] = []
        for row in rows { raw.append(0); raw += row } // filter type 0 (none) per row
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += Self.chunk("IHDR", header)
        png += Self.chunk("IDAT", Self.zlibStored(raw))
        png += Self.chunk("IEND", [])
        return png
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.appendBigEndian(UInt32(data.count))
        let body = Array(type.utf8) + data
        result += body
        result.appendBigEndian(CRC32.checksum(body))
        return result
    }

    /// A zlib stream of stored deflate blocks (RFC 1950, RFC 1951 §3.2.4).
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var result: [UInt8] = [0x78, 0x01]
        var start = 0
        repeat {
            let length = min(65_535, data.count - start)
            let isLast = start + length == data.count
            result.append(isLast ? 1 : 0)
            result += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            result += data[start..<(start + length)]
            start += length
        } while start < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        result.appendBigEndian(b << 16 | a)
        return result
    }
}

/// CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected), as PNG chunks require.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        (0..<8).reduce(UInt32(n)) { c, _ in c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        ~bytes.reduce(~UInt32(0)) { crc, byte in table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    }
}

extension [UInt8] {
    mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }
}
