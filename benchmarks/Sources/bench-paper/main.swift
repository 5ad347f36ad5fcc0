// bench-paper: decision latency of `crucible paper` on a live feed — from the receipt of the
// stream message carrying a closed bar to its orders decided (the event engine's step done)
// and to its state committed — against the in-process mock exchange on 127.0.0.1 (server and
// client share this machine's cores). The strategy is experiments/grid_sma_cross.json at
// fast=10, slow=50 (fees and slippage), on BTCUSDT minute bars sent paced, one closed bar
// (after its open update) every --gap-ms. Release builds only:
//   swift run -c release --package-path benchmarks bench-paper [--bars 3000] [--gap-ms 2]
import BenchSupport
import Experiments
import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import Paper

let count = option("--bars", 3000)
let gapMs = option("--gap-ms", 2)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-bench-paper-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

let minutes = try CSVBarReader.read(path: root.appendingPathComponent("datasets/btcusdt_1m.csv").path)
precondition(minutes.count >= count, "the dataset has \(minutes.count) bars, fewer than --bars \(count)")
let bars = minutes.slice(0..<count)
let loaded = try SpecDecoder.load(contentsOf: root.appendingPathComponent("experiments/grid_sma_cross.json"))
let strategy = try PaperStrategy(spec: loaded.spec, values: SpecBacktest.point(loaded.spec, [(name: "fast", value: "10"), (name: "slow", value: "50")]))

let server = try await MockExchangeServer.start()
var steps: [MockExchangeServer.StreamStep] = []
for i in 0..<count {
    steps.append(.send([BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: false),
                        BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: true)]))
    steps.append(.pause(.milliseconds(gapMs)))
}
server.script([steps + [.silence]])

/// The live run and its figures as table rows, off the main actor (the latency record is
/// passed inout across awaits).
nonisolated func measure(_ server: MockExchangeServer, strategy: PaperStrategy, loaded: (spec: ExperimentSpec, text: String),
                         count: Int, gapMs: Int, state: String) async throws -> [(String, String)] {
    let instrument = Instrument(symbol: "BTCUSDT")!
    let session = try PaperSession(strategy: strategy, specText: loaded.text, statePath: state, instrument: instrument, timeframe: .m1,
                                   periodsPerYear: loaded.spec.data.calendar.periodsPerYear(.m1), expectedBars: count)
    let feed = LiveFeed(adapter: BinanceAdapter(restEndpoint: server.restURL, streamEndpoint: server.binanceStreamURL),
                        instrument: instrument, timeframe: .m1, calendar: loaded.spec.data.calendar, after: nil)
    var latency = DecisionLatency()
    let started = now(), cpu = cpuTime()
    let processed = try await PaperLoop.run(session, source: feed, maxBars: count, latency: &latency)
    let wall = now() - started, used = cpuTime() - cpu
    await feed.close()
    precondition(processed == count && feed.counts.streamed == count, "processed \(processed) of \(count) bars")
    let decided = latency.decided.sorted(), committed = latency.committed.sorted()
    func ms(_ sorted: [UInt64], _ q: Double) -> String { String(format: "%.3f ms", DecisionLatency.percentile(sorted: sorted, q)!) }
    return [
        ("bars (1m BTCUSDT, one every \(gapMs) ms)", "\(processed) in \(String(format: "%.2f", wall)) s wall, \(String(format: "%.2f", used)) s CPU"),
        ("fills / closed trades", "\(session.run.fills.count) / \(session.run.closedTrades.count)"),
        ("receipt → orders decided p50", ms(decided, 0.5)),
        ("receipt → orders decided p99", ms(decided, 0.99)),
        ("receipt → orders decided max", ms(decided, 1)),
        ("receipt → state committed p50", ms(committed, 0.5)),
        ("receipt → state committed p99", ms(committed, 0.99)),
    ]
}

let rows = try await measure(server, strategy: strategy, loaded: loaded, count: count, gapMs: gapMs,
                             state: scratch.appendingPathComponent("paper.sqlite").path)
await server.stop()
for (name, value) in rows { print(name.padding(toLength: 40, withPad: " ", startingAt: 0) + value) }
