import Foundation
import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// One peer-engine golden case (Tests/Fixtures/peers), decoded.
struct PeerFixture {
    struct ExpectedTrade {
        var entryTs: Int64, entryPrice: Double, exitTs: Int64, exitPrice: Double
        var qty: Double, pnl: Double, fees: Double
    }
    var name: String
    var fast: Int, slow: Int, feeRate: Double, initialCash: Double
    var nTrades: Int, finalEquity: Double, totalFees: Double
    var trades: [ExpectedTrade]
    var openTrade: (entryTs: Int64, entryPrice: Double, qty: Double, entryFee: Double)?
    var equitySamples: [(bar: Int, ts: Int64, equity: Double)]

    static let cases = ["btc_1h_sma_cross_10_50.json", "btc_1h_sma_cross_24_120.json"]

    init(_ file: String) throws {
        let root = try #require(try Fixtures.json("peers/" + file) as? [String: Any])
        let params = try #require(root["params"] as? [String: Any])
        let expected = try #require(root["expected"] as? [String: Any])
        name = file
        fast = try #require(params["fast"] as? Int)
        slow = try #require(params["slow"] as? Int)
        feeRate = try #require(params["fee_rate"] as? Double)
        initialCash = try #require(params["initial_cash"] as? Double)
        nTrades = try #require(expected["n_trades"] as? Int)
        finalEquity = try #require(expected["final_equity"] as? Double)
        totalFees = try #require(expected["total_fees"] as? Double)
        let rows = try #require(expected["trades"] as? [[String: Any]])
        trades = try rows.map { row in
            ExpectedTrade(entryTs: try #require((row["entry_ts"] as? NSNumber)?.int64Value),
                          entryPrice: try #require(row["entry_price"] as? Double),
                          exitTs: try #require((row["exit_ts"] as? NSNumber)?.int64Value),
                          exitPrice: try #require(row["exit_price"] as? Double),
                          qty: try #require(row["qty"] as? Double), pnl: try #require(row["pnl"] as? Double),
                          fees: try #require(row["fees"] as? Double))
        }
        if let open = expected["open_trade"] as? [String: Any] {
            openTrade = (try #require((open["entry_ts"] as? NSNumber)?.int64Value), try #require(open["entry_price"] as? Double),
                         try #require(open["qty"] as? Double), try #require(open["entry_fee"] as? Double))
        }
        let samples = try #require(expected["equity_every_1000_bars"] as? [[NSNumber]])
        equitySamples = samples.map { ($0[0].intValue, $0[1].int64Value, $0[2].doubleValue) }
    }

    var config: EngineConfig {
        var c = EngineConfig()
        c.initialCash = initialCash
        c.fees = .flat(bps: feeRate * 10_000)
        return c
    }

    func strategy() throws -> SMACross { try SMACross(fast: fast, slow: slow) }

    static func rel(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

    /// Checks a result against `expected` with the README's tolerances.
    func check(_ result: BacktestResult) {
        let closed = result.trades.filter { !$0.isOpen }
        // The loops below compare nothing if a mis-keyed fixture gave empty lists.
        #expect(!trades.isEmpty && !equitySamples.isEmpty, "\(name): fixture has no trades or equity samples")
        #expect(result.metrics.entries == nTrades)
        #expect(closed.count == trades.count)
        for (got, want) in zip(closed, trades) {
            #expect(got.entryTs == want.entryTs && got.exitTs == want.exitTs, "trade timestamps differ at \(want.entryTs)")
            #expect(Self.rel(got.entryPrice, want.entryPrice) <= 1e-12)
            #expect(Self.rel(got.exitPrice!, want.exitPrice) <= 1e-12)
            #expect(Self.rel(got.quantity, want.qty) <= 1e-9)
            #expect(Self.rel(got.fees, want.fees) <= 1e-9)
            #expect(abs(got.pnl - want.pnl) <= 1e-9 * want.qty * want.entryPrice)
        }
        let open = result.trades.filter(\.isOpen)
        if let want = openTrade {
            #expect(open.count == 1)
            if let got = open.first {
                #expect(got.entryTs == want.entryTs)
                #expect(Self.rel(got.entryPrice, want.entryPrice) <= 1e-12)
                #expect(Self.rel(got.quantity, want.qty) <= 1e-9)
                #expect(Self.rel(got.entryFees, want.entryFee) <= 1e-9)
            }
        } else {
            #expect(open.isEmpty)
        }
        #expect(Self.rel(result.metrics.finalEquity, finalEquity) <= 1e-9)
        #expect(Self.rel(result.metrics.totalFees, totalFees) <= 1e-9)
        for sample in equitySamples {
            #expect(result.timestamps[sample.bar] == sample.ts)
            #expect(Self.rel(result.equity[sample.bar], sample.equity) <= 1e-9, "equity at bar \(sample.bar)")
        }
    }
}

/// The BTC 1h bars, loaded once per process.
enum BTC {
    static let hourly: BarSeries = try! Fixtures.bars("btcusdt_1h.csv")
}
