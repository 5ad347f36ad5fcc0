import BenchSupport
import Foundation
import MarketData
import Simulation
import Strategies

// bench-strategies: every single-symbol built-in with its defaults on BTC 1h, in the event
// engine (bare and wrapped in sizing + exits + risk limits) and the vectorized engine, and the
// rotation strategy on the nine daily datasets.
// Usage: swift run -c release --package-path benchmarks bench-strategies [--data PATH] [--reps N] [--only NAME]

let dataPath = option("--data") ?? "datasets/btcusdt_1h.csv"
let reps = option("--reps").flatMap(Int.init) ?? 5
let only = option("--only")

/// Best CPU time of `reps` runs of `body`.
func best(_ body: () throws -> BacktestResult) rethrows -> (seconds: Double, result: BacktestResult) {
    var fastest = Double.infinity
    var last: BacktestResult?
    for _ in 0..<reps {
        let t0 = cpuTime()
        last = try body()
        fastest = min(fastest, cpuTime() - t0)
    }
    return (fastest, last!)
}

func rate(_ bars: Int, _ seconds: Double) -> String { String(format: "%8.2fM", Double(bars) / seconds / 1e6) }
func pad(_ s: String, _ n: Int) -> String { s.padding(toLength: n, withPad: " ", startingAt: 0) }

var config = EngineConfig()
config.fees = .flat(bps: 10)
let event = EventEngine(config: config, slippage: NoSlippage())
let vectorized = VectorizedEngine(config: config, slippage: NoSlippage())
let bars = try CSVBarReader.read(path: dataPath)
let modifiers = try Modifiers(text: [("sizing", "kelly"), ("stop_loss", "0.02"), ("trailing_stop", "0.05"), ("max_bars", "240"),
                                     ("max_drawdown", "0.3"), ("halt_bars", "500"), ("max_position", "1")],
                              periodsPerYear: bars.periodsPerYear)

func eventRun<S: EventStrategy>(_ s: S) throws -> BacktestResult { try event.run(s, bars: bars) }
func wrappedRun<S: EventStrategy>(_ s: S) throws -> BacktestResult { try event.run(modifiers.apply(s, instruments: [bars.instrument]), bars: bars) }
func vectorRun<S: VectorizedStrategy>(_ s: S) throws -> BacktestResult { try vectorized.run(s, bars: bars) }

print("\(bars.count) bars of \(dataPath), defaults, fees 10 bps; best CPU time of \(reps) runs; bars per second")
print(pad("strategy", 20) + pad("event", 12) + pad("event+modifiers", 18) + pad("vectorized", 12) + "trades (event)")
for type in StrategyRegistry.all where type.descriptor.symbols == .single && (only == nil || only == type.descriptor.name) {
    let name = type.descriptor.name
    let e = try best { try eventRun(try StrategyRegistry.make(name)) }
    let w = try best { try wrappedRun(try StrategyRegistry.make(name)) }
    var v = "-"
    if let s = try StrategyRegistry.make(name) as? any VectorizedStrategy {
        v = rate(bars.count, try best { try vectorRun(s) }.seconds)
    }
    print(pad(name, 20) + pad(rate(bars.count, e.seconds), 12) + pad(rate(bars.count, w.seconds), 18) + pad(v, 12) + "\(e.result.closedTrades.count)")
}

guard only == nil || only == "rotation" else { exit(0) }
let daily = try ["btc", "eth", "sol", "bnb", "xrp", "ada", "doge", "trx"].map { try CSVBarReader.read(path: "datasets/\($0)usdt_1d.csv") }
let total = daily.reduce(0) { $0 + $1.count }
let rotation = try best { try event.run(Rotation(lookback: 30, rebalance: 7, top: 3), data: daily) }
print(pad("rotation (8 × 1d)", 20) + pad(rate(total, rotation.seconds), 12) + pad("", 18) + pad("-", 12) + "\(rotation.result.closedTrades.count)")
