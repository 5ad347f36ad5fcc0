// bench-paper: `crucible paper`'s two speeds.
// - live (default): decision latency on a live feed — from the receipt of the stream message
//   carrying a closed bar to its orders decided (the event engine's step done) and to its state
//   committed — against the in-process mock exchange on 127.0.0.1 (server and client share this
//   machine's cores), BTCUSDT minute bars sent paced, one closed bar (after its open update)
//   every --gap-ms.
// - replay (`--feed replay`): bars per second of a full-speed replay through the same loop
//   (`ReplayFeed` → `PaperLoop` → `PaperSession` → a state file on disk, commits batched), over
//   --bars seeded synthetic minute bars (GBM), the CSV written and loaded before timing.
// The strategy is experiments/grid_sma_cross.json at fast=10, slow=50 (fees and slippage).
// Release builds only:
//   swift run -c release --package-path benchmarks bench-paper [--bars 3000] [--gap-ms 2]
//   swift run -c release --package-path benchmarks bench-paper --feed replay [--bars 1000000] [--commit-every 4096]
import BenchSupport
import Experiments
import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import Paper

let replay = option("--feed") == "replay"
let count = option("--bars", replay ? 1_000_000 : 3000)
let gapMs = option("--gap-ms", 2)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-bench-paper-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

let loaded = try SpecDecoder.load(contentsOf: root.appendingPathComponent("experiments/grid_sma_cross.json"))
let strategy = try PaperStrategy(spec: loaded.spec, values: SpecBacktest.point(loaded.spec, [(name: "fast", value: "10"), (name: "slow", value: "50")]))
let state = scratch.appendingPathComponent("paper.sqlite").path

if replay {
    let file = scratch.appendingPathComponent("bars.csv").path
    try CSVBarWriter.write(SyntheticBars.generate(.gbm(drift: 0.05, volatility: 0.6), count: count, timeframe: .m1, seed: 7,
                                                  instrument: Instrument(symbol: "BTCUSDT")!), to: file)
    for (name, value) in try await measureReplay(file: file, strategy: strategy, loaded: loaded, state: state,
                                                 commitEvery: option("--commit-every", PaperLoop.defaultCommitEvery)) {
        print(name.padding(toLength: 40, withPad: " ", startingAt: 0) + value)
    }
    try? FileManager.default.removeItem(at: scratch)
    exit(0)
}

let minutes = try CSVBarReader.read(path: root.appendingPathComponent("datasets/btcusdt_1m.csv").path)
precondition(minutes.count >= count, "the dataset has \(minutes.count) bars, fewer than --bars \(count)")
let bars = minutes.slice(0..<count)

let server = try await MockExchangeServer.start()
var steps: [MockExchangeServer.StreamStep] = []
for i in 0..<count {
    steps.append(.send([BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: false),
                        BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: true)]))
    steps.append(.pause(.milliseconds(gapMs)))
}
server.script([steps + [.silence]])

/// A full-speed replay of `file` into a new state file, timed from the feed loaded to the last
/// commit done, as table rows.
nonisolated func measureReplay(file: String, strategy: PaperStrategy, loaded: (spec: ExperimentSpec, text: String), state: String,
                               commitEvery: Int) async throws -> [(String, String)] {
    var started = now()
    let feed = try ReplayFeed(path: file, policy: loaded.spec.data.validation, calendar: loaded.spec.data.calendar, speed: nil)
    let loadSeconds = now() - started
    let session = try PaperSession(strategy: strategy, specText: loaded.text, statePath: state, instrument: feed.instrument,
                                   timeframe: feed.timeframe, periodsPerYear: feed.periodsPerYear, expectedBars: feed.expectedBars)
    var latency = DecisionLatency()
    started = now()
    let cpu = cpuTime()
    let processed = try await PaperLoop.run(session, source: ReplaySource(feed), maxBars: nil, commitEvery: commitEvery, latency: &latency)
    let wall = now() - started, used = cpuTime() - cpu
    precondition(processed == feed.expectedBars, "processed \(processed) of \(feed.expectedBars) bars")
    let size = (try FileManager.default.attributesOfItem(atPath: state)[.size] as? Int) ?? 0
    return [
        ("bars (synthetic 1m, GBM)", "\(processed), CSV loaded in \(String(format: "%.2f", loadSeconds)) s (not timed)"),
        ("commits", "every \(commitEvery) bars, and the last"),
        ("replay wall / CPU", "\(String(format: "%.3f", wall)) s / \(String(format: "%.3f", used)) s"),
        ("bars per second (wall)", String(format: "%.0f", Double(processed) / wall)),
        ("fills / closed trades", "\(session.run.fills.count) / \(session.run.closedTrades.count)"),
        ("state file", String(format: "%.1f MiB", Double(size) / 1_048_576)),
    ]
}

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

let rows = try await measure(server, strategy: strategy, loaded: loaded, count: count, gapMs: gapMs, state: state)
await server.stop()
for (name, value) in rows { print(name.padding(toLength: 40, withPad: " ", startingAt: 0) + value) }
