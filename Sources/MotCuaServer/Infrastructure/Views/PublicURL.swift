import Vapor

extension Request {
    /// The address citizens reach the server at, for pages and QR codes shown to this visitor:
    /// `MOTCUA_PUBLIC_URL`, or this request's host (development).
    var publicBaseURL: String {
        application.motcua.publicURL ?? "http://\(headers.first(name: .host) ?? "127.0.0.1:8080")"
    }
}

extension Application {
    /// The address in messages (e-mail, SMS), which go to someone other than the visitor: only
    /// `MOTCUA_PUBLIC_URL` (required in production), or the address this server listens on,
    /// never a Host header a visitor could forge.
    var messageBaseURL: String {
        if let url = motcua.publicURL { return url }
        let server = http.server.configuration
        let host = ["0.0.0.0", "::", ""].contains(server.hostname) ? "127.0.0.1" : server.hostname
        return "http://\(host):\(server.port)"
    }
}
