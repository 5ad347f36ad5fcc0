import Foundation
import MarketData
@testable import Optimization
import Simulation
import Strategies

/// Small builders shared by the walk-forward and Monte Carlo tests.
enum Validation {
    static let hour: Int64 = 3_600_000
    static let t0: Int64 = 1_704_067_200_000

    /// Bars at the given hour offsets from `t0` (timeframe `timeframe`), with closes `close`
    /// (opens at the previous close, highs/lows ±0.5).
    static func bars(hours: [Int], close: [Double]? = nil, timeframe: Timeframe = .h1) -> BarSeries {
        let n = hours.count
        let c = close ?? (0..<n).map { 100 + Double($0) }
        let o = (0..<n).map { $0 == 0 ? c[0] : c[$0 - 1] }
        return BarSeries(instrument: Instrument(base: "TST", quote: "USDT"), timeframe: timeframe,
                         ts: hours.map { t0 + Int64($0) * timeframe.milliseconds },
                         open: o, high: (0..<n).map { max(o[$0], c[$0]) + 0.5 }, low: (0..<n).map { min(o[$0], c[$0]) - 0.5 },
                         close: c, volume: [Double](repeating: 1_000, count: n))
    }

    /// `n` consecutive bars with closes `close`.
    static func bars(close: [Double], timeframe: Timeframe = .h1) -> BarSeries {
        bars(hours: Array(0..<close.count), close: close, timeframe: timeframe)
    }

    /// A wavy, slowly rising price (deterministic), `n` bars.
    static func wave(_ n: Int) -> BarSeries {
        bars(close: (0..<n).map { (i: Int) -> Double in
            let x = Double(i)
            let slow: Double = 8 * sin(x / 9)
            let fast: Double = 3 * sin(x / 2.3)
            return 100 + slow + fast + 0.02 * x
        })
    }

    /// A run with the given equity curve over `bars` and no trades (for hand-made evaluators).
    static func result(equity: [Double], initialCash: Double, bars: BarSeries) -> BacktestResult {
        var stats = EquityStats()
        for e in equity { stats.add(e) }
        return BacktestResult(timestamps: bars.ts, equity: equity, cash: equity, trades: [], fills: [],
                              metrics: RunMetrics(initialCash: initialCash, stats: stats, periodsPerYear: bars.periodsPerYear,
                                                  entries: 0, totalFees: 0),
                              intrabar: .worstCase, fill: .nextOpen, fundingPaid: 0, borrowPaid: 0, orderUpdates: [])
    }
}

/// Long while the close is above the close `lookback` bars earlier, flat otherwise.
struct LookbackMomentum: VectorizedStrategy {
    let lookback: Int
    var rules: VectorizedRules { VectorizedRules() }

    static func makeCache(_ bars: BarSeries, for columns: [LookbackMomentum]) throws(StrategyError) -> [Double] { bars.close }

    func kernel(_ cache: [Double]) -> Kernel { Kernel(close: cache, lookback: lookback) }

    struct Kernel: SignalKernel {
        let close: [Double]
        let lookback: Int
        func signal(at i: Int) -> SignalFlags {
            guard i >= lookback else { return [] }
            return close[i] > close[i - lookback] ? .entryLong : .exitLong
        }
    }
}

extension Validation {
    /// The space {lookback: 1...6} and an evaluator running `LookbackMomentum` in the
    /// vectorized engine (10 bps fees, no slippage).
    static var momentumSpace: SearchSpace { try! SearchSpace([Parameter("lookback", .intRange(lower: 1, upper: 6))]) }

    static func momentumEvaluator(fees: Double = 10) -> VectorizedWindowEvaluator<LookbackMomentum, NoSlippage> {
        var config = EngineConfig()
        config.fees = .flat(bps: fees)
        return VectorizedWindowEvaluator(config: config, slippage: NoSlippage()) { point in
            LookbackMomentum(lookback: Int(point["lookback"]!.number!))
        }
    }
}

/// Records every window an evaluator was handed (thread-safe).
final class WindowLog: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(first: Int64, start: Int64, last: Int64)] = []

    func record(_ window: EvaluationWindow) {
        lock.lock()
        entries.append((window.bars.ts[0], window.bars.ts[window.start], window.bars.ts[window.bars.count - 1]))
        lock.unlock()
    }

    var all: [(first: Int64, start: Int64, last: Int64)] {
        lock.lock()
        defer { lock.unlock() }
        return entries
    }
}
