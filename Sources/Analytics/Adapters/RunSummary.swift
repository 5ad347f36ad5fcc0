import Foundation
import MarketData
import Simulation

/// About thirty statistics of one run plus a hash of its order list: what the regression
/// snapshots pin (LEAN's ExpectedStatistics + OrderListHash). Statistics are kept in a fixed
/// order (never a dictionary's).
///
/// Semantics: every figure with a counterpart in `BacktestMetrics` is that figure (returns of
/// equity marked at each close, the first against the starting cash; empyrical's definitions;
/// trades are closed trades, a win has pnl > 0 and a loss pnl < 0), so the snapshots pin exactly
/// what `crucible backtest` and ranked.csv report. `trade_count` counts closed trades and
/// `open_trades` the one still open at the end; undefined ratios are NaN. The rest are engine
/// totals (fees, fills, traded notional, final cash, open quantity), the longest winning and
/// losing streaks (a break-even trade ends both) and the mean bars held per trade (an open
/// trade to the last bar).
public struct RunSummary: Sendable {
    public var statistics: [(name: String, value: Double)]
    /// FNV-1a 64 over every fill's bar, side, quantity and price (printed with 12 significant
    /// digits, so the hash does not hang on the last bits of a float).
    public var orderListHash: String

    /// `periodsPerYear` annualizes (the bars' `BarSeries.periodsPerYear`).
    public init(_ result: BacktestResult, periodsPerYear: Double) throws(AnalyticsError) {
        let measured = try BacktestMetrics(result, periodsPerYear: periodsPerYear)
        let r = measured.returnMetrics, t = measured.trades
        let closed = result.trades.filter { !$0.isOpen }
        let wins = closed.filter { $0.pnl > 0 }, losses = closed.filter { $0.pnl < 0 }
        let grossProfit = Moments.sum(wins.map(\.pnl)), grossLoss = Moments.sum(losses.map(\.pnl))
        var maxWins = 0, maxLosses = 0, w = 0, l = 0
        for trade in closed {
            w = trade.pnl > 0 ? w + 1 : 0
            l = trade.pnl < 0 ? l + 1 : 0
            maxWins = max(maxWins, w)
            maxLosses = max(maxLosses, l)
        }
        let e = result.equity
        var heldBars = 0
        for trade in result.trades { heldBars += (trade.exitBar ?? (e.count - 1)) - trade.entryBar }
        let open = result.trades.filter(\.isOpen)
        func value(_ x: Double?) -> Double { x ?? .nan }

        statistics = [
            ("final_equity", result.metrics.finalEquity),
            ("total_return", result.metrics.totalReturn),
            ("cagr", r.annualReturn),
            ("max_drawdown", r.maxDrawdown),
            ("longest_drawdown_bars", Double(r.drawdowns.maxDuration)),
            ("sharpe", value(r.sharpeRatio)),
            ("sortino", value(r.sortinoRatio)),
            ("annual_volatility", r.annualVolatility),
            ("calmar", value(r.calmarRatio)),
            ("trade_count", Double(t.tradeCount)),
            ("open_trades", Double(open.count)),
            ("winning_trades", Double(wins.count)),
            ("losing_trades", Double(losses.count)),
            ("win_rate", value(t.winRate)),
            ("closed_pnl", Moments.sum(closed.map(\.pnl))),
            ("gross_profit", grossProfit),
            ("gross_loss", grossLoss),
            ("profit_factor", value(t.profitFactor)),
            ("average_trade_pnl", value(t.expectancy)),
            ("average_win", value(t.averageWin)),
            ("average_loss", value(t.averageLoss)),
            ("best_trade", value(t.largestWin)),
            ("worst_trade", value(t.largestLoss)),
            ("max_consecutive_wins", Double(maxWins)),
            ("max_consecutive_losses", Double(maxLosses)),
            ("average_bars_held", result.trades.isEmpty ? .nan : Double(heldBars) / Double(result.trades.count)),
            ("exposure", measured.exposure.exposure),
            ("total_fees", result.metrics.totalFees),
            ("fill_count", Double(result.fills.count)),
            ("traded_notional", result.fills.reduce(0) { $0 + $1.quantity * $1.price }),
            ("final_cash", result.cash.last ?? .nan),
            ("open_quantity", open.reduce(0) { $0 + $1.quantity * $1.direction }),
        ]

        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for f in result.fills {
            let line = "\(f.symbol),\(f.bar),\(f.side == .buy ? "B" : "S"),\(String(format: "%.12g", f.quantity)),\(String(format: "%.12g", f.price)),\(f.reason)\n"
            for byte in line.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        orderListHash = String(hash, radix: 16)
    }

    /// The value of statistic `name`.
    public subscript(name: String) -> Double? { statistics.first { $0.name == name }?.value }
}
