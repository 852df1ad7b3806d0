import Fluent
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import PostgresKit
import SQLKit
import Vapor

/// "The queue of unit X changed": reaches every open board, counter and phone page of the unit
/// within a moment, whichever server process made the change. On PostgreSQL each change sends
/// `NOTIFY motcua_queue, '<unit id>'` in its transaction (delivered only if it commits) and every
/// process listens on one connection of its own; on SQLite (one process) the change is told
/// locally after it commits. Pages then read the state again from the database.
final class QueueSignal: Sendable {
    static let channel = "motcua_queue"

    /// What a subscriber hears: a change of the queue, or a heartbeat that keeps its connection
    /// open (and ends the subscription once the client has gone).
    enum Event: Sendable { case changed, heartbeat }

    private let subscribers = NIOLockedValueBox<[UUID: [UUID: AsyncStream<Event>.Continuation]]>([:])
    /// Whether PostgreSQL delivers (then local commits are not told twice).
    let usesNotify: Bool
    /// This process listens on PostgreSQL now (for health and tests).
    let isListening = NIOLockedValueBox(false)

    init(usesNotify: Bool) { self.usesNotify = usesNotify }

    /// Inside the change's transaction.
    static func send(unitID: UUID, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: unitID.uuidString))").run()
    }

    /// After the transaction committed.
    func committed(unitID: UUID) {
        if !usesNotify { publish(unitID: unitID) }
    }

    /// Tells this process's subscribers of the unit.
    func publish(unitID: UUID) {
        for continuation in subscribers.withLockedValue({ Array(($0[unitID] ?? [:]).values) }) {
            continuation.yield(.changed)
        }
    }

    /// Changes of one unit's queue (and a heartbeat every `heartbeat`), until the stream is dropped.
    func subscribe(unitID: UUID, heartbeat: Duration? = nil) -> AsyncStream<Event> {
        let key = UUID()
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .bufferingNewest(2))
        subscribers.withLockedValue { $0[unitID, default: [:]][key] = continuation }
        let beat = heartbeat.map { interval in
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    continuation.yield(.heartbeat)
                }
            }
        }
        continuation.onTermination = { [weak self] _ in
            beat?.cancel()
            self?.subscribers.withLockedValue { $0[unitID]?[key] = nil }
        }
        return stream
    }
}

extension Application {
    private struct QueueSignalKey: StorageKey { typealias Value = QueueSignal }

    var queueSignal: QueueSignal {
        if let signal = storage[QueueSignalKey.self] { return signal }
        let signal = QueueSignal(usesNotify: false)
        storage[QueueSignalKey.self] = signal
        return signal
    }

    func useQueueSignal(_ signal: QueueSignal) { storage[QueueSignalKey.self] = signal }
}

/// Listens for the queue's notifications on PostgreSQL while the server runs, reconnecting after
/// a lost connection.
struct QueueSignalLifecycle: LifecycleHandler {
    let url: String

    /// Synchronous, so that both the server's boot and the test harness's start it.
    func didBoot(_ app: Application) throws {
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        let signal = app.queueSignal
        let logger = Logger(label: "motcua.queue")
        let eventLoop = app.eventLoopGroup.next()
        let open = NIOLockedValueBox<PostgresConnection?>(nil)
        let task = Task {
            var attempt = 0
            while !Task.isCancelled {
                do {
                    let connection = try await PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 0, logger: logger)
                    open.withLockedValue { $0 = connection }
                    attempt = 0
                    try await connection.listen(on: QueueSignal.channel) { notifications in
                        signal.isListening.withLockedValue { $0 = true }
                        defer { signal.isListening.withLockedValue { $0 = false } }
                        for try await notification in notifications {
                            if let unitID = UUID(uuidString: notification.payload) { signal.publish(unitID: unitID) }
                        }
                    }
                    try? await connection.close()
                } catch {
                    if Task.isCancelled { break }
                    attempt += 1
                    logger.warning("queue listener lost its connection", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                    try? await Task.sleep(for: .seconds(min(attempt, 10)))
                }
            }
        }
        app.storage[ListenerKey.self] = Listener(task: task, connection: open)
    }

    func shutdownAsync(_ app: Application) async {
        guard let listener = app.storage[ListenerKey.self] else { return }
        listener.task.cancel()
        try? await listener.connection.withLockedValue { $0 }?.close()
        _ = await listener.task.value
    }

    struct Listener: Sendable {
        let task: Task<Void, Never>
        let connection: NIOLockedValueBox<PostgresConnection?>
    }

    struct ListenerKey: StorageKey { typealias Value = Listener }
}
