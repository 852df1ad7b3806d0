import Foundation
import MotCuaCore
import Vapor

/// Checks on a file a person sends (dossier papers, feedback photos): only PDF, JPEG and PNG,
/// recognised by their first bytes (not by the name the browser sent); the stored name is cleaned
/// of paths and control characters.
enum UploadedFile {
    static let allowed: [(type: String, ext: String, magic: [UInt8])] = [
        ("application/pdf", "pdf", Array("%PDF-".utf8)),
        ("image/jpeg", "jpg", [0xFF, 0xD8, 0xFF]),
        ("image/png", "png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ]

    static func mediaType(of data: Data) -> (type: String, ext: String)? {
        allowed.first { data.starts(with: $0.magic) }.map { ($0.type, $0.ext) }
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
