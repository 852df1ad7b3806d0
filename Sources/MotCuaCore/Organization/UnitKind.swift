/// The kind of an organisation in a province under the two-tier local government.
public enum UnitKind: String, CaseIterable, Codable, Sendable {
    /// Xã.
    case commune
    /// Phường.
    case ward
    /// Đặc khu.
    case specialZone = "special_zone"
    /// UBND tỉnh / thành phố: the province's own administration. Its administrators and monitors
    /// act on the whole province.
    case provinceOffice = "province_office"
    /// Sở, ban, ngành of the province.
    case provinceDepartment = "province_department"
    /// Cơ quan ngành dọc (tax, police, social insurance…) organised vertically from the centre.
    case verticalAgency = "vertical_agency"

    /// Vietnamese label shown to people.
    public var label: String {
        switch self {
        case .commune: "Xã"
        case .ward: "Phường"
        case .specialZone: "Đặc khu"
        case .provinceOffice: "Cơ quan cấp tỉnh"
        case .provinceDepartment: "Sở, ban, ngành"
        case .verticalAgency: "Cơ quan ngành dọc"
        }
    }

    /// A commune-level unit that runs a Public Administrative Service Center.
    public var isCommuneLevel: Bool {
        switch self {
        case .commune, .ward, .specialZone: true
        case .provinceOffice, .provinceDepartment, .verticalAgency: false
        }
    }

    /// Officers of such a unit act on the whole province (administrators, monitors).
    public var actsForProvince: Bool { self == .provinceOffice }
}
