import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The public tracking page (/tra-cuu) and the QR code of a dossier's tracking address.
struct TrackingPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.tracking.pathComponents, use: page)
        routes.get(SiteURL.trackingQR.pathComponents, use: qr)
    }

    struct Context: Encodable {
        struct Step: Encodable {
            let at: String
            let label: String
            let note: String?
        }
        let layout: Layout
        let code: String
        let phone: String
        let found: Bool
        let problem: String?
        let procedure: String
        let unit: String
        let status: String
        let statusCode: Int
        let appointment: String?
        let timeliness: String?
        let detailsShown: Bool
        let steps: [Step]
    }

    @Sendable func page(req: Request) async throws -> Response {
        let code = (req.query[String.self, at: "ma"] ?? "").trimmingCharacters(in: .whitespaces)
        let phone = (req.query[String.self, at: "so"] ?? "").trimmingCharacters(in: .whitespaces)
        var context = Context(layout: Layout(request: req, title: "Tra cứu hồ sơ"), code: code, phone: phone, found: false, problem: nil,
                              procedure: "", unit: "", status: "", statusCode: 0, appointment: nil, timeliness: nil, detailsShown: false, steps: [])
        var status = HTTPStatus.ok
        if !code.isEmpty {
            do {
                let (found, refusal) = try await DossierTracking.lookup(code: code, phoneDigits: phone, request: req)
                if let refusal { status = refusal.status }
                context = Context(layout: context.layout, code: code, phone: phone, found: true, problem: refusal?.detail, procedure: found.procedureName,
                                  unit: found.receivingUnit, status: found.statusLabel, statusCode: found.nationalStatusCode,
                                  appointment: found.appointmentAt.map(VietnameseFormat.dateTime), timeliness: found.timeliness?.label,
                                  detailsShown: found.detailsShown,
                                  steps: found.timeline.reversed().map { .init(at: VietnameseFormat.dateTime($0.at), label: $0.label, note: $0.note) })
            } catch let error as AppError {
                context = Context(layout: context.layout, code: code, phone: phone, found: false, problem: error.detail, procedure: "", unit: "",
                                  status: "", statusCode: 0, appointment: nil, timeliness: nil, detailsShown: false, steps: [])
                status = error.status
            }
        }
        return try await req.view.render("Dossiers/tracking", context).encodeResponse(status: status, for: req)
    }

    @Sendable func qr(req: Request) async throws -> Response {
        let code = req.query[String.self, at: "ma"] ?? ""
        guard !code.isEmpty, code.count <= 60 else { throw AppError.notFound("Thiếu mã hồ sơ.") }
        let svg = try QRCode(DossierTracking.url(req)(code), errorCorrection: .medium).svg(title: "Mã QR tra cứu hồ sơ \(code)")
        return Response.svg(svg, maxAge: 86400)
    }
}
