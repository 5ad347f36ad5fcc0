import Simulation

/// The trade returns trade-level Monte Carlo resamples.
///
/// Semantics: a trade's return is its net pnl over the equity at the close before its entry
/// bar (the initial cash for a trade entered at bar 0), so compounding the returns of
/// one-position-at-a-time trades in their original order rebuilds the equity at each exit
/// (exactly when the strategy is flat between trades and pays no funding or borrow).
/// `periodsPerYear` annualizes per-trade figures: trades per year over the run.
public struct TradeSample: Sendable, Hashable {
    public var returns: [Double]
    public var initialEquity: Double
    public var periodsPerYear: Double

    public init(returns: [Double], initialEquity: Double, periodsPerYear: Double) {
        self.returns = returns
        self.initialEquity = initialEquity
        self.periodsPerYear = periodsPerYear
    }

    /// The closed trades of `result`, whose equity is sampled `barsPerYear` times a year.
    public init(result: BacktestResult, barsPerYear: Double) {
        let closed = result.trades.filter { !$0.isOpen }
        let initial = result.metrics.initialCash
        returns = closed.map { trade in
            let before = trade.entryBar > 0 ? result.equity[trade.entryBar - 1] : initial
            return trade.pnl / before
        }
        initialEquity = initial
        let years = Double(max(result.equity.count - 1, 1)) / barsPerYear
        periodsPerYear = Double(closed.count) / years
    }
}
