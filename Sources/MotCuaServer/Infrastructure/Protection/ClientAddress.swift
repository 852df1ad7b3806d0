import Vapor

extension Request {
    /// The address of the person's device, which rate limits, kiosks and the audit trail use: the
    /// connection's peer, or, when the peer is a trusted reverse proxy (`MOTCUA_TRUSTED_PROXIES`),
    /// the nearest address in `X-Forwarded-For` that is not itself a trusted proxy. A header from
    /// anyone else is ignored: a client cannot choose its own address.
    var clientAddress: String {
        let peer = remoteAddress?.ipAddress ?? "unknown"
        let trusted = application.motcua.trustedProxies
        guard trusted.contains(peer) else { return peer }
        let forwarded = headers[.xForwardedFor].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return forwarded.reversed().first { !$0.isEmpty && !trusted.contains($0) } ?? peer
    }
}
