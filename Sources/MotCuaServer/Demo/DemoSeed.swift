import Fluent
import Foundation
import MotCuaCore
import Vapor

/// The demo province: Thành phố Hải Phòng with its 114 commune-level units, the province office,
/// departments and vertical agencies; three units fully staffed (a ward, a commune and a special
/// zone) with every role; fields from the real procedure list. Every demo account's password is
/// `DemoSeed.password`.
enum DemoSeed {
    static let password = "MotCua@2026"
    static let provinceCode = "31"

    /// Whether to show the demo accounts: demo seeding is configured and its province administrator
    /// account exists (one lookup on a unique index).
    static func isPresent(on request: Request) async throws -> Bool {
        guard request.application.motcua.seedDemoWhenEmpty else { return false }
        return try await User.query(on: request.db).filter(\.$username == "tinh.quantri").count() > 0
    }

    /// A production server does not start while the demo accounts, whose password is published,
    /// exist in its database, unless `MOTCUA_ALLOW_DEMO_ACCOUNTS` says so.
    static func refuseInProduction(_ app: Application) async throws {
        guard app.environment == .production, !app.motcua.allowDemoAccounts,
              try await User.query(on: app.db).filter(\.$username == "tinh.quantri").count() > 0 else { return }
        throw ConfigurationError(problems: [
            "This database holds the demo accounts, whose password is published. Remove them, or set MOTCUA_ALLOW_DEMO_ACCOUNTS=1 to start anyway.",
        ])
    }

    /// Seeds when the database has no province. Returns whether it seeded.
    @discardableResult
    static func seedIfEmpty(_ app: Application) async throws -> Bool {
        guard try await Province.query(on: app.db).count() == 0 else { return false }
        let hash = try await app.password.async.hash(password)
        let now = app.time.now()
        try await app.db.transaction { db in
            try await seed(on: db, passwordHash: hash, now: now)
        }
        app.logger.notice("Demo province seeded", metadata: ["component": "demo"])
        if app.motcua.demoHistory > 0 {
            let summary = try await history(app, dossiers: app.motcua.demoHistory, days: app.motcua.demoHistoryDays)
            let tickets = try await DemoQueueHistory.generate(until: app.time.now(), on: app.db)
            app.logger.notice("Demo history generated", metadata: ["component": "demo", "dossiers": "\(summary.dossiers)", "tickets": "\(tickets)"])
        }
        return true
    }

    /// Generated history for the demo province (see `DemoHistory`), up to now.
    static func history(_ app: Application, dossiers: Int, days: Int) async throws -> DemoHistory.Summary {
        try await DemoHistory.generate(.init(dossiers: dossiers, days: days, until: app.time.now()), provinceID: try await provinceID(on: app.db),
                                       codeFormat: app.motcua.dossierCodeFormat, on: app.db)
    }

    static func provinceID(on db: any Database) async throws -> UUID {
        guard let province = try await Province.query(on: db).filter(\.$code == provinceCode).first() else {
            throw AppError.notFound("Chưa có tỉnh mẫu: chạy motcua seed --demo trước.")
        }
        return province.id!
    }

    private struct StaffPlan {
        let name: String
        let login: String
        let title: String
        let department: String
        let roles: [Role]
        let fields: [String]
    }

