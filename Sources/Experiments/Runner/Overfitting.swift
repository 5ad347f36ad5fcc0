import Analytics
import MarketData

/// The probability of backtest overfitting of a grid, by Analytics' CSCV.
///
/// Semantics: each trial's equity is compounded to UTC-day returns (bars of a day or longer
/// are used as they are), so the matrix stays small: trials × days. The runner stores them for
/// grids of at least `minimumTrials` trials whose matrix has at most `maximumValues` entries;
/// CSCV then runs over every trial that did not fail, in trial id order, with `blocks` blocks.
enum Overfitting {
    static let minimumTrials = 16
    static let maximumValues = 8_000_000
    static let blocks = 16

    /// Whether a run of `trials` trials over `bars` keeps daily returns for the PBO.
    static func applies(kind: OptimizerKind, trials: Int, bars: BarSeries) -> Bool {
        guard kind == .grid, trials >= minimumTrials, let first = bars.ts.first, let last = bars.ts.last else { return false }
        let days = Int((last - first) / 86_400_000) + 1
        return trials.multipliedReportingOverflow(by: days).partialValue <= maximumValues
    }

    /// Equity compounded to returns per UTC day (per bar for bars of a day or longer); the first
    /// against the starting cash.
    static func dailyReturns(timestamps: [Int64], equity: [Double], initialCash: Double, timeframe: Timeframe) -> [Double] {
        var returns: [Double] = []
        var previousClose = initialCash
        let day: Int64 = 86_400_000, perBar = timeframe.milliseconds >= day
        for i in equity.indices {
            let lastOfDay = perBar || i == equity.count - 1
                || Self.floorDiv(timestamps[i + 1], day) != Self.floorDiv(timestamps[i], day)
            guard lastOfDay else { continue }
            returns.append(equity[i] / previousClose - 1)
            previousClose = equity[i]
        }
        return returns
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// PBO statistics for the summary, or nil when CSCV cannot run (too few trials or days).
    static func statistics(_ daily: [(trialID: Int, returns: [Double])]) -> [(name: String, value: Double?)]? {
        guard daily.count >= minimumTrials,
              let cscv = try? CSCVResult(returnsByStrategy: daily.map(\.returns), blocks: blocks) else { return nil }
        return [
            ("pbo", cscv.pbo),
            ("pbo_probability_of_loss", cscv.probabilityOfLoss),
            ("pbo_trials", Double(daily.count)),
            ("pbo_blocks", Double(blocks)),
        ]
    }
}
