import Vapor

extension Request {
    /// The address citizens reach the server at: `MOTCUA_PUBLIC_URL`, or this request's host.
    var publicBaseURL: String {
        application.motcua.publicURL ?? "http://\(headers.first(name: .host) ?? "127.0.0.1:8080")"
    }
}