    private static func seed(on db: any Database, passwordHash: String, now: Date) async throws {
        let province = Province(code: provinceCode, name: "Thành phố Hải Phòng")
        try await province.create(on: db)
        let provinceID = province.id!
        let audit = AuditTrail(context: .system(now: now))

        // Fields (lĩnh vực) from the real procedure list.
        var fieldIDs: [String: UUID] = [:]
        for name in try Set(DemoResources.rows("procedures.csv").compactMap { $0["field"] }).sorted() where !name.isEmpty {
            let field = ProcedureField(code: VietnameseText.slug(name), name: name)
            try await field.create(on: db)
            fieldIDs[name] = field.id
        }

        func addUnit(_ kind: UnitKind, _ code: String, _ name: String) async throws -> OrgUnit {
            let unit = OrgUnit(provinceID: provinceID, kind: kind, code: code, name: name, createdAt: now)
            try await unit.create(on: db)
            try await UnitRevision(of: unit, validFrom: Self.reformDate, reason: "Nghị quyết số 1669/NQ-UBTVQH15 sắp xếp đơn vị hành chính cấp xã (hiệu lực 01/7/2025)", recordedBy: nil).create(on: db)
            return unit
        }

        var units: [String: OrgUnit] = [:]
        for row in try DemoResources.rows("hai-phong-units.csv") {
            guard let code = row["code"], let kind = row["kind"].flatMap(UnitKind.init(rawValue:)), let name = row["name"] else { continue }
            units[code] = try await addUnit(kind, code, name)
        }
        let office = try await addUnit(.provinceOffice, "HP-UBND", "Ủy ban nhân dân thành phố Hải Phòng")
        var agencies: [String: OrgUnit] = [:]
        for (code, name, kind) in [
            ("HP-STP", "Sở Tư pháp", UnitKind.provinceDepartment),
            ("HP-SXD", "Sở Xây dựng", .provinceDepartment),
            ("HP-SNNMT", "Sở Nông nghiệp và Môi trường", .provinceDepartment),
            ("HP-SNV", "Sở Nội vụ", .provinceDepartment),
            ("HP-STC", "Sở Tài chính", .provinceDepartment),
            ("HP-SYT", "Sở Y tế", .provinceDepartment),
            ("HP-SCT", "Sở Công Thương", .provinceDepartment),
            ("HP-SGDDT", "Sở Giáo dục và Đào tạo", .provinceDepartment),
            ("HP-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", .provinceDepartment),
            ("HP-THUE", "Thuế thành phố Hải Phòng", .verticalAgency),
            ("HP-CA", "Công an thành phố Hải Phòng", .verticalAgency),
            ("HP-BHXH", "Bảo hiểm xã hội thành phố Hải Phòng", .verticalAgency),
        ] {
            agencies[code] = try await addUnit(kind, code, name)
        }

        func addStaff(_ unit: OrgUnit, departments: [String: UUID], _ plans: [StaffPlan]) async throws {
            for plan in plans {
                let user = User(kind: .officer, fullName: plan.name, username: plan.login, email: "\(plan.login)@haiphong.gov.vn",
                                passwordHash: passwordHash, unitID: unit.id, departmentID: departments[plan.department],
                                jobTitle: plan.title, createdAt: now)
                try await user.create(on: db)
                for role in plan.roles { try await UserRole(userID: user.id!, role: role).create(on: db) }
                for field in plan.fields {
                    guard let id = fieldIDs[field] else { continue }
                    try await UserField(userID: user.id!, fieldID: id).create(on: db)
                }
            }
        }

        func addDepartments(_ unit: OrgUnit, _ names: [String], center: String?) async throws -> [String: UUID] {
            var ids: [String: UUID] = [:]
            for name in names {
                let department = Department(unitID: unit.id!, name: name, isServiceCenter: name == center)
                try await department.create(on: db)
                ids[name] = department.id
            }
            return ids
        }

        // Province office: administrator and monitor act for the whole province.
        let officeDepartments = try await addDepartments(office, ["Văn phòng UBND thành phố", "Phòng Kiểm soát thủ tục hành chính"], center: nil)
        try await addStaff(office, departments: officeDepartments, [
            .init(name: "Nguyễn Văn Quản", login: "tinh.quantri", title: "Chuyên viên quản trị hệ thống",
                  department: "Văn phòng UBND thành phố", roles: [.administrator], fields: []),
            .init(name: "Trần Thị Giám", login: "tinh.giamsat", title: "Trưởng phòng Kiểm soát TTHC",
                  department: "Phòng Kiểm soát thủ tục hành chính", roles: [.provinceMonitor, .leader], fields: []),
            .init(name: "Đoàn Thị Thoại", login: "tinh.tongdai", title: "Tổng đài viên đường dây nóng",
                  department: "Phòng Kiểm soát thủ tục hành chính", roles: [.hotline], fields: []),
        ])
        let justice = agencies["HP-STP"]!
        let justiceDepartments = try await addDepartments(justice, ["Văn phòng Sở", "Phòng Hành chính tư pháp"], center: nil)
        try await addStaff(justice, departments: justiceDepartments, [
            .init(name: "Lê Thị Pháp", login: "stp.chuyenvien", title: "Chuyên viên", department: "Phòng Hành chính tư pháp",
                  roles: [.specialist], fields: ["Hộ tịch", "Nuôi con nuôi", "Chứng thực"]),
            .init(name: "Phạm Văn Luật", login: "stp.lanhdao", title: "Phó Giám đốc Sở", department: "Văn phòng Sở",
                  roles: [.leader], fields: []),
        ])

        // Three fully staffed commune-level units.
        let staffed: [(code: String, prefix: String, names: [String])] = [
            ("10301008", "hongbang", ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Minh Tuấn", "Phạm Thu Hà", "Hoàng Văn Nam",
                                      "Vũ Thị Mai", "Đỗ Quang Huy", "Bùi Thị Hạnh", "Đặng Văn Long", "Ngô Thị Thảo"]),
            ("10321041", "vinhbao", ["Phan Văn Khải", "Trịnh Thị Hoa", "Lương Văn Bình", "Đinh Thị Yến", "Mai Xuân Trường",
                                     "Cao Thị Nga", "Tạ Văn Đức", "Hồ Thị Thu", "Dương Văn Tiến", "Lý Thị Hằng"]),
            ("10323049", "cathai", ["Vương Văn Hải", "Kiều Thị Loan", "Chu Văn Thắng", "Tô Thị Hương", "Lại Văn Sơn",
                                    "Quách Thị Nhung", "Triệu Văn Phong", "Hà Thị Liên", "Khổng Văn Tài", "Mạc Thị Vân"]),
        ]
        for plan in staffed {
            let unit = units[plan.code]!
            let economy = unit.kind == .ward ? "Phòng Kinh tế, Hạ tầng và Đô thị" : "Phòng Kinh tế"
            let departments = try await addDepartments(unit, [
                "Văn phòng HĐND và UBND", economy, "Phòng Văn hóa – Xã hội", "Trung tâm Phục vụ hành chính công",
            ], center: "Trung tâm Phục vụ hành chính công")
            let n = plan.names
            let p = plan.prefix
            try await addStaff(unit, departments: departments, [
                .init(name: n[0], login: "\(p).chutich", title: "Chủ tịch UBND", department: "Văn phòng HĐND và UBND",
                      roles: [.leader], fields: []),
                .init(name: n[1], login: "\(p).giamdoc", title: "Phó Chủ tịch UBND, Giám đốc Trung tâm",
                      department: "Trung tâm Phục vụ hành chính công", roles: [.centerDirector, .leader], fields: []),
                .init(name: n[2], login: "\(p).tiepnhan1", title: "Công chức một cửa", department: "Trung tâm Phục vụ hành chính công",
                      roles: [.reception], fields: ["Hộ tịch", "Chứng thực", "Nuôi con nuôi"]),
                .init(name: n[3], login: "\(p).tiepnhan2", title: "Công chức một cửa", department: "Trung tâm Phục vụ hành chính công",
                      roles: [.reception], fields: ["Đất đai", "Xây dựng", "Hộ kinh doanh"]),
                .init(name: n[4], login: "\(p).tiepnhan3", title: "Công chức một cửa", department: "Trung tâm Phục vụ hành chính công",
                      roles: [.reception], fields: ["Bảo trợ xã hội", "Người có công", "Giáo dục"]),
                .init(name: n[5], login: "\(p).tuphap", title: "Công chức Tư pháp – Hộ tịch", department: "Văn phòng HĐND và UBND",
                      roles: [.specialist], fields: ["Hộ tịch", "Chứng thực", "Nuôi con nuôi", "Hòa giải cơ sở"]),
                .init(name: n[6], login: "\(p).diachinh", title: "Công chức Địa chính – Xây dựng", department: economy,
                      roles: [.specialist], fields: ["Đất đai", "Xây dựng", "Hộ kinh doanh", "Thủy sản"]),
                .init(name: n[7], login: "\(p).vanhoa", title: "Công chức Văn hóa – Xã hội", department: "Phòng Văn hóa – Xã hội",
                      roles: [.specialist], fields: ["Bảo trợ xã hội", "Người có công", "Văn hóa", "Giáo dục", "Trẻ em", "Gia đình"]),
                .init(name: n[8], login: "\(p).tuphap2", title: "Công chức Tư pháp – Hộ tịch", department: "Văn phòng HĐND và UBND",
                      roles: [.specialist, .reception], fields: ["Hộ tịch", "Chứng thực"]),
                .init(name: n[9], login: "\(p).quantri", title: "Chuyên viên công nghệ thông tin", department: "Văn phòng HĐND và UBND",
                      roles: [.administrator], fields: []),
            ])
            try await addQueue(unit, on: db)
        }
        try await DemoCatalogue.seed(provinceID: provinceID, units: Array(units.values), audit: audit, on: db)
        try await addFeedbackCategories(provinceID: provinceID, on: db)
        try await audit.record(.demoSeeded, on: db, entityType: "province", entityID: provinceID, scope: (provinceID, nil),
                               summary: "Nạp dữ liệu mẫu: \(units.count + agencies.count + 1) đơn vị, 3 đơn vị đủ cán bộ, danh mục thủ tục")
    }

    /// The center's queue: three service groups and four counters (counter 2 serves two groups).
    private static func addQueue(_ unit: OrgUnit, on db: any Database) async throws {
        let groups = [
            ServiceGroup(unitID: unit.id!, name: "Hộ tịch – Chứng thực", prefix: "A", position: 1, typicalMinutes: 6),
            ServiceGroup(unitID: unit.id!, name: "Đất đai – Xây dựng – Kinh doanh", prefix: "B", position: 2, typicalMinutes: 12),
            ServiceGroup(unitID: unit.id!, name: "Lao động – Thương binh – Xã hội", prefix: "C", position: 3, typicalMinutes: 8),
        ]
        try await groups.create(on: db)
        let (a, b, c) = (groups[0].id!, groups[1].id!, groups[2].id!)
        try await [ServiceCounter(unitID: unit.id!, name: "1", groupIDs: [a]), ServiceCounter(unitID: unit.id!, name: "2", groupIDs: [a, c]),
                   ServiceCounter(unitID: unit.id!, name: "3", groupIDs: [b]), ServiceCounter(unitID: unit.id!, name: "4", groupIDs: [b, c])]
            .create(on: db)
    }

    /// The kinds of feedback the province receives (as hotline 1022 sorts its calls).
    private static func addFeedbackCategories(provinceID: UUID, on db: any Database) async throws {
        typealias Attribute = FeedbackCategory.Attribute
        let severity = Attribute(code: "muc_do", datatype: .singlevaluelist, required: false, description: "Mức độ ảnh hưởng",
                                 values: [.init(key: "binh_thuong", name: "Bình thường"), .init(key: "nghiem_trong", name: "Nghiêm trọng, cần xử lý ngay")])
        try await [
            FeedbackCategory(provinceID: provinceID, code: "thu-tuc-hanh-chinh", name: "Quy định, thủ tục hành chính",
                             description: "Vướng mắc, đề xuất về quy định và việc giải quyết thủ tục hành chính", groupName: "Hành chính",
                             keywords: "hồ sơ,thủ tục,giấy tờ",
                             attributes: [Attribute(code: "ma_ho_so", datatype: .string, required: false, description: "Mã hồ sơ liên quan (nếu có)")],
                             position: 1),
            FeedbackCategory(provinceID: provinceID, code: "thai-do-can-bo", name: "Thái độ, hành vi của cán bộ",
                             description: "Thái độ phục vụ, nhũng nhiễu, gây phiền hà", groupName: "Hành chính", keywords: "cán bộ,thái độ",
                             position: 2),
            FeedbackCategory(provinceID: provinceID, code: "ha-tang-do-thi", name: "Hạ tầng đô thị",
                             description: "Đường, vỉa hè, đèn chiếu sáng, cấp thoát nước", groupName: "Đô thị", keywords: "đường,đèn,ngập",
                             attributes: [severity], position: 3),
            FeedbackCategory(provinceID: provinceID, code: "moi-truong", name: "Vệ sinh, môi trường",
                             description: "Rác thải, ô nhiễm, tiếng ồn", groupName: "Đô thị", keywords: "rác,ô nhiễm,tiếng ồn",
                             attributes: [severity], position: 4),
            FeedbackCategory(provinceID: provinceID, code: "trat-tu-do-thi", name: "Trật tự đô thị, an ninh",
                             description: "Lấn chiếm vỉa hè, xây dựng trái phép, an ninh trật tự", groupName: "Đô thị", keywords: "lấn chiếm,xây dựng",
                             position: 5),
        ].create(on: db)
    }

    /// 2025-07-01 00:00 in Vietnam: the two-tier local government starts.
    static let reformDate = Date(timeIntervalSince1970: 1_751_302_800)
}
