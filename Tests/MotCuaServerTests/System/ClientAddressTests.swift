import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import MotCuaServer

/// Behind a configured reverse proxy the client is read from X-Forwarded-For; from anyone else the
/// header is ignored. `/metrics` answers only the configured addresses.
@Suite("Client address and the metrics' readers")
struct ClientAddressTests {
    static func request(_ app: Application, from peer: String, forwardedFor: String?) throws -> Request {
        var headers = HTTPHeaders()
        if let forwardedFor { headers.add(name: .xForwardedFor, value: forwardedFor) }
        return Request(application: app, method: .GET, url: "/", headers: headers,
                       remoteAddress: try SocketAddress(ipAddress: peer, port: 40_000), on: app.eventLoopGroup.next())
    }

    @Test("The nearest address that is not a trusted proxy; a forged header from a client is ignored")
    func forwarded() async throws {
        try await withApp(.sqlite) { app in
            app.motcua.trustedProxies = ["10.0.0.2", "10.0.0.3"]
            let cases: [(peer: String, forwardedFor: String?, client: String)] = [
                ("10.0.0.2", "203.0.113.7", "203.0.113.7"),
                ("10.0.0.2", "1.2.3.4, 203.0.113.7, 10.0.0.3", "203.0.113.7"),
                ("10.0.0.2", nil, "10.0.0.2"),
                ("198.51.100.9", "10.0.0.2", "198.51.100.9"),
                ("198.51.100.9", "203.0.113.7", "198.51.100.9"),
            ]
            for (peer, forwardedFor, client) in cases {
                let request = try Self.request(app, from: peer, forwardedFor: forwardedFor)
                #expect(request.clientAddress == client, "\(peer) \(forwardedFor ?? "-")")
            }
        }
    }

    @Test("/metrics answers only its configured readers when they are named")
    func metricsReaders() async throws {
        try await withApp(.sqlite) { app in
            let open = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(open.status == .ok)
            app.motcua.metricsAddresses = ["192.0.2.10"]
            let restricted = try await app.testing().sendRequest(.GET, "/metrics")
            #expect(restricted.status == .notFound)
        }
    }
}
