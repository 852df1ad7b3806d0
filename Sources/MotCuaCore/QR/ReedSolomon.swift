/// Reed–Solomon error-correction codewords over GF(2⁸) with the QR polynomial x⁸+x⁴+x³+x²+1
/// (ISO/IEC 18004 §7.5.2).
struct ReedSolomon {
    /// Generator polynomial coefficients, highest degree first, the leading 1 left out.
    private let divisor: [UInt8]

    init(degree: Int) {
        precondition((1...255).contains(degree))
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = Self.multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = Self.multiply(root, 0x02)
        }
        divisor = result
    }

    /// The error-correction codewords for one block of data codewords.
    func remainder(of data: ArraySlice<UInt8>) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in result.indices { result[i] ^= Self.multiply(divisor[i], factor) }
        }
        return result
    }

    /// Product in GF(2⁸) modulo 0x11D (Russian-peasant multiplication).
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> UInt8(i)) & 1) * Int(x)
        }
        return UInt8(z)
    }
}
