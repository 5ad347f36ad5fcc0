// bench-exchanges: live-stream ingest throughput, receipt-to-commit lag at a paced rate, and
// history download throughput, all against the in-process mock exchange on 127.0.0.1
// (server and client share this machine's cores). Release builds only:
//   swift run -c release --package-path benchmarks bench-exchanges [--messages N] [--paced-seconds S] [--bars N]
import BenchSupport
import ExchangeMocks
import Exchanges
import Foundation
import MarketData

let messages = option("--messages", 500_000)
let pacedSeconds = option("--paced-seconds", 10)
let downloadBars = option("--bars", 500_000)
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-bench-exchanges-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }
var table: [(String, String, String)] = []

/// Half trades, half book tickers, with increasing ids: every message is a new record.
func streamMessages(_ count: Int) -> [String] {
    (0..<count).map { k in
        let id = Int64(k + 1)
        return k % 2 == 0
            ? BinanceMessages.trade(symbol: "BTCUSDT", id: id, time: 1_700_000_000_000 + id, price: 30_000 + Double(k % 1000) / 100,
                                    quantity: 0.001 * Double(k % 50 + 1), buyerIsMaker: k % 3 == 0)
            : BinanceMessages.bookTicker(symbol: "BTCUSDT", updateID: id, bid: 30_000 + Double(k % 1000) / 100, bidQty: 1.5,
                                         ask: 30_000.01 + Double(k % 1000) / 100, askQty: 2.5)
    }
}

func ingest(_ server: MockExchangeServer, count: Int, store: String) async throws -> (StreamStats, Double) {
    var options = StreamOptions()
    options.maxMessages = count
    options.duration = .seconds(600)
    let adapter = BinanceAdapter(restEndpoint: server.restURL, streamEndpoint: server.binanceStreamURL)
    let ingestor = StreamIngestor(adapter: adapter, subscription: StreamSubscription(instruments: [Instrument(symbol: "BTCUSDT")!],
                                                                                       channels: [.trades, .quotes], timeframe: .m1),
                                  options: options)
    let started = now()
    let stats = try await ingestor.run(into: try BarStore(path: store))
    return (stats, now() - started - server.handshakeDelay / .seconds(1))
}

let server = try await MockExchangeServer.start()

// 1. Ingest as fast as the mock sends.
do {
    server.script([[.send(streamMessages(messages)), .silence]])
    let (stats, seconds) = try await ingest(server, count: messages, store: scratch.appendingPathComponent("ingest.sqlite").path)
    precondition(stats.stored == messages, "stored \(stats.stored) of \(messages)")
    table.append(("stream ingest, \(messages) msgs (trades + book tickers)", String(format: "%.2f s", seconds),
                  String(format: "%.0f msgs/s", Double(messages) / seconds)))
    table.append(("  receipt→commit lag p99 at full speed", String(format: "%.1f ms", stats.p99LagMs), "\(stats.batches) batches"))
}

// 2. Paced at 10,000 msgs/s: 100 messages every 10 ms.
do {
    let total = pacedSeconds * 10_000
    let all = streamMessages(total)
    var steps: [MockExchangeServer.StreamStep] = []
    for start in stride(from: 0, to: total, by: 100) {
        steps.append(.send(Array(all[start..<min(total, start + 100)])))
        steps.append(.pause(.milliseconds(10)))
    }
    server.script([steps + [.silence]])
    let (stats, seconds) = try await ingest(server, count: total, store: scratch.appendingPathComponent("paced.sqlite").path)
    precondition(stats.stored == total)
    table.append(("paced stream, \(total) msgs at \(String(format: "%.0f", Double(total) / seconds)) msgs/s",
                  String(format: "p99 %.1f ms", stats.p99LagMs), "receipt→commit lag"))
}

// 3. History download of synthetic 1m bars (Binance pages of 1000, Alpaca pages of 10000).
do {
    let bars = try SyntheticBars.generate(.gbm(drift: 0, volatility: 0.6), count: downloadBars, timeframe: .m1, seed: 1, subSteps: 1)
    let series = BarSeries(instrument: Instrument(symbol: "BTCUSDT")!, timeframe: .m1, ts: bars.ts, open: bars.open, high: bars.high,
                           low: bars.low, close: bars.close, volume: bars.volume)
    server.serve(series, symbol: "BTCUSDT")
    let request = DownloadRequest(instrument: series.instrument, timeframe: .m1, start: series.ts[0], end: series.ts[series.count - 1] + 60_000,
                                  policy: .warn)
    let end = series.ts[series.count - 1] + 120_000
    let binance = HistoryDownloader(adapter: BinanceAdapter(restEndpoint: server.restURL), now: { end })
    var started = now()
    let b = try await binance.run(request, into: try BarStore(path: scratch.appendingPathComponent("binance.sqlite").path))
    var seconds = now() - started
    precondition(b.inserted == series.count)
    table.append(("download \(series.count) 1m bars, binance (\(b.pages) pages)", String(format: "%.2f s", seconds),
                  String(format: "%.0f bars/s", Double(series.count) / seconds)))
    server.serve(series, symbol: "BTCUSD")
    let alpaca = HistoryDownloader(adapter: AlpacaAdapter(restEndpoint: server.restURL), now: { end })
    var alpacaRequest = request
    alpacaRequest.instrument = Instrument(symbol: "BTC/USD")!
    started = now()
    let a = try await alpaca.run(alpacaRequest, into: try BarStore(path: scratch.appendingPathComponent("alpaca.sqlite").path))
    seconds = now() - started
    precondition(a.inserted == series.count)
    table.append(("download \(series.count) 1m bars, alpaca (\(a.pages) pages)", String(format: "%.2f s", seconds),
                  String(format: "%.0f bars/s", Double(series.count) / seconds)))
}
await server.stop()

let width = table.map { $0.0.count }.max() ?? 0
print("bench-exchanges (release, mock exchange on 127.0.0.1, \(ProcessInfo.processInfo.activeProcessorCount) cores, wall time)")
for (name, value, rate) in table { print(name.padding(toLength: width, withPad: " ", startingAt: 0), " ", value, " ", rate) }
print(String(format: "peak RSS %.0f MiB", peakRSS()))
