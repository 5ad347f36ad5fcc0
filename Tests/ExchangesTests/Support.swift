import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import TestSupport

/// Fast retries for tests: the same logic as production, shorter waits.
let quickBackoff = Backoff(attempts: 4, base: .milliseconds(5), cap: .milliseconds(40), maxRetryAfter: .seconds(5))

/// A store in a fresh temporary file, removed by `cleanup`.
struct TemporaryStore {
    let folder: URL
    let store: BarStore
    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-exchanges-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try BarStore(path: folder.appendingPathComponent("market.sqlite").path)
    }
    var path: String { store.path }
    func cleanup() { try? FileManager.default.removeItem(at: folder) }
}

/// A mock exchange and an empty store for one test; `close()` stops and removes both.
struct MockSession {
    let server: MockExchangeServer
    let temp: TemporaryStore
    static func start() async throws -> MockSession {
        MockSession(server: try await MockExchangeServer.start(), temp: try TemporaryStore())
    }
    func close() {
        let server = server
        Task { await server.stop() }
        temp.cleanup()
    }
}

/// The bundled BTCUSDT hourly bars.
let hourly: BarSeries = try! Fixtures.bars("btcusdt_1h.csv")

/// Epoch ms of an ISO date.
func ms(_ text: String) -> Int64 { TimeUnit.parseTime(text)! }

/// Bars equal bit for bit (OHLCV and time).
func sameBars(_ a: BarSeries, _ b: BarSeries) -> Bool {
    a.count == b.count && a.ts == b.ts
        && zip(a.open, b.open).allSatisfy { $0.bitPattern == $1.bitPattern }
        && zip(a.high, b.high).allSatisfy { $0.bitPattern == $1.bitPattern }
        && zip(a.low, b.low).allSatisfy { $0.bitPattern == $1.bitPattern }
        && zip(a.close, b.close).allSatisfy { $0.bitPattern == $1.bitPattern }
        && zip(a.volume, b.volume).allSatisfy { $0.bitPattern == $1.bitPattern }
}

/// Minute bars for stream tests, from the bundled BTCUSDT 1m dataset.
let minutes: BarSeries = try! Fixtures.bars("btcusdt_1m.csv")

