import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Dossier statistics of a period as JSON.
struct StatisticsAPI: RouteCollection {
    private static let problem = JSONValue.ref("Problem")

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/statistics/dossiers", operationID: "getDossierStatistics",
              summary: "Thống kê hồ sơ của kỳ: tiếp nhận (trực tuyến, trực tiếp, bưu chính; kỳ trước chuyển sang), đã giải quyết (trước hạn, đúng hạn, quá hạn), đang giải quyết (trong hạn, quá hạn), từ chối, rút, dừng; tỷ lệ đúng hạn theo Quyết định 766",
              tag: "Giám sát", security: .signedIn,
              parameters: [.query("from", "Từ ngày (năm-tháng-ngày), mặc định đầu tháng"), .query("to", "Đến ngày (gồm cả ngày này), mặc định hôm nay"),
                           .query("unitCode", "Đơn vị (cấp tỉnh)"),
                           .query("groupBy", "Chia theo", ["type": "string", "enum": .array(DossierStatistics.Grouping.allCases.map { .string($0.rawValue) })]),
                           .query("format", "json (mặc định), csv hoặc xlsx (tệp Excel)", ["type": "string", "enum": ["json", "csv", "xlsx"]])],
              responses: [200: ("Thống kê (JSON; với format=csv|xlsx là tệp tải về)", .ref("DossierStatistics")), 401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem),
                          422: ("Kỳ không hợp lệ", problem)],
              downloads: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        dashboardOperation,
    ]

    static let dashboardOperation = APIOperation(
        method: .GET, path: "/api/v1/statistics/dashboard", operationID: "getDashboard",
        summary: "Bảng giám sát: số liệu của kỳ theo nhóm (như thống kê), hồ sơ đang quá hạn và sắp đến hạn trong một ngày làm việc",
        tag: "Giám sát", security: .signedIn,
        parameters: [.query("from", "Từ ngày (năm-tháng-ngày)"), .query("to", "Đến ngày"), .query("unitCode", "Đơn vị (cấp tỉnh)"),
                     .query("groupBy", "Chia theo", ["type": "string", "enum": .array(DossierStatistics.Grouping.allCases.map { .string($0.rawValue) })])],
        responses: [200: ("Bảng giám sát", .ref("Dashboard")), 401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem),
                    422: ("Tham số không hợp lệ", problem)])

    static let schemas: [String: JSONValue] = {
        let integer = JSONValue.integer
        var properties: [String: JSONValue] = [:]
        for name in ["receivedOnline", "receivedDirect", "receivedPostal", "received", "carriedOver", "toHandle", "early", "onTime", "late", "resolved",
                     "inProgressWithinDeadline", "inProgressOverdue", "inProgress", "refused", "withdrawn", "stopped", "supplementRequested"] {
            properties[name] = integer
        }
        properties["onTimeRate766"] = .decimal
        properties["resolvedOnTimeRate"] = .decimal
        let figures = JSONValue.schemaObject(properties, required: ["received", "toHandle", "resolved", "inProgress"])
        let row = JSONValue.schemaObject(["key": .text, "label": .text, "figures": figures], required: ["key", "label", "figures"])
        let line = JSONValue.schemaObject([
            "code": .text, "procedure": .text, "status": .text, "statusLabel": .text, "receivedAt": .dateTime, "appointmentAt": .dateTime,
            "holder": .text, "urgency": ["type": "string", "enum": .array(["overdue", "due_soon", "on_track"])],
            "timeliness": ["type": "string", "enum": .array(Timeliness.allCases.map { .string($0.rawValue) })],
        ], required: ["code", "procedure", "status", "statusLabel", "holder"])
        return [
            "Dashboard": JSONValue.schemaObject(["report": .ref("DossierStatistics"), "unitCode": .text, "overdue": .array(of: line),
                                                 "dueSoon": .array(of: line), "fields": .array(of: row)],
                                                required: ["report", "fields", "overdue", "dueSoon"]),
            "DossierStatistics": JSONValue.schemaObject([
                "from": .text, "to": .text, "scope": .text, "grouping": .text, "total": figures,
                "rows": JSONValue.array(of: row),
                "days": JSONValue.array(of: JSONValue.schemaObject(["day": .text, "received": integer, "resolved": integer],
                                                                   required: ["day", "received", "resolved"])),
            ], required: ["from", "to", "scope", "grouping", "total", "rows", "days"]),
        ]
    }()

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "statistics", "dossiers", use: dossiers)
        routes.get("api", "v1", "statistics", "dashboard", use: dashboard)
    }

    @Sendable func dashboard(req: Request) async throws -> Dashboard.Model {
        try await Dashboard.model(for: try req.requirePrincipal(), unitCode: req.query[String.self, at: "unitCode"] ?? "",
                                  grouping: req.query[String.self, at: "groupBy"], from: req.query[String.self, at: "from"],
                                  to: req.query[String.self, at: "to"], now: req.now, on: req.db).model
    }

    @Sendable func dossiers(req: Request) async throws -> Response {
        let principal = try req.requirePrincipal()
        guard let grouping = DossierStatistics.Grouping(rawValue: req.query[String.self, at: "groupBy"] ?? "unit") else {
            throw AppError.invalid([.init(field: "groupBy", message: "Chia theo: unit, field, procedure hoặc officer.")])
        }
        let (units, scope) = try await ReadableUnits.units(for: principal, .readStatistics, unitCode: req.query[String.self, at: "unitCode"], on: req.db)
        let report = try await DossierStatistics.report(units: units, scope: scope, from: req.query[String.self, at: "from"],
                                                        to: req.query[String.self, at: "to"], grouping: grouping, now: req.now, on: req.db)
        let filename = "thong-ke-ho-so-\(report.from)-\(report.to)"
        switch req.query[String.self, at: "format"] ?? "json" {
        case "json": return try await report.encodeResponse(for: req)
        case "csv": return Response.csv(report.sheet.csv, filename: filename + ".csv")
        case "xlsx": return Response.xlsx(report.sheet, filename: filename + ".xlsx")
        default: throw AppError.invalid([.init(field: "format", message: "Định dạng: json, csv hoặc xlsx.")])
        }
    }
}
