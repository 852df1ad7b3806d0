import Fluent
import Foundation
import Vapor

/// Vapor session driver on the `web_sessions` table. Session ids are 32 random bytes; a session
/// slides its expiry on every write. The user id is kept in a column too, so that changing a
/// password can end every other session of that person.
///
/// Signing in rotates the session id (against session fixation): `Request.startSession` marks the
/// data with `rotateKey`, and the next write stores it under a fresh id and deletes the old row.
struct DatabaseSessionDriver: SessionDriver {
    static let userKey = "user"
    static let rotateKey = "rotate"

    let lifetime: TimeInterval

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        var data = data
        data[Self.rotateKey] = nil
        return request.eventLoop.makeFutureWithTask {
            let id = SessionID(string: Self.randomID())
            let row = try WebSession(id: id.string, data: Self.encode(data), userID: Self.userID(in: data),
                                     expiresAt: request.now.addingTimeInterval(lifetime))
            try await row.create(on: request.db)
            return id
        }
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        request.eventLoop.makeFutureWithTask {
            guard let row = try await WebSession.find(sessionID.string, on: request.db), row.expiresAt > request.now else {
                return nil
            }
            let data = try JSONDecoder().decode(SessionData.self, from: Data(row.data.utf8))
            request.storage[LoadedKey.self] = Loaded(data: data, expiresAt: row.expiresAt)
            return data
        }
    }

    /// The session as read at the start of the request, to skip writes that change nothing.
    private struct Loaded: Sendable {
        let data: SessionData
        let expiresAt: Date
    }

    private struct LoadedKey: StorageKey { typealias Value = Loaded }

    /// An unchanged session is written again only when its expiry should slide by more than this.
    private var slideInterval: TimeInterval { min(lifetime / 10, 900) }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if data[Self.rotateKey] != nil {
            var fresh = data
            fresh[Self.rotateKey] = nil
            return deleteSession(sessionID, for: request).flatMap { createSession(fresh, for: request) }
        }
        let newExpiry = request.now.addingTimeInterval(lifetime)
        if let loaded = request.storage[LoadedKey.self], loaded.data == data,
           newExpiry.timeIntervalSince(loaded.expiresAt) < slideInterval {
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        return request.eventLoop.makeFutureWithTask {
            try await WebSession.query(on: request.db)
                .filter(\.$id == sessionID.string)
                .set(\.$data, to: Self.encode(data))
                .set(\.$userID, to: Self.userID(in: data))
                .set(\.$expiresAt, to: newExpiry)
                .update()
            return sessionID
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.eventLoop.makeFutureWithTask {
            try await WebSession.query(on: request.db).filter(\.$id == sessionID.string).delete()
        }
    }

    private static func randomID() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func encode(_ data: SessionData) throws -> String {
        String(decoding: try JSONEncoder().encode(data), as: UTF8.self)
    }

    private static func userID(in data: SessionData) -> UUID? {
        data[userKey].flatMap { $0.split(separator: ":").first.flatMap { UUID(uuidString: String($0)) } }
    }
}
