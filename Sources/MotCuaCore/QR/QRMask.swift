/// The eight data masks and the penalty score that picks one (ISO/IEC 18004 §7.8).
enum QRMask {
    /// Whether mask `mask` inverts the module in column `x`, row `y` (Table 10).
    static func inverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// N1 runs of five or more, N2 2×2 blocks, N3 finder-like patterns, N4 dark proportion.
    static func penalty(modules: [Bool], size: Int) -> Int {
        func lines(_ byRow: Bool) -> [[Bool]] {
            (0..<size).map { i in (0..<size).map { j in byRow ? modules[i * size + j] : modules[j * size + i] } }
        }
        var score = 0
        let patterns: [[Bool]] = [[true, false, true, true, true, false, true, false, false, false, false],
                                  [false, false, false, false, true, false, true, true, true, false, true]]
        for line in lines(true) + lines(false) {
            var run = 1
            for i in 1...size {
                if i < size, line[i] == line[i - 1] {
                    run += 1
                } else {
                    if run >= 5 { score += 3 + run - 5 }
                    run = 1
                }
            }
            if size >= 11 {
                for i in 0...(size - 11) {
                    for pattern in patterns where (0..<11).allSatisfy({ line[i + $0] == pattern[$0] }) { score += 40 }
                }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y * size + x]
                if colour == modules[y * size + x + 1], colour == modules[(y + 1) * size + x], colour == modules[(y + 1) * size + x + 1] {
                    score += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + ($1 ? 1 : 0) }
        let total = size * size
        score += ((abs(dark * 20 - total * 10) + total - 1) / total - 1) * 10
        return score
    }
}
