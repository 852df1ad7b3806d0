import Fluent
import Foundation
import MotCuaCore
import SQLKit
import Vapor

/// Files of a dossier: uploaded by the applicant online or digitised by an officer at the counter
/// (số hóa), checked by `UploadedFile`.
enum DossierFiles {
    /// Files sent with a registration, each on its own; a refused file is named in the returned
    /// notes and the others are kept.
    static func addUploads(_ files: [File], documentName: String, to id: UUID?, by principal: Principal,
                           in context: ActionContext) async throws -> [String] {
        var notes: [String] = []
        for file in files {
            do {
                _ = try await add(Data(file.data.readableBytesView), fileName: file.filename, documentName: documentName, to: id, by: principal, in: context)
            } catch let error as AppError where error.status == .unprocessableEntity {
                notes.append("\(file.filename): \(error.detail)")
            }
        }
        return notes
    }

    static func add(_ data: Data, fileName: String, documentName rawDocument: String, to id: UUID?, by principal: Principal,
                    in context: ActionContext) async throws -> DossierAttachment {
        guard let id, let dossier = try await Dossier.find(id, on: context.db), DossierAccess.mayRead(principal, dossier) else {
            throw AppError.notFound("Không tìm thấy hồ sơ.")
        }
        let parties = DossierAccess.parties(of: principal, for: dossier)
        let applicantMay = parties.contains(.applicant) && [.submitted, .supplementRequested].contains(dossier.status)
        let officerMay = !parties.subtracting([.applicant]).isEmpty && !dossier.status.isFinal
        guard applicantMay || officerMay else {
            throw AppError.forbidden("Không thể thêm tệp vào hồ sơ \(dossier.code) ở trạng thái “\(dossier.status.label)”.")
        }
        let limit = context.config.maximumFileBytes
        guard !data.isEmpty else { throw AppError.invalid([.init(field: "file", message: "Tệp rỗng.")]) }
        guard data.count <= limit else {
            throw AppError.invalid([.init(field: "file", message: "Tệp lớn hơn \(limit / 1024 / 1024) MB.")])
        }
        guard let type = UploadedFile.mediaType(of: data) else {
            throw AppError.invalid([.init(field: "file", message: "Chỉ nhận tệp PDF, JPG hoặc PNG.")])
        }
        let document = rawDocument.trimmingCharacters(in: .whitespacesAndNewlines)
        let address = try await context.files.put(data)
        let attachment = DossierAttachment()
        attachment.$dossier.id = id
        attachment.documentName = document.isEmpty ? "Giấy tờ khác" : String(document.prefix(300))
        attachment.fileName = UploadedFile.safeName(fileName, ext: type.ext)
        attachment.mediaType = type.type
        attachment.size = data.count
        attachment.sha256 = address
        attachment.digitized = principal.isOfficer
        attachment.uploadedAt = context.now
        attachment.uploadedBy = principal.fullName
        let audit = context.audit
        try await context.db.transaction { db in
            try await attachment.create(on: db)
            try await (db as! any SQLDatabase).raw("UPDATE dossiers SET file_count = file_count + 1, tally_pending = TRUE WHERE id = \(bind: id)").run()
            try await audit.record(.dossierFileAdded, on: db, entityType: "dossier", entityID: id, scope: (dossier.$province.id, dossier.$unit.id),
                                   summary: "\(attachment.digitized ? "Số hóa" : "Nộp") tệp “\(attachment.fileName)” (\(attachment.documentName)) vào hồ sơ \(dossier.code)")
        }
        return attachment
    }

    /// The file's bytes, for people who may read the dossier.
    static func download(_ fileID: UUID?, of dossierID: UUID?, by principal: Principal, request req: Request) async throws -> Response {
        guard let dossierID, let fileID, let dossier = try await Dossier.find(dossierID, on: req.db), DossierAccess.mayRead(principal, dossier),
              let file = try await DossierAttachment.query(on: req.db).filter(\.$id == fileID).filter(\.$dossier.$id == dossierID).first(),
              let data = try await req.application.files.get(file.sha256)
        else { throw AppError.notFound("Không tìm thấy tệp.") }
        return UploadedFile.response(data, mediaType: file.mediaType, fileName: file.fileName)
    }
}
