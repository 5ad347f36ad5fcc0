/// Statistics of a trade list. A win is a trade with pnl > 0, a loss one with pnl < 0
/// (break-even trades count as trades but as neither).
///
/// Semantics: ratios without a denominator (no trades, no losing trade) are nil, never inf.
public struct TradeMetrics: Sendable, Equatable {
    /// Number of closed trades.
    public var tradeCount: Int
    /// wins / trades.
    public var winRate: Double?
    /// Σ winning pnl / |Σ losing pnl|.
    public var profitFactor: Double?
    /// Mean pnl per trade, Σ pnl / trades.
    public var expectancy: Double?
    /// Mean pnl of winning trades.
    public var averageWin: Double?
    /// Mean pnl of losing trades (negative).
    public var averageLoss: Double?
    /// Largest single pnl.
    public var largestWin: Double?
    /// Smallest single pnl (most negative).
    public var largestLoss: Double?
    /// Mean of exitTime − entryTime, in milliseconds.
    public var averageHoldingMilliseconds: Double?
    /// Total fees paid.
    public var totalFees: Double

    public init(trades: [TradeRecord]) {
        tradeCount = trades.count
        let pnl = trades.map(\.pnl)
        let wins = pnl.filter { $0 > 0 }, losses = pnl.filter { $0 < 0 }
        let n = Double(trades.count)
        winRate = trades.isEmpty ? nil : Double(wins.count) / n
        let grossWin = Moments.sum(wins), grossLoss = -Moments.sum(losses)
        profitFactor = grossLoss > 0 ? grossWin / grossLoss : nil
        expectancy = trades.isEmpty ? nil : Moments.sum(pnl) / n
        averageWin = wins.isEmpty ? nil : grossWin / Double(wins.count)
        averageLoss = losses.isEmpty ? nil : -grossLoss / Double(losses.count)
        largestWin = pnl.max()
        largestLoss = pnl.min()
        averageHoldingMilliseconds = trades.isEmpty ? nil
            : Moments.sum(trades.map { Double($0.exitTime - $0.entryTime) }) / n
        totalFees = Moments.sum(trades.map(\.fees))
    }
}

/// Market participation of a per-bar position series (signed units or weights).
public struct ExposureMetrics: Sendable, Equatable {
    /// Share of bars with a non-zero position.
    public var exposure: Double
    /// Mean absolute change of the position per bar, (1/n) Σ |wₜ − wₜ₋₁| with w₀ = 0 before
    /// the first bar (one-way turnover per bar when w is a weight of equity).
    public var turnover: Double

    public init(positions: [Double]) throws(AnalyticsError) {
        try AnalyticsError.checkFinite(positions, series: "positions")
        try AnalyticsError.checkCount(positions.count, atLeast: 1, for: "exposure")
        let n = Double(positions.count)
        var held = 0
        var previous = 0.0
        var changes = Moments.CompensatedSum()
        for w in positions {
            if w != 0 { held += 1 }
            changes.add(abs(w - previous))
            previous = w
        }
        exposure = Double(held) / n
        turnover = changes.value / n
    }
}
