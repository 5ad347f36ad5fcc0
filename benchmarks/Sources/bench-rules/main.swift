import BenchSupport
import Foundation
import MarketData
import Simulation
import Strategies

// bench-rules: the rule language against the built-in it rewrites.
// Usage: swift run -c release --package-path benchmarks bench-rules [--data PATH] [--threads N] [--reps N]
//
// 1. The 3,930-combo SMA grid (fast 5…50 step 1 × slow 20…200 step 2, fast < slow) through
//    `VectorizedEngine.sweep`, built-in `SMACross` against the rule form
//    `crosses_above(sma(close, fast), sma(close, slow))` / `crosses_below(...)`; the two must
//    give identical metrics. Goal: rules within 1.5× of the built-in.
// 2. Parsing and checking a typical rule set (the example). Goal: < 1 ms.
// 3. The event engine on one column, for reference.

let dataPath = option("--data") ?? "datasets/btcusdt_1h.csv"
let threads = option("--threads", ProcessInfo.processInfo.activeProcessorCount)
let reps = option("--reps", 3)
let bars = try CSVBarReader.read(path: dataPath)
var config = EngineConfig()
config.fees = .flat(bps: 10)
let engine = VectorizedEngine(config: config, slippage: NoSlippage())

func row(_ what: String, _ value: String, _ note: String) {
    print(what.padding(toLength: 52, withPad: " ", startingAt: 0) + value.padding(toLength: 30, withPad: " ", startingAt: 0) + note)
}

var pairs: [(Int, Int)] = []
for fast in 5...50 { for slow in stride(from: 20, through: 200, by: 2) where fast < slow { pairs.append((fast, slow)) } }
let builtIn = try pairs.map { try SMACross(fast: $0.0, slow: $0.1) }
let rules = RuleSet(longEntry: "crosses_above(sma(close, fast), sma(close, slow))",
                    longExit: "crosses_below(sma(close, fast), sma(close, slow))")
let program = try rules.compile(parameters: [RuleParameter(name: "fast", isInteger: true, minimum: 5, maximum: 50),
                                             RuleParameter(name: "slow", isInteger: true, minimum: 20, maximum: 200)])
let ruled = try pairs.map { try RuleStrategy(program: program, parameters: [Double($0.0), Double($0.1)]) }

print("bench-rules: \(bars.count) bars of \(dataPath), \(pairs.count) combos, \(threads) threads, best of \(reps)")
var builtInBest = Double.infinity, rulesBest = Double.infinity
var builtInCPU = Double.infinity, rulesCPU = Double.infinity
var a: [RunMetrics] = [], b: [RunMetrics] = []
for _ in 0..<reps {
    var start = now(), cpu = cpuTime()
    a = try engine.sweep(builtIn, bars: bars, threads: threads)
    builtInBest = min(builtInBest, now() - start); builtInCPU = min(builtInCPU, cpuTime() - cpu)
    start = now(); cpu = cpuTime()
    b = try engine.sweep(ruled, bars: bars, threads: threads)
    rulesBest = min(rulesBest, now() - start); rulesCPU = min(rulesCPU, cpuTime() - cpu)
}
let cells = Double(bars.count * pairs.count)
row("sweep, built-in sma_cross", String(format: "%.3f s (%.3f s CPU)", builtInBest, builtInCPU), String(format: "%.0fM bar×combos/s", cells / builtInBest / 1e6))
row("sweep, rule form", String(format: "%.3f s (%.3f s CPU)", rulesBest, rulesCPU), String(format: "%.0fM bar×combos/s", cells / rulesBest / 1e6))
row("  ratio rules / built-in (wall)", String(format: "%.2f×", rulesBest / builtInBest), "goal ≤ 1.5×")
row("  ratio rules / built-in (CPU)", String(format: "%.2f×", rulesCPU / builtInCPU), "")
row("  identical metrics on every combo", a == b ? "yes" : "NO", "")
var cacheBest = Double.infinity, cacheCPU = Double.infinity
for _ in 0..<reps {
    let start = now(), cpu = cpuTime()
    _ = try RuleStrategy.makeCache(bars, for: ruled)
    cacheBest = min(cacheBest, now() - start); cacheCPU = min(cacheCPU, cpuTime() - cpu)
}
row("  of which the rules' cache (every column's flags)", String(format: "%.3f s (%.3f s CPU)", cacheBest, cacheCPU), "")

// 2. Parse + check.
let typical = RuleSet(
    longEntry: "crosses_above(ema(close, fast), ema(close, slow)) and rsi(close, 14) < rsi_max",
    longExit: "crosses_below(ema(close, fast), ema(close, slow))",
    shortEntry: "crosses_below(ema(close, fast), ema(close, slow)) and rsi(close, 14) > 100 - rsi_max and close < bbands(close, 20, 2, 2).lowerband",
    shortExit: "crosses_above(ema(close, fast), ema(close, slow)) or bars_since(close > highest(high, 20)) < 3")
let declared = [RuleParameter(name: "fast", isInteger: true, minimum: 5, maximum: 50),
                RuleParameter(name: "slow", isInteger: true, minimum: 20, maximum: 200),
                RuleParameter(name: "rsi_max", isInteger: true, minimum: 60, maximum: 80)]
let compiles = 2_000
var start = now()
var nodes = 0
for _ in 0..<compiles { nodes += try typical.compile(parameters: declared).nodeCount }
let perCompile = (now() - start) / Double(compiles)
row("parse + check a 4-rule set", String(format: "%.1f µs", perCompile * 1e6), "goal < 1 ms (\(nodes / compiles) nodes)")

// 3. Event engine, one column.
let event = EventEngine(config: config, slippage: NoSlippage())
var eventBuiltIn = Double.infinity, eventRules = Double.infinity
for _ in 0..<reps {
    start = now(); _ = try event.run(builtIn[0], bars: bars); eventBuiltIn = min(eventBuiltIn, now() - start)
    start = now(); _ = try event.run(ruled[0], bars: bars); eventRules = min(eventRules, now() - start)
}
row("event engine, built-in sma_cross", String(format: "%.1fM bars/s", Double(bars.count) / eventBuiltIn / 1e6), "")
row("event engine, rule form", String(format: "%.1fM bars/s", Double(bars.count) / eventRules / 1e6), "")
row("peak RSS", String(format: "%.0f MiB", peakRSS()), "")
