import MarketData
import Simulation

/// Analytics' metrics of one backtest: the one mapping from Simulation's `BacktestResult` to
/// Analytics inputs, shared by `crucible backtest` and the experiment runner.
///
/// Semantics: returns are simple per-bar returns of equity marked at each close, the first one
/// against the starting cash; `returnMetrics` are `ReturnMetrics` (empyrical's definitions,
/// annualized with the timeframe's periods per year). `trades` are `TradeMetrics` over closed
/// trades (an open trade has no exit yet). `exposure` is `ExposureMetrics` of the position's
/// share of equity, (equity − cash) / equity at each close. With `from` > 0 only bars `from…`
/// are measured (a walk-forward test window after its warm-up): the first return is against
/// the equity at bar `from − 1`, and only trades closed at or after bar `from` count.
public struct BacktestMetrics: Sendable, Equatable {
    /// The per-bar returns measured.
    public var returns: [Double]
    public var returnMetrics: ReturnMetrics
    public var trades: TradeMetrics
    public var exposure: ExposureMetrics

    /// Throws when the window has fewer than two bars (no return metrics) or holds NaN/inf.
    /// `periodsPerYear` annualizes (the bars' `BarSeries.periodsPerYear`, which follows their calendar).
    public init(_ result: BacktestResult, initialCash: Double? = nil, periodsPerYear: Double, from: Int = 0) throws(AnalyticsError) {
        guard from >= 0 && from < result.equity.count else {
            throw .invalidArgument(name: "from", expected: "a bar index in 0..<\(result.equity.count)", got: "\(from)")
        }
        returns = Self.returns(result, initialCash: initialCash ?? result.metrics.initialCash, from: from)
        returnMetrics = try ReturnMetrics(returns: returns, periodsPerYear: periodsPerYear)
        trades = TradeMetrics(trades: Self.closedTrades(result, from: from))
        exposure = try ExposureMetrics(positions: Self.positionWeights(result, from: from))
    }

    /// Simple returns of equity from bar `from` on, the first against `initialCash` (from = 0)
    /// or the equity at bar `from − 1`.
    public static func returns(_ result: BacktestResult, initialCash: Double, from: Int = 0) -> [Double] {
        let equity = result.equity[from...]
        var returns: [Double] = []
        returns.reserveCapacity(equity.count)
        var previous = from == 0 ? initialCash : result.equity[from - 1]
        for value in equity {
            returns.append(value / previous - 1)
            previous = value
        }
        return returns
    }

    /// Closed trades exiting at or after the timestamp of bar `from`, as Analytics' records:
    /// signed quantity, pnl and fees as the engine booked them, return on the entry notional.
    public static func closedTrades(_ result: BacktestResult, from: Int = 0) -> [TradeRecord] {
        let windowStart = from < result.timestamps.count ? result.timestamps[from] : .max
        return result.trades.compactMap { t -> TradeRecord? in
            guard let exitTs = t.exitTs, let exitPrice = t.exitPrice, exitTs >= windowStart else { return nil }
            let notional = t.entryPrice * t.quantity
            return TradeRecord(entryTime: t.entryTs, exitTime: exitTs, entryPrice: t.entryPrice, exitPrice: exitPrice,
                               quantity: t.direction * t.quantity, pnl: t.pnl, fees: t.fees,
                               returnFraction: notional > 0 ? t.pnl / notional : 0)
        }
    }

    /// The position's share of equity at each close from bar `from` on (0 when equity is 0).
    public static func positionWeights(_ result: BacktestResult, from: Int = 0) -> [Double] {
        let equity = result.equity, cash = result.cash
        var weights: [Double] = []
        weights.reserveCapacity(equity.count - from)
        for i in from..<equity.count {
            let e = equity[i]
            weights.append(e != 0 ? (e - cash[i]) / e : 0)
        }
        return weights
    }
}
