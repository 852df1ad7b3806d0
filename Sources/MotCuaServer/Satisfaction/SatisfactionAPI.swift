import Fluent
import Foundation
import MotCuaCore
import Vapor

/// Satisfaction as JSON: rate a dossier, read the monthly summary.
struct SatisfactionAPI: RouteCollection {
    private static let problem = JSONValue.ref("Problem")

    static let operations: [APIOperation] = [
        .init(method: .POST, path: "/api/v1/satisfaction/ratings", operationID: "rateDossier",
              summary: "Đánh giá mức độ hài lòng về việc giải quyết một hồ sơ đã có kết quả (mỗi hồ sơ một lần, sửa được trong thời hạn)",
              tag: "Đánh giá hài lòng", requestSchema: .ref("RatingInput"),
              responses: [201: ("Đánh giá", .ref("Rating")), 403: ("Không chứng minh được là người nộp", problem), 404: ("Không có hồ sơ", problem),
                          409: ("Hồ sơ chưa có kết quả, hoặc hết thời hạn sửa", problem), 422: ("Thông tin chưa hợp lệ", problem),
                          429: ("Quá nhiều lần thử", problem)]),
        .init(method: .GET, path: "/api/v1/satisfaction/summary", operationID: "getSatisfactionSummary",
              summary: "Tổng hợp khảo sát hài lòng trong tháng: theo mức, tiêu chí, cán bộ, đơn vị; số liệu phản ánh, kiến nghị",
              tag: "Đánh giá hài lòng", security: .signedIn,
              parameters: [.query("month", "Tháng (năm-tháng), mặc định tháng này"), .query("unitCode", "Đơn vị (cấp tỉnh xem mọi đơn vị)")],
              responses: [200: ("Tổng hợp", .ref("SatisfactionSummary")), 401: ("Chưa đăng nhập", problem), 403: ("Không có quyền", problem),
                          422: ("Tháng không hợp lệ", problem)]),
    ]

    static let schemas: [String: JSONValue] = {
        let text = JSONValue.text, integer = JSONValue.integer
        let levels: JSONValue = ["type": "integer", "minimum": 1, "maximum": 3]
        let figures = JSONValue.schemaObject(["forms": integer, "unsatisfied": integer, "satisfied": integer, "verySatisfied": integer,
                                              "satisfiedPercent": .decimal], required: ["forms", "unsatisfied", "satisfied", "verySatisfied"])
        return [
            "RatingInput": JSONValue.schemaObject([
                "dossierCode": text, "phoneDigits": text, "level": levels,
                "criteria": ["type": "object", "additionalProperties": levels,
                             "propertyNames": ["enum": .array(SatisfactionCriterion.allCases.map { .string($0.rawValue) })]],
                "comment": text, "channel": ["type": "string", "enum": ["tracking", "kiosk", "api"]],
            ], required: ["dossierCode", "level"]),
            "Rating": JSONValue.schemaObject([
                "dossierCode": text, "level": levels, "levelLabel": text, "criteria": ["type": "object", "additionalProperties": levels],
                "comment": text, "channel": text, "ratedAt": .dateTime, "changeableUntil": .dateTime,
            ], required: ["dossierCode", "level", "levelLabel", "criteria", "comment", "channel", "ratedAt", "changeableUntil"]),
            "SatisfactionSummary": JSONValue.schemaObject([
                "month": text, "scope": text, "overall": figures, "levels": ["type": "object", "additionalProperties": .decimal],
                "criteria": JSONValue.array(of: JSONValue.schemaObject(["code": text, "label": text, "rated": integer, "mean": .decimal],
                                                                       required: ["code", "label", "rated"])),
                "officers": JSONValue.array(of: JSONValue.schemaObject(["name": text, "role": text, "figures": figures],
                                                                       required: ["name", "role", "figures"])),
                "units": JSONValue.array(of: JSONValue.schemaObject(["unitCode": text, "unitName": text, "figures": figures],
                                                                    required: ["unitCode", "unitName", "figures"])),
                "feedback": JSONValue.schemaObject(["received": integer, "published": integer, "refused": integer, "answersRated": integer,
                                                    "answersUnsatisfied": integer],
                                                   required: ["received", "published", "refused", "answersRated", "answersUnsatisfied"]),
            ], required: ["month", "scope", "overall", "levels", "criteria", "officers", "units", "feedback"]),
        ]
    }()

    struct RatingDTO: Content {
        let dossierCode: String
        let level: Int
        let levelLabel: String
        let criteria: [String: Int]
        let comment: String
        let channel: String
        let ratedAt: Date
        let changeableUntil: Date

        init(_ rating: SatisfactionRating, code: String) {
            dossierCode = code
            level = rating.level.rawValue
            levelLabel = rating.level.label
            criteria = Dictionary(uniqueKeysWithValues: rating.criteria.map { ($0.key.rawValue, $0.value.rawValue) })
            comment = rating.comment
            channel = rating.channel.rawValue
            ratedAt = rating.ratedAt
            changeableUntil = rating.changeableUntil
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "satisfaction")
        api.post("ratings", use: rate)
        api.get("summary", use: summary)
    }

    @Sendable func rate(req: Request) async throws -> Response {
        guard var input = try? req.content.decode(SatisfactionDesk.RatingInput.self) else {
            throw AppError.badRequest("Nội dung gửi lên không phải JSON hợp lệ.")
        }
        if input.channel != "kiosk" { input.channel = "api" }
        let rating = try await SatisfactionDesk.rate(input, in: req.context)
        let response = Response(status: .created)
        try response.content.encode(RatingDTO(rating, code: (input.dossierCode ?? "").trimmingCharacters(in: .whitespaces)))
        return response
    }

    @Sendable func summary(req: Request) async throws -> SatisfactionReport.Summary {
        let principal = try req.requirePrincipal()
        let (units, scope) = try await ReadableUnits.units(for: principal, .readSatisfaction, unitCode: req.query[String.self, at: "unitCode"], on: req.db)
        return try await SatisfactionReport.summary(units: units, scope: scope, month: req.query[String.self, at: "month"], now: req.now, on: req.db)
    }
}
