import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Files of a dossier: uploaded by the applicant online or digitised by an officer at the counter
/// (số hóa). Only PDF, JPEG and PNG, recognised by their first bytes (not by the name the browser
/// sent); the stored name is cleaned of paths and control characters.
enum DossierFiles {
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

    static func add(_ data: Data, fileName: String, documentName rawDocument: String, to id: UUID?, by principal: Principal,
                    request req: Request) async throws -> DossierAttachment {
        guard let id, let dossier = try await Dossier.find(id, on: req.db), DossierAccess.mayRead(principal, dossier) else {
            throw AppError.notFound("Không tìm thấy hồ sơ.")
        }
        let parties = DossierAccess.parties(of: principal, for: dossier)
        let applicantMay = parties.contains(.applicant) && [.submitted, .supplementRequested].contains(dossier.status)
        let officerMay = !parties.subtracting([.applicant]).isEmpty && !dossier.status.isFinal
        guard applicantMay || officerMay else {
            throw AppError.forbidden("Không thể thêm tệp vào hồ sơ \(dossier.code) ở trạng thái “\(dossier.status.label)”.")
        }
        let limit = req.application.motcua.maximumFileBytes
        guard !data.isEmpty else { throw AppError.invalid([.init(field: "file", message: "Tệp rỗng.")]) }
        guard data.count <= limit else {
            throw AppError.invalid([.init(field: "file", message: "Tệp lớn hơn \(limit / 1024 / 1024) MB.")])
        }
        guard let type = mediaType(of: data) else {
            throw AppError.invalid([.init(field: "file", message: "Chỉ nhận tệp PDF, JPG hoặc PNG.")])
        }
        let document = rawDocument.trimmingCharacters(in: .whitespacesAndNewlines)
        let address = try await req.application.files.put(data)
        let attachment = DossierAttachment()
        attachment.$dossier.id = id
        attachment.documentName = document.isEmpty ? "Giấy tờ khác" : String(document.prefix(300))
        attachment.fileName = safeName(fileName, ext: type.ext)
        attachment.mediaType = type.type
        attachment.size = data.count
        attachment.sha256 = address
        attachment.digitized = principal.isOfficer
        attachment.uploadedAt = req.now
        attachment.uploadedBy = principal.fullName
        let audit = req.audit
        try await req.db.transaction { db in
            try await attachment.create(on: db)
            try await audit.record(.dossierFileAdded, on: db, entityType: "dossier", entityID: id, scope: (dossier.$province.id, dossier.$unit.id),
                                   summary: "\(attachment.digitized ? "Số hóa" : "Nộp") tệp “\(attachment.fileName)” (\(attachment.documentName)) vào hồ sơ \(dossier.code)")
        }
        return attachment
    }

    static func asciiName(_ name: String) -> String {
        String(VietnameseText.fold(name).unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0.value >= 32 }.map(Character.init))
    }

    /// The file's bytes, for people who may read the dossier.
    static func download(_ fileID: UUID?, of dossierID: UUID?, by principal: Principal, request req: Request) async throws -> Response {
        guard let dossierID, let fileID, let dossier = try await Dossier.find(dossierID, on: req.db), DossierAccess.mayRead(principal, dossier),
              let file = try await DossierAttachment.query(on: req.db).filter(\.$id == fileID).filter(\.$dossier.$id == dossierID).first(),
              let data = try await req.application.files.get(file.sha256)
        else { throw AppError.notFound("Không tìm thấy tệp.") }
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.replaceOrAdd(name: .contentType, value: file.mediaType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"\(asciiName(file.fileName))\"")
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        return response
    }
}
