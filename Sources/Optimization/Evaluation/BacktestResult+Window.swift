import MarketData
import Simulation
import Strategies

extension BacktestResult {
    /// The part of a run over `window` that counts: a base point (the initial cash at the close
    /// before the window) followed by every counted bar.
    ///
    /// Semantics: `timestamps[0]` is the open of the last warm-up bar (one bar length before
    /// the window when there is none) and `equity[0] = cash[0] = initialCash`; index k ≥ 1 is
    /// bar `window.start + k − 1`. Fills and trades keep only those inside the window, their
    /// bar indices shifted the same way, and so do the risk events (those of warm-up bars are
    /// left out); metrics and risk counts are recomputed over the counted part.
    /// Throws `.lookAhead` if the run filled an order before the window.
    public func counted(in window: EvaluationWindow) throws(ValidationError) -> BacktestResult {
        let start = window.start
        guard equity.count == window.bars.count else {
            throw .evaluation("the evaluator returned \(equity.count) equity marks for \(window.bars.count) bars")
        }
        if let early = fills.first(where: { $0.bar < start }) {
            throw .lookAhead("a fill at bar \(early.bar) precedes the counted window starting at bar \(start)")
        }
        let initial = metrics.initialCash
        let shift = start - 1
        let baseTs = start > 0 ? timestamps[start - 1] : timestamps[0] - window.bars.timeframe.milliseconds
        var stats = EquityStats()
        stats.add(initial)
        for e in equity[start...] { stats.add(e) }
        let windowFills = fills.map { fill in
            var f = fill
            f.bar -= shift
            return f
        }
        let windowTrades = trades.map { trade in
            var t = trade
            t.entryBar -= shift
            if let exit = t.exitBar { t.exitBar = exit - shift }
            return t
        }
        let windowEvents = riskEvents.filter { $0.bar >= start }.map { event in
            var e = event
            e.bar -= shift
            return e
        }
        let ppy = window.bars.periodsPerYear
        return BacktestResult(
            timestamps: [baseTs] + timestamps[start...], equity: [initial] + equity[start...], cash: [initial] + cash[start...],
            trades: windowTrades, fills: windowFills,
            metrics: RunMetrics(initialCash: initial, stats: stats, periodsPerYear: ppy, entries: windowTrades.count,
                                totalFees: windowFills.reduce(0) { $0 + $1.fee }, risk: RiskCounts(windowEvents)),
            intrabar: intrabar, fill: fill, fundingPaid: fundingPaid, borrowPaid: borrowPaid, orderUpdates: orderUpdates,
            riskEvents: windowEvents)
    }
}
