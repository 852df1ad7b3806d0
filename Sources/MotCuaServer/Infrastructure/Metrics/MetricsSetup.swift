import Fluent
import Metrics
import Prometheus
import Vapor

/// Prometheus metrics. Vapor reports `http_requests_total` and `http_request_duration_seconds`
/// (by route pattern, method and status) through swift-metrics once a factory is bootstrapped;
/// MotCua adds database gauges measured at scrape time.
enum MetricsSetup {
    /// The process-wide registry; swift-metrics can be bootstrapped once per process.
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        ]
        MetricsSystem.bootstrap(factory)
        return registry
    }()

    static func exposition(for request: Request) async -> String {
        let config = request.application.motcua
        registry.makeGauge(name: "motcua_db_pool_max_connections", labels: [("database", config.database.name)],
                           help: "Connections the pool may open per event loop")
            .set(Double(config.databasePoolSize))
        let started = ContinuousClock.now
        var up = 1.0
        do {
            _ = try await Province.query(on: request.db).count()
        } catch {
            up = 0
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        registry.makeGauge(name: "motcua_db_up", labels: [("database", config.database.name)], help: "1 if the database answered the probe")
            .set(up)
        registry.makeGauge(name: "motcua_db_probe_seconds", labels: [("database", config.database.name)], help: "Time to get a pooled connection and run a one-row query (pool pressure shows here)")
            .set(seconds)
        return registry.emitToString()
    }
}
