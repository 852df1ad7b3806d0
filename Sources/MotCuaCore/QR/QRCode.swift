/// A QR code symbol (ISO/IEC 18004:2015), byte mode, versions 1–40, with the mask chosen by the
/// standard's penalty rules. Written here because none of the available Swift packages encodes QR;
/// the tests decode its output with zbar, an independent decoder.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let errorCorrection: QRErrorCorrection
    public let mask: Int
    /// Modules per side: 17 + 4 × version.
    public let size: Int
    /// Dark modules, row by row.
    let modules: [Bool]

    public enum EncodingError: Error, Equatable {
        /// The text does not fit in a version-40 symbol at this error-correction level.
        case tooLong(bytes: Int, errorCorrection: QRErrorCorrection)
    }

    /// Whether the module in column `x`, row `y` is dark; outside the symbol (the quiet zone) is light.
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// Encodes `text` as UTF-8 bytes in the smallest version that holds it at `errorCorrection`,
    /// raising the level while the version stays the same (as common encoders do). The mask is the
    /// one with the lowest penalty unless `mask` forces one (0–7).
    public init(_ text: String, errorCorrection: QRErrorCorrection = .medium, minimumVersion: Int = 1, mask forcedMask: Int? = nil) throws {
        let bytes = Array(text.utf8)
        guard let version = (max(1, minimumVersion)...40).first(where: { Self.fits(bytes.count, version: $0, errorCorrection) }) else {
            throw EncodingError.tooLong(bytes: bytes.count, errorCorrection: errorCorrection)
        }
        var level = errorCorrection
        while let higher = QRErrorCorrection(rawValue: level.rawValue + 1), Self.fits(bytes.count, version: version, higher) {
            level = higher
        }
        let codewords = Self.interleavedCodewords(data: Self.dataCodewords(bytes, version: version, level), version: version, level)
        var matrix = QRMatrix(version: version)
        matrix.drawFunctionPatterns(errorCorrection: level)
        matrix.drawCodewords(codewords)
        let penalties = (0..<8).map { mask in
            let candidate = matrix.masked(mask, errorCorrection: level)
            return QRMask.penalty(modules: candidate.modules, size: candidate.size)
        }
        let best = forcedMask.map { min(max($0, 0), 7) } ?? penalties.indices.min { penalties[$0] < penalties[$1] }!
        let final = matrix.masked(best, errorCorrection: level)
        self.version = version
        self.errorCorrection = level
        self.mask = best
        self.size = final.size
        self.modules = final.modules
    }

    // MARK: - Capacity

    /// Modules available for data and error correction (everything but function patterns and
    /// format/version information), in bits.
    static func rawDataModules(version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewordCount(version: Int, _ level: QRErrorCorrection) -> Int {
        rawDataModules(version: version) / 8 - level.codewordsPerBlock(version: version) * level.blocks(version: version)
    }

    /// Bits of the character count indicator in byte mode (Table 3).
    static func countBits(version: Int) -> Int { version <= 9 ? 8 : 16 }

    static func fits(_ byteCount: Int, version: Int, _ level: QRErrorCorrection) -> Bool {
        4 + countBits(version: version) + 8 * byteCount <= dataCodewordCount(version: version, level) * 8
    }

    // MARK: - Codewords

    /// Mode indicator, count, data, terminator and pad codewords (§7.4).
    static func dataCodewords(_ bytes: [UInt8], version: Int, _ level: QRErrorCorrection) -> [UInt8] {
        let capacity = dataCodewordCount(version: version, level) * 8
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: countBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        bits.append(0, count: min(4, capacity - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC
        while codewords.count * 8 < capacity {
            codewords.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return codewords
    }

    /// Splits data into blocks, adds Reed–Solomon codewords, and interleaves them (§7.5–7.6).
    static func interleavedCodewords(data: [UInt8], version: Int, _ level: QRErrorCorrection) -> [UInt8] {
        let blockCount = level.blocks(version: version)
        let eccLength = level.codewordsPerBlock(version: version)
        let rawCodewords = rawDataModules(version: version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        let code = ReedSolomon(degree: eccLength)
        var blocks: [[UInt8]] = []
        var start = 0
        for i in 0..<blockCount {
            let length = shortBlockLength - eccLength + (i < shortBlocks ? 0 : 1)
            let slice = data[start..<(start + length)]
            start += length
            var block = Array(slice)
            if i < shortBlocks { block.append(0) }
            blocks.append(block + code.remainder(of: slice))
        }
        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for i in 0..<blocks[0].count {
            for (j, block) in blocks.enumerated() where i != shortBlockLength - eccLength || j >= shortBlocks {
                result.append(block[i])
            }
        }
        return result
    }
}

/// Bits appended most significant first.
struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, i in byte << 1 | (start + i < bits.count && bits[start + i] ? 1 : 0) }
        }
    }
}
