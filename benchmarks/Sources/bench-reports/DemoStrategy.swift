import MarketData
import Indicators

/// Illustrative data for the sample report: a long-only moving-average trend filter evaluated
/// on a small grid, with no randomness anywhere. It exists only to give the charts realistic
/// shapes; the real engines live in Simulation/Optimization.
///
/// Semantics: at the close of bar i the position for the next bar is 1 when SMA(fast) >
/// SMA(slow) × (1 + band), else 0; the strategy earns close[i+1]/close[i] − 1 while long and pays
/// 10 bps of equity at every position change.
struct DemoParameters: Hashable {
    var fast: Int
    var slow: Int
    var band: Double
}

struct DemoTrade {
    var entryIndex: Int
    var exitIndex: Int
    var entryPrice: Double
    var exitPrice: Double
    var netReturn: Double
}

struct DemoRun {
    var parameters: DemoParameters
    /// returns[i]: strategy return from bar i-1 to bar i (returns[0] = 0).
    var returns: [Double]
    var positions: [Double]

    static let feeRate = 0.001

    init(bars: BarSeries, parameters: DemoParameters, fastSMA: [Double], slowSMA: [Double]) {
        self.parameters = parameters
        let n = bars.count
        var r = [Double](repeating: 0, count: n)
        var pos = [Double](repeating: 0, count: n)
        var held = 0.0
        for i in 0..<n {
            if i > 0 { r[i] = held * (bars.close[i] / bars.close[i - 1] - 1) }
            let f = fastSMA[i], s = slowSMA[i]
            let want: Double = f.isFinite && s.isFinite && f > s * (1 + parameters.band) ? 1 : 0
            if want != held { r[i] = (1 + r[i]) * (1 - Self.feeRate) - 1 }
            held = want
            pos[i] = held
        }
        returns = r
        positions = pos
    }

    /// Equity from `start` over bars `range` (the first bar's return is not applied).
    func equity(_ range: Range<Int>, start: Double = 10_000) -> [Double] {
        var e = start
        return range.enumerated().map { k, i in
            if k > 0 { e *= 1 + returns[i] }
            return e
        }
    }

    /// Annualised Sharpe of the returns in `range`.
    func sharpe(_ range: Range<Int>, periodsPerYear: Double) -> Double {
        let slice = returns[range].dropFirst()
        guard slice.count > 1 else { return .nan }
        let mean = slice.reduce(0, +) / Double(slice.count)
        let variance = slice.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(slice.count - 1)
        return variance > 0 ? mean / variance.squareRoot() * periodsPerYear.squareRoot() : .nan
    }

    func trades(bars: BarSeries) -> [DemoTrade] {
        var out: [DemoTrade] = []
        var entry: Int? = nil
        for i in positions.indices {
            let before = i > 0 ? positions[i - 1] : 0
            if positions[i] == 1, before == 0 { entry = i }
            if positions[i] == 0, before == 1, let e = entry {
                let gross = bars.close[i] / bars.close[e]
                out.append(DemoTrade(entryIndex: e, exitIndex: i, entryPrice: bars.close[e], exitPrice: bars.close[i],
                                     netReturn: gross * (1 - Self.feeRate) * (1 - Self.feeRate) - 1))
                entry = nil
            }
        }
        return out
    }
}

/// The grid of demo runs, sharing one SMA cache.
struct DemoGrid {
    static let fasts = [12, 24, 48, 72, 96, 120]
    static let slows = [168, 336, 504, 720, 1_008, 1_440]
    static let bands = [0.0, 0.005, 0.01]

    var runs: [DemoRun] = []

    init(bars: BarSeries) throws {
        var cache: [Int: [Double]] = [:]
        for length in Self.fasts + Self.slows { cache[length] = try TA.sma(bars.close, period: length) }
        for fast in Self.fasts {
            for slow in Self.slows {
                for band in Self.bands {
                    runs.append(DemoRun(bars: bars, parameters: DemoParameters(fast: fast, slow: slow, band: band),
                                        fastSMA: cache[fast]!, slowSMA: cache[slow]!))
                }
            }
        }
    }
}
