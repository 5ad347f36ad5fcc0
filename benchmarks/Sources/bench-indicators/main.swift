// bench-indicators: throughput of the hot indicators over 1,000,000 synthetic bars.
//
//   swift run -c release --package-path benchmarks bench-indicators [--bars N] [--runs R]
//
// Bars are a seeded geometric random walk (high/low around open/close). Each indicator runs
// R times over the whole column; the best run is reported as bars per second, for the
// vectorized function (which allocates its output arrays), for BBANDS' kernel writing into
// preallocated buffers, and for each streaming twin fed one bar at a time.
import Foundation
import Indicators

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in (0, 1).
    mutating func unit() -> Double { (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992.0 }
    /// Standard normal (Box–Muller).
    mutating func normal() -> Double { (-2 * log(unit())).squareRoot() * cos(2 * .pi * unit()) }
}

func arguments() -> (bars: Int, runs: Int) {
    var bars = 1_000_000, runs = 5
    var it = CommandLine.arguments.dropFirst().makeIterator()
    while let a = it.next() {
        switch a {
        case "--bars": bars = Int(it.next() ?? "") ?? bars
        case "--runs": runs = Int(it.next() ?? "") ?? runs
        default: print("usage: bench-indicators [--bars N] [--runs R]"); exit(2)
        }
    }
    return (bars, runs)
}

/// A seeded geometric random walk with high/low around open/close.
func randomWalk(count n: Int, seed: UInt64) -> (high: [Double], low: [Double], close: [Double]) {
    var rng = SplitMix64(state: seed)
    var high = [Double](), low = [Double](), close = [Double]()
    high.reserveCapacity(n); low.reserveCapacity(n); close.reserveCapacity(n)
    var price = 50_000.0
    for _ in 0..<n {
        let o = price
        price *= exp(0.004 * rng.normal())
        close.append(price)
        high.append(max(o, price) * (1 + 0.002 * rng.unit()))
        low.append(min(o, price) * (1 - 0.002 * rng.unit()))
    }
    return (high, low, close)
}

/// Best wall time of `runs` calls; `body` returns a checksum so the work is not optimized away.
func best(runs: Int, _ body: () throws -> Double) rethrows -> (seconds: Double, checksum: Double) {
    var fastest = Double.infinity, checksum = 0.0
    for _ in 0..<runs {
        let start = ContinuousClock.now
        checksum = try body()
        let d = ContinuousClock.now - start
        fastest = min(fastest, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    return (fastest, checksum)
}

func report(_ name: String, _ form: String, bars n: Int, _ r: (seconds: Double, checksum: Double)) {
    let rate = Double(n) / r.seconds
    print(name.padding(toLength: 16, withPad: " ", startingAt: 0) + form.padding(toLength: 11, withPad: " ", startingAt: 0)
          + String(format: "%10.2f ms  %9.1f M bars/s   (checksum %.6g)", r.seconds * 1e3, rate / 1e6, r.checksum))
}

/// Measures every indicator on one random walk; all data are parameters, not globals, so the
/// loops see plain local arrays.
func run(bars n: Int, runs: Int) throws {
    let (high, low, close) = randomWalk(count: n, seed: 42)
    print("bench-indicators: \(n) bars, best of \(runs) runs, release build")
    print("indicator       form           time         throughput")

    // Vectorized functions over whole columns.
    report("SMA(30)", "vectorized", bars: n, try best(runs: runs) { try TA.sma(close, period: 30).last! })
    report("EMA(30)", "vectorized", bars: n, try best(runs: runs) { try TA.ema(close, period: 30).last! })
    report("RSI(14)", "vectorized", bars: n, try best(runs: runs) { try TA.rsi(close, period: 14).last! })
    report("ATR(14)", "vectorized", bars: n, try best(runs: runs) { try TA.atr(high: high, low: low, close: close, period: 14).last! })
    var ub = [Double](repeating: 0, count: n), mb = ub, lb = ub
    report("BBANDS(20,2)", "kernel", bars: n, best(runs: runs) {
        close.withUnsafeBufferPointer { c in
            ub.withUnsafeMutableBufferPointer { u in
                mb.withUnsafeMutableBufferPointer { m in
                    lb.withUnsafeMutableBufferPointer { l in
                        TA.bbandsSMAKernel(c, period: 20, devUp: 2, devDown: 2, upper: u, middle: m, lower: l)
                    }
                }
            }
        }
        return ub[n - 1]
    })
    report("BBANDS(20,2)", "vectorized", bars: n, try best(runs: runs) { try TA.bbands(close, period: 20).upper.last! })

    // Streaming twins, one bar at a time.
    report("SMA(30)", "streaming", bars: n, try best(runs: runs) {
        var s = try SMA(period: 30); var v = 0.0
        for x in close { v = s.update(x) }
        return v
    })
    report("EMA(30)", "streaming", bars: n, try best(runs: runs) {
        var s = try EMA(period: 30); var v = 0.0
        for x in close { v = s.update(x) }
        return v
    })
    report("RSI(14)", "streaming", bars: n, try best(runs: runs) {
        var s = try RSI(period: 14); var v = 0.0
        for x in close { v = s.update(x) }
        return v
    })
    report("ATR(14)", "streaming", bars: n, try best(runs: runs) {
        var s = try ATR(period: 14); var v = 0.0
        for i in 0..<n { v = s.update(high: high[i], low: low[i], close: close[i]) }
        return v
    })
    report("BBANDS(20,2)", "streaming", bars: n, try best(runs: runs) {
        var s = try BBANDS(period: 20); var v = 0.0
        for x in close { v = s.update(x).upper }
        return v
    })
}

let (bars, runs) = arguments()
try run(bars: bars, runs: runs)
