import Analytics
import MarketData
import Simulation

/// Every metric a trial stores, in `ObjectiveMetric` order, from one backtest.
///
/// Semantics: returns are per bar from equity marked at each close, the first against the
/// starting cash; return metrics are Analytics' `ReturnMetrics` (empyrical's definitions,
/// annualized by the timeframe), trade statistics Analytics' `TradeMetrics` over closed trades,
/// exposure and turnover Analytics' `ExposureMetrics` of the position's share of equity.
/// An undefined metric is nil. With `from` > 0 only bars `from…` are measured (a walk-forward
/// test window after its warm-up): the first return is against the equity at bar `from − 1`,
/// and only trades closed in the window count.
enum TrialMetrics {
    static let names = ObjectiveMetric.allCases.map(\.rawValue)

    static func compute(_ result: BacktestResult, initialCash: Double, timeframe: Timeframe, from: Int = 0)
        throws(AnalyticsError) -> (metrics: [Double?], sharpe: SharpeMoments?, returns: [Double]) {
        let equity = result.equity[from...]
        var returns: [Double] = []
        returns.reserveCapacity(equity.count)
        var previous = from == 0 ? initialCash : result.equity[from - 1]
        for value in equity {
            returns.append(value / previous - 1)
            previous = value
        }
        let windowStart = from < result.timestamps.count ? result.timestamps[from] : .max
        let returnMetrics = try ReturnMetrics(returns: returns, timeframe: timeframe)
        let named = Dictionary(uniqueKeysWithValues: returnMetrics.named.map { ($0.name, $0.value) })
        let closed = result.trades.compactMap { t -> TradeRecord? in
            guard let exitTs = t.exitTs, let exitPrice = t.exitPrice, exitTs >= windowStart else { return nil }
            let notional = t.entryPrice * t.quantity
            return TradeRecord(entryTime: t.entryTs, exitTime: exitTs, entryPrice: t.entryPrice, exitPrice: exitPrice,
                               quantity: t.direction * t.quantity, pnl: t.pnl, fees: t.fees,
                               returnFraction: notional > 0 ? t.pnl / notional : 0)
        }
        let trades = TradeMetrics(trades: closed)
        let weights = equity.indices.map { i in equity[i] != 0 ? (equity[i] - result.cash[i]) / equity[i] : 0 }
        let exposure = try ExposureMetrics(positions: weights)
        let metrics = ObjectiveMetric.allCases.map { metric -> Double? in
            switch metric {
            case .tradeCount: return Double(trades.tradeCount)
            case .winRate: return trades.winRate
            case .profitFactor: return trades.profitFactor
            case .expectancy: return trades.expectancy
            case .totalFees: return trades.totalFees
            case .exposure: return exposure.exposure
            case .turnover: return exposure.turnover
            default: return named[metric.rawValue] ?? nil
            }
        }
        return (metrics, try? SharpeMoments(returns: returns), returns)
    }
}
