import Analytics

/// The figures walk-forward compares in and out of sample, from one equity curve.
///
/// Semantics: returns are bar-to-bar simple returns of the curve; annual return (CAGR) and
/// Sharpe follow `ReturnMetrics` (empyrical's definitions) and are nil when undefined (fewer
/// than two returns, a constant curve); max drawdown is ≤ 0.
public struct PerformanceSummary: Sendable, Hashable {
    public var initialEquity: Double
    public var finalEquity: Double
    public var totalReturn: Double
    public var annualReturn: Double?
    public var sharpe: Double?
    public var maxDrawdown: Double
    /// Trades closed in the window (nil when the curve has no trade list, e.g. stitched).
    public var tradeCount: Int?

    /// Summarizes `equity` (first point = starting equity) sampled `periodsPerYear` times a year.
    public init(equity: [Double], periodsPerYear: Double, tradeCount: Int? = nil) {
        precondition(!equity.isEmpty, "an equity curve has at least its starting point")
        initialEquity = equity[0]
        finalEquity = equity[equity.count - 1]
        totalReturn = finalEquity / initialEquity - 1
        self.tradeCount = tradeCount
        var returns: [Double] = []
        returns.reserveCapacity(equity.count)
        var peak = equity[0], drawdown = 0.0
        for i in equity.indices {
            if i > 0 { returns.append(equity[i] / equity[i - 1] - 1) }
            peak = max(peak, equity[i])
            drawdown = min(drawdown, equity[i] / peak - 1)
        }
        maxDrawdown = drawdown
        if let metrics = try? ReturnMetrics(returns: returns, periodsPerYear: periodsPerYear) {
            annualReturn = metrics.annualReturn
            sharpe = metrics.sharpeRatio
        } else {
            annualReturn = nil
            sharpe = nil
        }
    }
}
