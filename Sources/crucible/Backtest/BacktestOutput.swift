import Foundation
import MarketData
import Simulation
import Strategies

/// Writes one backtest's files: trades.csv, equity.csv, metrics.json. Everything is rendered
/// in memory first and the folder is written only when all of it is ready.
struct BacktestOutput {
    let result: BacktestResult
    /// Number of input bars (all symbols).
    let bars: Int
    let strategy: String
    let parameters: ParameterSet
    let engine: EngineKind
    /// Symbol names when several were traded (adds a `symbol` column to trades.csv).
    let symbols: [String]?

    /// Closed trades, then the open ones (if any) with empty exit fields; pnl of an open trade is
    /// marked at the last close; qty is negative for shorts.
    var tradesCSV: String {
        var s = "entry_ts,entry_price,exit_ts,exit_price,qty,pnl,fees,exit_reason" + (symbols == nil ? "\n" : ",symbol\n")
        for t in result.trades {
            let exitTs = t.exitTs.map { String($0) } ?? ""
            let exitPrice = t.exitPrice.map { "\($0)" } ?? ""
            let reason = t.exitReason.map { $0.description } ?? ""
            s += "\(t.entryTs),\(t.entryPrice),\(exitTs),\(exitPrice),\(t.quantity * t.direction),\(t.pnl),\(t.fees),\(reason)"
            s += symbols.map { ",\($0[t.symbol])\n" } ?? "\n"
        }
        return s
    }

    var equityCSV: String {
        var s = "timestamp,equity\n"
        s.reserveCapacity(result.equity.count * 32)
        for (ts, e) in zip(result.timestamps, result.equity) { s += "\(ts),\(e)\n" }
        return s
    }

    var metricsJSON: String {
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let m = result.metrics
        let params = zip(parameters.specs, parameters.values).map { spec, value in
            let text: String
            switch value {
            case let .int(v): text = String(v)
            case let .double(v): text = number(v)
            case let .bool(v): text = String(v)
            case let .choice(v): text = quoted(v)
            }
            return "    \(quoted(spec.name)): \(text)"
        }.joined(separator: ",\n")
        return """
        {
          "strategy": \(quoted(strategy)),
          "parameters": {\(params.isEmpty ? "" : "\n" + params + "\n  ")},
          "engine": \(quoted(engine.rawValue)),
          "fill": \(quoted(result.fill.rawValue)),
          "intrabar": \(quoted(result.intrabar.rawValue)),
          "bars": \(bars),
          "initial_cash": \(number(m.initialCash)),
          "final_equity": \(number(m.finalEquity)),
          "total_return": \(number(m.totalReturn)),
          "max_drawdown": \(number(m.maxDrawdown)),
          "sharpe": \(number(m.sharpe)),
          "trade_count": \(m.tradeCount),
          "closed_trades": \(result.closedTrades.count),
          "total_fees": \(number(m.totalFees)),
          "funding_paid": \(number(result.fundingPaid)),
          "borrow_paid": \(number(result.borrowPaid))
        }

        """
    }

    func write(to folder: String) throws {
        let files = [("trades.csv", tradesCSV), ("equity.csv", equityCSV), ("metrics.json", metricsJSON)]
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(name), options: .atomic)
        }
    }
}
