import Analytics
import MarketData
import Simulation
import Strategies

/// Every metric a trial stores, in `ObjectiveMetric` order, from one backtest.
///
/// Semantics: Analytics' `BacktestMetrics` (the one BacktestResult → Analytics mapping) read
/// out by name: return metrics by their empyrical names, trade statistics over closed trades,
/// exposure and turnover of the position's share of equity, risk-event counts from the engine's
/// tally (`RunMetrics.risk`; with `from` > 0, of the events at bars `from…`). An undefined
/// metric is nil. With
/// `from` > 0 only bars `from…` are measured, as `BacktestMetrics` describes. `periodsPerYear`
/// is the bars' (`BarSeries.periodsPerYear`, from the data's calendar).
enum TrialMetrics {
    static let names = ObjectiveMetric.allCases.map(\.rawValue)

    static func compute(_ result: BacktestResult, initialCash: Double, periodsPerYear: Double, from: Int = 0)
        throws(AnalyticsError) -> (metrics: [Double?], sharpe: SharpeMoments?, returns: [Double]) {
        let measured = try BacktestMetrics(result, initialCash: initialCash, periodsPerYear: periodsPerYear, from: from)
        let named = Dictionary(uniqueKeysWithValues: measured.returnMetrics.named.map { ($0.name, $0.value) })
        let risk = from == 0 ? result.metrics.risk : RiskCounts(result.riskEvents.lazy.filter { $0.bar >= from })
        let metrics = ObjectiveMetric.allCases.map { metric -> Double? in
            switch metric {
            case .tradeCount: return Double(measured.trades.tradeCount)
            case .winRate: return measured.trades.winRate
            case .profitFactor: return measured.trades.profitFactor
            case .expectancy: return measured.trades.expectancy
            case .totalFees: return measured.trades.totalFees
            case .exposure: return measured.exposure.exposure
            case .turnover: return measured.exposure.turnover
            case .riskEvents: return Double(risk.total)
            case .ordersRefused: return Double(risk.count(.blocked) + risk.count(.rejected))
            case .ordersClipped: return Double(risk.count(.clipped))
            case .riskHalts: return Double(risk.count(.flattened))
            default: return named[metric.rawValue] ?? nil
            }
        }
        return (metrics, measured.returnMetrics.sharpeMoments, measured.returns)
    }
}
