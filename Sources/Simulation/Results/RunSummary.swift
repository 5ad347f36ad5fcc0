import Foundation
import Strategies

/// About thirty statistics of one run plus a hash of its order list: what the regression
/// snapshots pin (LEAN's ExpectedStatistics + OrderListHash) and what `metrics.json` holds.
/// Statistics are kept in a fixed order (never a dictionary's).
public struct RunSummary: Sendable {
    public var statistics: [(name: String, value: Double)]
    /// FNV-1a 64 over every fill's bar, side, quantity and price (printed with 12 significant
    /// digits, so the hash does not hang on the last bits of a float).
    public var orderListHash: String

    public init(_ result: BacktestResult, periodsPerYear: Double) {
        let e = result.equity
        let initial = result.metrics.initialCash
        var returns: [Double] = []
        returns.reserveCapacity(max(0, e.count - 1))
        for i in 1..<max(e.count, 1) { returns.append(e[i] / e[i - 1] - 1) }
        let n = Double(returns.count)
        let mean = n > 0 ? returns.reduce(0, +) / n : .nan
        let downside = n > 0 ? (returns.reduce(0) { $0 + min($1, 0) * min($1, 0) } / n).squareRoot() : .nan
        let std = n > 1 ? (returns.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot() : .nan
        let years = Double(e.count) / periodsPerYear
        let final = result.metrics.finalEquity
        let cagr = years > 0 ? pow(final / initial, 1 / years) - 1 : .nan

        var longest = 0, run = 0, peak = -Double.infinity
        for x in e {
            if x >= peak { peak = x; run = 0 } else { run += 1; longest = max(longest, run) }
        }
        let closed = result.trades.filter { !$0.isOpen }
        let wins = closed.filter { $0.pnl > 0 }, losses = closed.filter { $0.pnl <= 0 }
        let grossProfit = wins.reduce(0) { $0 + $1.pnl }, grossLoss = losses.reduce(0) { $0 + $1.pnl }
        var maxWins = 0, maxLosses = 0, w = 0, l = 0
        for t in closed {
            if t.pnl > 0 { w += 1; l = 0 } else { l += 1; w = 0 }
            maxWins = max(maxWins, w)
            maxLosses = max(maxLosses, l)
        }
        var heldBars = 0
        for t in result.trades { heldBars += (t.exitBar ?? (e.count - 1)) - t.entryBar }
        let openQuantity = result.trades.filter(\.isOpen).reduce(0) { $0 + $1.quantity * $1.direction }
        let c = Double(closed.count)

        statistics = [
            ("final_equity", final),
            ("total_return", result.metrics.totalReturn),
            ("cagr", cagr),
            ("max_drawdown", result.metrics.maxDrawdown),
            ("longest_drawdown_bars", Double(longest)),
            ("sharpe", result.metrics.sharpe),
            ("sortino", downside > 0 ? mean / downside * periodsPerYear.squareRoot() : .nan),
            ("annual_volatility", std * periodsPerYear.squareRoot()),
            ("calmar", result.metrics.maxDrawdown < 0 ? cagr / -result.metrics.maxDrawdown : .nan),
            ("trade_count", Double(result.metrics.tradeCount)),
            ("closed_trades", c),
            ("winning_trades", Double(wins.count)),
            ("losing_trades", Double(losses.count)),
            ("win_rate", c > 0 ? Double(wins.count) / c : .nan),
            ("closed_pnl", grossProfit + grossLoss),
            ("gross_profit", grossProfit),
            ("gross_loss", grossLoss),
            ("profit_factor", grossLoss < 0 ? grossProfit / -grossLoss : .nan),
            ("average_trade_pnl", c > 0 ? (grossProfit + grossLoss) / c : .nan),
            ("average_win", wins.isEmpty ? .nan : grossProfit / Double(wins.count)),
            ("average_loss", losses.isEmpty ? .nan : grossLoss / Double(losses.count)),
            ("best_trade", closed.map(\.pnl).max() ?? .nan),
            ("worst_trade", closed.map(\.pnl).min() ?? .nan),
            ("max_consecutive_wins", Double(maxWins)),
            ("max_consecutive_losses", Double(maxLosses)),
            ("average_bars_held", result.trades.isEmpty ? .nan : Double(heldBars) / Double(result.trades.count)),
            ("exposure", e.isEmpty ? .nan : Double(heldBars) / Double(e.count)),
            ("total_fees", result.metrics.totalFees),
            ("fill_count", Double(result.fills.count)),
            ("traded_notional", result.fills.reduce(0) { $0 + $1.quantity * $1.price }),
            ("final_cash", result.cash.last ?? .nan),
            ("open_quantity", openQuantity),
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
