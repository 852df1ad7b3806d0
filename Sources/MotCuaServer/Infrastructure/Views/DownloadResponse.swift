import Foundation
import MotCuaCore
import Vapor

extension Response {
    /// A CSV file to save, with a byte-order mark so that spreadsheet programs read the Vietnamese
    /// letters as UTF-8.
    static func csv(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + text))
    }

    /// An Office Open XML workbook to save.
    static func xlsx(_ sheet: Spreadsheet, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(data: Data(sheet.bytes)))
    }
}
