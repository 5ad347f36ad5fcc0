import Foundation
import Testing
import TestSupport

/// `crucible backtest` reproduces the peer fixture (vectorbt, backtesting.py, backtrader agree on
/// it) from the files it writes, in both engines.
@Suite struct BacktestCommandTests {
    struct TradeRow {
        var entryTs: Int64, exitTs: Int64?, entryPrice: Double, quantity: Double, pnl: Double, fees: Double
    }

    static func rows(_ url: URL) throws -> (header: [String], rows: [[String]]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        return (lines[0], Array(lines.dropFirst()))
    }

    static func trades(_ folder: URL) throws -> [TradeRow] {
        let (header, rows) = try rows(folder.appendingPathComponent("trades.csv"))
        #expect(header == ["entry_ts", "entry_price", "exit_ts", "exit_price", "qty", "pnl", "fees", "exit_reason"])
        return try rows.map { r in
            guard let entryTs = Int64(r[0]), let entryPrice = Double(r[1]), let qty = Double(r[4]),
                  let pnl = Double(r[5]), let fees = Double(r[6]) else { throw CLI.Failure("bad trades.csv row \(r)") }
            return TradeRow(entryTs: entryTs, exitTs: Int64(r[2]), entryPrice: entryPrice, quantity: qty, pnl: pnl, fees: fees)
        }
    }

    static func close(_ a: Double, _ b: Double, rel: Double) -> Bool { abs(a - b) <= rel * abs(b) }

    @Test(arguments: ["event", "vectorized"])
    func reproducesThePeerFixture(engine: String) throws {
        let fixture = try #require(try Fixtures.json("peers/btc_1h_sma_cross_10_50.json") as? [String: Any])
        let expected = try #require(fixture["expected"] as? [String: Any])
        let tolerances = try #require(fixture["tolerances"] as? [String: Any])
        let equityRel = try #require(tolerances["final_equity_rel"] as? Double)
        let feesRel = try #require(tolerances["total_fees_rel"] as? Double)
        let tradeFeesRel = try #require(tolerances["trade_fees_rel"] as? Double)
        let qtyRel = try #require(tolerances["qty_rel"] as? Double)
        let pnlOverNotional = try #require(tolerances["trade_pnl_abs_over_entry_notional"] as? Double)

        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["backtest", "--data", "datasets/btcusdt_1h.csv", "--strategy", "sma_cross",
                               "--param", "fast=10", "--param", "slow=50", "--engine", engine, "--out", folder.path])
        #expect(run.status == 0, "\(run.stderr)")

        // trades.csv: the 848 closed trades in order, then the open one with empty exit fields.
        let trades = try Self.trades(folder)
        let closed = try #require(expected["trades"] as? [[String: Any]])
        let open = try #require(expected["open_trade"] as? [String: Any])
        #expect(trades.count == expected["n_trades"] as? Int)
        #expect(trades.filter { $0.exitTs != nil }.count == expected["n_closed_trades"] as? Int)
        #expect(!closed.isEmpty && closed.count == expected["n_closed_trades"] as? Int, "the loop below must compare every fixture trade")
        for (row, want) in zip(trades, closed) {
            let entryPrice = try #require(want["entry_price"] as? Double)
            let qty = try #require(want["qty"] as? Double)
            #expect(row.entryTs == want["entry_ts"] as? Int64)
            #expect(row.exitTs == want["exit_ts"] as? Int64)
            #expect(Self.close(row.quantity, qty, rel: qtyRel), "qty of trade at \(row.entryTs)")
            #expect(abs(row.pnl - (want["pnl"] as? Double ?? .nan)) <= pnlOverNotional * entryPrice * qty, "pnl at \(row.entryTs)")
            #expect(Self.close(row.fees, want["fees"] as? Double ?? .nan, rel: tradeFeesRel), "fees at \(row.entryTs)")
        }
        if trades.count == closed.count + 1, let last = trades.last {
            #expect(last.exitTs == nil)
            #expect(last.entryTs == open["entry_ts"] as? Int64)
            #expect(Self.close(last.quantity, open["qty"] as? Double ?? .nan, rel: qtyRel))
        }

        // equity.csv: one row per bar; its last value is the final equity.
        let finalEquity = try #require(expected["final_equity"] as? Double)
        let (equityHeader, equity) = try Self.rows(folder.appendingPathComponent("equity.csv"))
        #expect(equityHeader == ["timestamp", "equity"])
        #expect(equity.count == 61_246)
        #expect(Self.close(Double(equity.last?[1] ?? "") ?? .nan, finalEquity, rel: equityRel))

        // metrics.json: the engine's totals and Analytics' metrics under empyrical's names.
        let metrics = try CLI.object(Data(contentsOf: folder.appendingPathComponent("metrics.json")))
        let totalFees = try #require(expected["total_fees"] as? Double)
        #expect(Self.close(metrics["final_equity"] as? Double ?? .nan, finalEquity, rel: equityRel))
        #expect(Self.close(metrics["total_fees"] as? Double ?? .nan, totalFees, rel: feesRel))
        // One trade_count everywhere: closed trades; the position still open at the end is open_trades.
        #expect(metrics["trade_count"] as? Int == expected["n_closed_trades"] as? Int)
        #expect(metrics["open_trades"] as? Int == (expected["n_trades"] as? Int).map { $0 - (expected["n_closed_trades"] as? Int ?? 0) })
        #expect(metrics["bars"] as? Int == 61_246)
        #expect(metrics["data_files"] as? Int == 1)
        #expect(metrics["engine"] as? String == engine)
        // Compounded per-bar returns from the initial cash end at the final equity.
        #expect(Self.close(metrics["cum_returns_final"] as? Double ?? .nan, finalEquity / 10_000 - 1, rel: 1e-9))
        // Trade statistics follow from the fixture's closed trades.
        let pnls = closed.compactMap { $0["pnl"] as? Double }
        let grossWin = pnls.filter { $0 > 0 }.reduce(0, +), grossLoss = -pnls.filter { $0 < 0 }.reduce(0, +)
        #expect(metrics["win_rate"] as? Double == Double(pnls.filter { $0 > 0 }.count) / Double(pnls.count))
        #expect(Self.close(metrics["profit_factor"] as? Double ?? .nan, grossWin / grossLoss, rel: 1e-6))
        for key in ["annual_return", "annual_volatility", "sharpe_ratio", "sortino_ratio", "max_drawdown", "calmar_ratio",
                    "omega_ratio", "tail_ratio", "stability_of_timeseries", "value_at_risk", "conditional_value_at_risk",
                    "win_rate", "profit_factor", "expectancy", "exposure"] {
            #expect(metrics[key] is Double, "\(key)")
        }
    }
}
