import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The Decision 766 scorecard and the ranking of the province's units as JSON.
struct Index766API: RouteCollection {
    private static let problem = JSONValue.ref("Problem")

    static let operations: [APIOperation] = [
        .init(method: .GET, path: "/api/v1/statistics/index-766", operationID: "getIndex766",
              summary: "Bộ chỉ số 766 của kỳ (tháng, quý, năm): điểm từng chỉ số với tử số, mẫu số, tỷ lệ, ngưỡng; điểm nhóm; xếp hạng các đơn vị của tỉnh",
              tag: "Giám sát", security: .signedIn,
              parameters: [.query("period", "Kỳ: tháng (2026-11), quý (2026-Q4) hoặc năm (2026); mặc định tháng này"),
                           .query("unitCode", "Đơn vị (cấp tỉnh xem từng đơn vị)")],
              responses: [200: ("Bảng điểm và xếp hạng", .ref("Index766Report")), 401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem),
                          404: ("Không có đơn vị", problem), 422: ("Kỳ không hợp lệ", problem)]),
    ]

    static let schemas: [String: JSONValue] = {
        let number = JSONValue.decimal, integer = JSONValue.integer, text = JSONValue.text
        let line = JSONValue.schemaObject([
            "code": text, "group": text, "title": text, "numeratorLabel": text, "denominatorLabel": text,
            "state": ["type": "string", "enum": .array(["scored", "not_scored", "no_data", "unavailable"])],
            "numerator": integer, "denominator": integer, "rate": number, "points": number, "maxPoints": number, "target": number,
            "details": .array(of: text), "unavailable": text,
        ], required: ["code", "group", "title", "numeratorLabel", "denominatorLabel", "state", "details"])
        let group = JSONValue.schemaObject(["code": text, "label": text, "maxPoints": number, "points": number, "attainable": number],
                                           required: ["code", "label", "maxPoints", "points", "attainable"])
        let scorecard = JSONValue.schemaObject(["points": number, "attainable": number, "percent": number, "groups": .array(of: group),
                                                "lines": .array(of: line)], required: ["points", "attainable", "groups", "lines"])
        let ranked = JSONValue.schemaObject(["unitCode": text, "unitName": text, "rank": integer, "points": number, "attainable": number,
                                             "percent": number, "groups": ["type": "object", "additionalProperties": number]],
                                            required: ["unitCode", "unitName", "points", "attainable", "groups"])
        return [
            "Index766Report": JSONValue.schemaObject([
                "period": text, "periodLabel": text, "from": text, "to": text, "scope": text, "unitCode": text, "scorecard": scorecard,
                "rank": integer, "rankedUnits": integer, "ranking": .array(of: ranked),
            ], required: ["period", "periodLabel", "from", "to", "scope", "scorecard", "rankedUnits", "ranking"]),
        ]
    }()

    func boot(routes: any RoutesBuilder) throws {
        routes.get("api", "v1", "statistics", "index-766", use: index)
    }

    @Sendable func index(req: Request) async throws -> Index766Report.Report {
        try await Index766Report.make(for: try req.requirePrincipal(), period: req.query[String.self, at: "period"],
                                      unitCode: req.query[String.self, at: "unitCode"], now: req.now, on: req.db)
    }
}
