import Foundation
import MotCuaCore
import Vapor

/// A GeoReport v2 answer before it is written: a list of records (each an ordered list of fields)
/// under a root element, written as XML (required by the specification) or JSON.
struct Open311Document {
    enum Format: String {
        case xml
        case json
    }

    /// A field value: text, a number, a flag, a nested list, or absent (written empty in XML and as
    /// null in JSON).
    indirect enum Value {
        case text(String)
        case number(Double)
        case flag(Bool)
        case list(element: String, [[(String, Value)]])
        /// Plain values in repeated elements (`<formats><format>text/xml</format>…`), an array of strings in JSON.
        case texts(element: String, [String])
        case absent
    }

    /// `<services><service>…</service></services>` and so on.
    let root: String
    let element: String
    let records: [[(String, Value)]]
    /// A single object rather than a list in JSON (the service definition).
    var single = false

    func response(_ format: Format, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        let body: String
        switch format {
        case .xml:
            headers.contentType = HTTPMediaType(type: "text", subType: "xml", parameters: ["charset": "utf-8"])
            body = xml()
        case .json:
            headers.contentType = .json
            body = json()
        }
        return Response(status: status, headers: headers, body: .init(string: body))
    }

    func xml() -> String {
        var out = #"<?xml version="1.0" encoding="utf-8"?>"# + "\n"
        if single, let record = records.first {
            out += "<\(root)>" + Self.xmlFields(record) + "</\(root)>"
        } else {
            out += "<\(root)>" + records.map { "<\(element)>" + Self.xmlFields($0) + "</\(element)>" }.joined() + "</\(root)>"
        }
        return out
    }

    private static func xmlFields(_ fields: [(String, Value)]) -> String {
        fields.map { name, value in
            switch value {
            case .text(let text): "<\(name)>\(XMLText.escape(text))</\(name)>"
            case .number(let number): "<\(name)>\(format(number))</\(name)>"
            case .flag(let flag): "<\(name)>\(flag)</\(name)>"
            case .absent: "<\(name)/>"
            case .list(let element, let records):
                "<\(name)>" + records.map { "<\(element)>" + xmlFields($0) + "</\(element)>" }.joined() + "</\(name)>"
            case .texts(let element, let texts):
                "<\(name)>" + texts.map { "<\(element)>\(XMLText.escape($0))</\(element)>" }.joined() + "</\(name)>"
            }
        }.joined()
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// JSON written directly (JSONSerialization is slow for a thousand requests): objects keep the
    /// fields' order.
    func json() -> String {
        var out = ""
        out.reserveCapacity(records.count * 600)
        func write(_ value: Value) {
            switch value {
            case .text(let text): Self.writeString(text, to: &out)
            case .number(let number): out += Self.format(number)
            case .flag(let flag): out += flag ? "true" : "false"
            case .absent: out += "null"
            case .list(_, let records):
                out += "["
                for (index, record) in records.enumerated() {
                    if index > 0 { out += "," }
                    object(record)
                }
                out += "]"
            case .texts(_, let texts):
                out += "[" + texts.map { text in var s = ""; Self.writeString(text, to: &s); return s }.joined(separator: ",") + "]"
            }
        }
        func object(_ fields: [(String, Value)]) {
            out += "{"
            for (index, (name, value)) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(name, to: &out)
                out += ":"
                write(value)
            }
            out += "}"
        }
        if single {
            object(records.first ?? [])
        } else {
            write(.list(element: element, records))
        }
        return out
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    /// The specification's error list: `<errors><error><code/><description/></error></errors>`.
    static func errors(_ status: HTTPResponseStatus, _ description: String, format: Format) -> Response {
        Open311Document(root: "errors", element: "error", records: [[("code", .number(Double(status.code))), ("description", .text(description))]])
            .response(format, status: status)
    }

    /// ISO 8601 with the offset of Vietnam, as the specification asks (dates with a time zone):
    /// `2026-11-30T09:00:00+07:00`.
    static func date(_ date: Date) -> Value {
        let (day, second) = WorkingTime.local(date)
        // Written by hand: String(format:) costs more than the rest of a thousand-request answer.
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return .text("\(day.year)-\(two(day.month))-\(two(day.day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))+07:00")
    }
}
