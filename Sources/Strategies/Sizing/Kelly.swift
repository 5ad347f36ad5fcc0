import Indicators

/// Kelly sizing from the strategy's own recent trades.
///
/// Over the last `window` closed trades (returns r = pnl ÷ entry notional): win rate W = share
/// of trades with r > 0, payoff ratio R = mean winning r ÷ mean |losing r|. The Kelly fraction
/// is K = W − (1 − W) ÷ R; the entry spends `multiplier` × K of equity (1 = full Kelly,
/// 0.5 = half Kelly), capped at `maxFraction`. K ≤ 0 means no entry. With no losing trade in the
/// window K = W = 1 (capped). Until `minTrades` trades are known the entry spends `fallback` of
/// equity.
public struct KellySizer: PositionSizer, Hashable {
    public let multiplier: Double
    public let maxFraction: Double
    public let minTrades: Int
    public let fallback: Double
    @usableFromInline var returns: RingBuffer

    public init(window: Int = 50, multiplier: Double = 1, maxFraction: Double = 1, minTrades: Int = 10, fallback: Double = 0.1) {
        precondition(window >= 1 && minTrades >= 1 && minTrades <= window, "Kelly sizing needs 1 ≤ minTrades ≤ window")
        precondition(multiplier > 0 && maxFraction > 0 && fallback >= 0, "Kelly sizing needs positive multiplier and cap")
        self.multiplier = multiplier
        self.maxFraction = maxFraction
        self.minTrades = minTrades
        self.fallback = fallback
        returns = RingBuffer(capacity: window)
    }

    /// Win rate and payoff ratio over the window (payoff is +∞ without losses, NaN without wins).
    public var statistics: (winRate: Double, payoff: Double) {
        var wins = 0, losses = 0
        var winSum = 0.0, lossSum = 0.0
        for k in 0..<returns.count {
            let r = returns.back(k)
            if r > 0 { wins += 1; winSum += r } else { losses += 1; lossSum -= r }
        }
        let n = Double(wins + losses)
        let payoff = losses == 0 || lossSum == 0 ? Double.infinity : (wins == 0 ? .nan : (winSum / Double(wins)) / (lossSum / Double(losses)))
        return (Double(wins) / n, payoff)
    }

    /// The fraction of equity the next entry spends.
    public var fraction: Double {
        guard returns.count >= minTrades else { return min(fallback, maxFraction) }
        let (w, r) = statistics
        if r.isNaN { return 0 }
        let kelly = r.isInfinite ? w : w - (1 - w) / r
        return max(0, min(multiplier * kelly, maxFraction))
    }

    public func rawQuantity(_ input: SizingInput) -> Double { fraction * input.equity / input.price }

    public mutating func recordTrade(return tradeReturn: Double) { returns.push(tradeReturn) }
}
