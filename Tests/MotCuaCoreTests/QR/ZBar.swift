import Foundation

/// The independent decoder the QR tests check against: `zbarimg` from Debian's zbar-tools
/// (`scripts/test` installs it), and `rsvg-convert` (librsvg2-bin) to rasterise SVG.
enum ZBar {
    struct Missing: Error, CustomStringConvertible {
        let tool: String
        var description: String { "\(tool) not found: apt-get install zbar-tools librsvg2-bin" }
    }

    /// The payload zbar reads from a PNG, byte for byte. Only QR codes are looked for: zbar's linear
    /// decoders may read a run of modules as an Interleaved 2 of 5 barcode and print it as well.
    static func decode(png: [UInt8]) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("code.png")
        try Data(png).write(to: file)
        return try run("zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", file.path])
    }

    /// Rasterises an SVG with librsvg, then decodes it.
    static func decode(svg: String) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("motcua-qr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("code.svg"), output = directory.appendingPathComponent("code.png")
        try svg.write(to: input, atomically: true, encoding: .utf8)
        _ = try run("rsvg-convert", ["-w", "600", "-b", "white", input.path, "-o", output.path])
        return try run("zbarimg", ["-q", "--raw", "-Sdisable", "-Sqrcode.enable", "-Sbinary", output.path])
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> [UInt8] {
        guard let path = ["/usr/bin", "/usr/local/bin"].map({ "\($0)/\(tool)" }).first(where: FileManager.default.isExecutableFile) else {
            throw Missing(tool: tool)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }
}
