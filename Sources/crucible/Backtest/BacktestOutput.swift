import Analytics
import Foundation
import MarketData
import Simulation
import Strategies

/// Writes one backtest's files: trades.csv, equity.csv, metrics.json, events.csv. Everything is
/// rendered in memory first and the folder is written only when all of it is ready.
struct BacktestOutput {
    let result: BacktestResult
    /// Analytics' metrics of `result` (empyrical's names).
    let metrics: BacktestMetrics
    /// Number of `--data` files.
    let dataFiles: Int
    let timeframe: Timeframe
    /// Bars per year under the data's calendar.
    let periodsPerYear: Double
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

    /// Every risk firing and refused or resized order (`RiskEvent`), in order; the header alone
    /// when there was none.
    var eventsCSV: String {
        func quoted(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        var s = "ts,bar,symbol,rule,action,value,limit,reason\n"
        for e in result.riskEvents {
            let symbol = symbols.map { e.symbol < $0.count ? $0[e.symbol] : String(e.symbol) } ?? String(e.symbol)
            s += "\(e.ts),\(e.bar),\(symbol),\(e.rule),\(e.action),\(e.value),\(e.limit),\(quoted(e.reason))\n"
        }
        return s
    }

    var equityCSV: String {
        var s = "timestamp,equity\n"
        s.reserveCapacity(result.equity.count * 32)
        for (ts, e) in zip(result.timestamps, result.equity) { s += "\(ts),\(e)\n" }
        return s
    }

    /// Run settings, then the engine's totals, Analytics' return metrics under empyrical's names
    /// (with the reasons of the undefined ones), trade statistics and exposure.
    var metricsJSON: String {
        func number(_ x: Double?) -> String { x.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
        func quoted(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func object(_ pairs: [(String, String)], indent: String) -> String {
            pairs.isEmpty ? "{}" : "{\n" + pairs.map { "\(indent)  \(quoted($0.0)): \($0.1)" }.joined(separator: ",\n") + "\n\(indent)}"
        }
        let m = result.metrics, trades = metrics.trades
        let params = zip(parameters.specs, parameters.values).map { spec, value -> (String, String) in
            switch value {
            case let .int(v): return (spec.name, String(v))
            case let .double(v): return (spec.name, number(v))
            case let .bool(v): return (spec.name, String(v))
            case let .choice(v): return (spec.name, quoted(v))
            }
        }
        var pairs: [(String, String)] = [
            ("strategy", quoted(strategy)),
            ("parameters", object(params, indent: "  ")),
            ("engine", quoted(engine.rawValue)),
            ("fill", quoted(result.fill.rawValue)),
            ("intrabar", quoted(result.intrabar.rawValue)),
            ("data_files", String(dataFiles)),
            ("bars", String(result.equity.count)),
            ("timeframe", quoted(timeframe.rawValue)),
            ("periods_per_year", number(periodsPerYear)),
            ("initial_cash", number(m.initialCash)),
            ("final_equity", number(m.finalEquity)),
            ("total_return", number(m.totalReturn)),
        ]
        pairs += metrics.returnMetrics.named.map { ($0.name, number($0.value)) }
        let reasons = metrics.returnMetrics.undefinedReasons.sorted { $0.key < $1.key }.map { ($0.key, quoted($0.value)) }
        pairs.append(("undefined", object(reasons, indent: "  ")))
        pairs += [
            ("trade_count", String(trades.tradeCount)),
            ("open_trades", String(result.trades.count - trades.tradeCount)),
            ("win_rate", number(trades.winRate)),
            ("profit_factor", number(trades.profitFactor)),
            ("expectancy", number(trades.expectancy)),
            ("average_win", number(trades.averageWin)),
            ("average_loss", number(trades.averageLoss)),
            ("largest_win", number(trades.largestWin)),
            ("largest_loss", number(trades.largestLoss)),
            ("average_holding_hours", number(trades.averageHoldingMilliseconds.map { $0 / 3_600_000 })),
            ("exposure", number(metrics.exposure.exposure)),
            ("turnover", number(metrics.exposure.turnover)),
            ("total_fees", number(m.totalFees)),
            ("funding_paid", number(result.fundingPaid)),
            ("borrow_paid", number(result.borrowPaid)),
            ("risk_events", String(m.risk.total)),
            ("risk_events_by_action", object(RiskAction.allCases.map { ($0.description, String(m.risk.count($0))) }, indent: "  ")),
            ("risk_events_by_rule", object(RiskRule.allCases.map { ($0.description, String(m.risk.count($0))) }, indent: "  ")),
        ]
        return object(pairs, indent: "") + "\n"
    }

    func write(to folder: String) throws {
        let files = [("trades.csv", tradesCSV), ("equity.csv", equityCSV), ("metrics.json", metricsJSON), ("events.csv", eventsCSV)]
        let url = URL(fileURLWithPath: folder, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: url.appendingPathComponent(name), options: .atomic)
        }
    }
}
