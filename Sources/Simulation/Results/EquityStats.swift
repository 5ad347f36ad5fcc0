/// Streaming statistics of an equity curve, updated once per bar without allocation. Both
/// engines and the sweep use it, so their metrics agree.
///
/// Returns are simple bar-to-bar returns `e[i] / e[i-1] − 1`; Sharpe is their mean over their
/// sample standard deviation (ddof 1) times √(periods per year), with a zero risk-free rate
/// (empyrical's definition); max drawdown is the smallest `e / running peak − 1` (≤ 0).
@frozen
public struct EquityStats: Sendable, Hashable {
    public var count = 0
    public var last = 0.0
    public var peak = 0.0
    public var maxDrawdown = 0.0
    @usableFromInline var sum = 0.0
    @usableFromInline var sumSquares = 0.0

    @inlinable public init() {}

    @inlinable
    public mutating func add(_ equity: Double) {
        if count > 0 {
            // Unchanged equity (flat stretches): a return of exactly 0, no new peak or
            // drawdown, so only the count moves; the result is bit-identical to the full update.
            if equity == last {
                count += 1
                return
            }
            let r = equity / last - 1
            sum += r
            sumSquares += r * r
        } else {
            peak = equity
        }
        if equity > peak {
            peak = equity
        } else if equity < peak * (1 + maxDrawdown) * (1 + 1e-12) {
            // Only a possible new maximum drawdown pays for the division (the bound is loose by
            // far more than rounding, so no candidate is missed).
            let dd = equity / peak - 1
            if dd < maxDrawdown { maxDrawdown = dd }
        }
        last = equity
        count += 1
    }

    /// Annualized Sharpe ratio (NaN with fewer than two returns or zero volatility).
    public func sharpe(periodsPerYear: Double) -> Double {
        let n = Double(count - 1)
        guard n >= 2 else { return .nan }
        let mean = sum / n
        let variance = (sumSquares - n * mean * mean) / (n - 1)
        guard variance > 0 else { return .nan }
        return mean / variance.squareRoot() * periodsPerYear.squareRoot()
    }
}

/// The per-column figures a sweep keeps (and the basic metrics of a single run).
public struct RunMetrics: Sendable, Hashable {
    public var initialCash: Double
    public var finalEquity: Double
    public var sharpe: Double
    public var maxDrawdown: Double
    /// Positions opened (entries), including one still open at the end. Trade statistics
    /// (`trade_count` in every output) count closed trades; this is the engine's tally.
    public var entries: Int
    public var totalFees: Double

    /// `finalEquity / initialCash − 1`.
    public var totalReturn: Double { finalEquity / initialCash - 1 }

    public init(initialCash: Double, stats: EquityStats, periodsPerYear: Double, entries: Int, totalFees: Double) {
        self.initialCash = initialCash
        self.finalEquity = stats.last
        self.sharpe = stats.sharpe(periodsPerYear: periodsPerYear)
        self.maxDrawdown = stats.maxDrawdown
        self.entries = entries
        self.totalFees = totalFees
    }
}
