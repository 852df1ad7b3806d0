import Foundation
import MotCuaCore
import Vapor

/// Checks on a file a person sends (dossier papers, feedback photos): only PDF, JPEG and PNG,
/// recognised by their bytes (not by the name the browser sent): a PDF also needs its version in
/// the header and the `%%EOF` end marker in its last kilobyte, so a page or script behind five
/// bytes of "%PDF-" is not one. The stored name is cleaned of paths and control characters.
enum UploadedFile {
    static let allowed: [(type: String, ext: String, magic: [UInt8])] = [
        ("application/pdf", "pdf", Array("%PDF-".utf8)),
        ("image/jpeg", "jpg", [0xFF, 0xD8, 0xFF]),
        ("image/png", "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ]

    static func mediaType(of data: Data) -> (type: String, ext: String)? {
        guard let kind = allowed.first(where: { data.starts(with: $0.magic) }) else { return nil }
        if kind.ext == "pdf", !isPDF(data) { return nil }
        return (kind.type, kind.ext)
    }

    /// `%PDF-1.x` or `%PDF-2.x` at the start and `%%EOF` within the last 1,024 bytes (ISO 32000).
    static func isPDF(_ data: Data) -> Bool {
        let head = Array(data.prefix(8))
        guard head.count == 8, head[5] == UInt8(ascii: "1") || head[5] == UInt8(ascii: "2"), head[6] == UInt8(ascii: "."),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(head[7]) else { return false }
        let tail = Array(data.suffix(1_024)), marker = Array("%%EOF".utf8)
        return tail.count >= marker.count && (0...(tail.count - marker.count)).contains { tail[$0..<($0 + marker.count)].elementsEqual(marker) }
    }

    /// A name safe to show and to offer as a download: letters, digits, spaces and `._-()`,
    /// at most 120 characters, with the extension of the detected type.
    static func safeName(_ raw: String, ext: String) -> String {
        let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var stem = base.lowercased().hasSuffix(".\(ext)") || base.contains(".") ? String(base[..<(base.lastIndex(of: ".") ?? base.endIndex)]) : base
        stem = String(stem.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || " ._-()".unicodeScalars.contains($0) })
        stem = stem.trimmingCharacters(in: .whitespaces.union(.init(charactersIn: ".")))
        if stem.isEmpty { stem = "tep" }
        return String(stem.prefix(120)) + "." + ext
    }

    static func asciiName(_ name: String) -> String {
        String(VietnameseText.fold(name).unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0.value >= 32 }.map(Character.init))
    }

    /// A stored file for the people who may read it: shown in the browser, never sniffed or cached.
    static func response(_ data: Data, mediaType: String, fileName: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(asciiName(fileName))\"")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
