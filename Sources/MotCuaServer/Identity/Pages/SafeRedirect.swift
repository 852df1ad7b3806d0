import Foundation

/// Where to go after signing in (`tiep=`): only a path of this site. Browsers drop tabs and line
/// breaks from an address and read a backslash as a slash, so `/\t/evil.example` would leave the
/// site: the path may hold visible ASCII only (what the sign-in redirect percent-encodes), without
/// backslashes, and must not start with two slashes.
enum SafeRedirect {
    static func path(_ raw: String?) -> String {
        guard let raw, raw.utf8.count < 500, raw.hasPrefix("/"), !raw.hasPrefix("//"),
              raw.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "\\") })
        else { return "/" }
        return raw
    }
}
