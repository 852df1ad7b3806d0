import Foundation
import NIOCore
import Vapor

/// Work the server does every few seconds in each of its processes — the job itself makes sure
/// only one does a given piece (a lease, rows another process has locked skipped). A failed run is
/// logged and the next one tries again; `seconds == 0` turns the job off.
struct RepeatingJob: LifecycleHandler {
    let name: String
    let seconds: Int
    var initialDelay: Int?
    let run: @Sendable (Application, Logger) async throws -> Void

    func didBootAsync(_ app: Application) async throws {
        guard seconds > 0 else { return }
        let logger = Logger(label: "motcua.\(name)")
        let task = app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .seconds(Int64(initialDelay ?? seconds)),
                                                                       delay: .seconds(Int64(seconds))) { _ in
            app.eventLoopGroup.next().makeFutureWithTask {
                do {
                    try await run(app, logger)
                } catch {
                    logger.warning("\(name) run failed", metadata: ["error": "\(error)", "component": "\(name)"])
                }
            }
        }
        var tasks = app.storage[Tasks.self] ?? [:]
        tasks[name] = task
        app.storage[Tasks.self] = tasks
    }

    func shutdown(_ app: Application) {
        app.storage[Tasks.self]?[name]?.cancel()
    }

    private struct Tasks: StorageKey { typealias Value = [String: RepeatedTask] }
}
