import Analytics
import MarketData
import Simulation
import Testing

/// The BacktestResult → Analytics mapping on a five-bar run worked out by hand.
@Suite struct BacktestMetricsTests {
    /// Cash 1000. Bar 1: buy 1 unit at 100 with a fee of 1 (cash 899), closes 110, 120. Bar 3:
    /// sell at 130 with a fee of 1 (cash 1028; pnl 30 − 2 = 28). Bar 4: buy 1 unit at 128 with
    /// no fee (cash 900), close 126: still open.
    static let equity = [1000.0, 1009, 1019, 1028, 1026]
    static let cash = [1000.0, 899, 899, 1028, 900]
    static let ts: [Int64] = (0..<5).map { Int64($0) * 3_600_000 }

    static func result() -> BacktestResult {
        var stats = EquityStats()
        for e in equity { stats.add(e) }
        let trades = [
            Trade(symbol: 0, direction: 1, entryBar: 1, entryTs: ts[1], entryPrice: 100, quantity: 1, entryFees: 1,
                  exitBar: 3, exitTs: ts[3], exitPrice: 130, exitFees: 1, pnl: 28, exitReason: .signal),
            Trade(symbol: 0, direction: 1, entryBar: 4, entryTs: ts[4], entryPrice: 128, quantity: 1, entryFees: 0, pnl: -2),
        ]
        return BacktestResult(timestamps: ts, equity: equity, cash: cash, trades: trades, fills: [],
                              metrics: RunMetrics(initialCash: 1000, stats: stats, periodsPerYear: 8760, entries: 2, totalFees: 2),
                              intrabar: .worstCase, fill: .nextOpen, fundingPaid: 0, borrowPaid: 0, orderUpdates: [])
    }

    @Test func mapsReturnsTradesAndExposure() throws {
        let m = try BacktestMetrics(Self.result(), periodsPerYear: 8760)
        let returns = [0, 1009.0 / 1000 - 1, 1019.0 / 1009 - 1, 1028.0 / 1019 - 1, 1026.0 / 1028 - 1]
        #expect(m.returns == returns)
        #expect(m.returnMetrics == (try ReturnMetrics(returns: returns, periodsPerYear: 8760)))
        // One closed trade: +28 net on a notional of 100; the open one does not count.
        #expect(m.trades == TradeMetrics(trades: [TradeRecord(entryTime: 3_600_000, exitTime: 10_800_000, entryPrice: 100,
                                                              exitPrice: 130, quantity: 1, pnl: 28, fees: 2, returnFraction: 0.28)]))
        #expect(m.trades.tradeCount == 1 && m.trades.winRate == 1)
        // Position weights (equity − cash) / equity: 0, 110/1009, 120/1019, 0, 126/1026.
        let w = [0, 110.0 / 1009, 120.0 / 1019, 0, 126.0 / 1026]
        #expect(BacktestMetrics.positionWeights(Self.result()) == w)
        #expect(m.exposure.exposure == 3.0 / 5)
        let changes: [Double] = [w[1], abs(w[2] - w[1]), w[2], w[4]]
        let turnover = changes.reduce(0, +) / 5
        let error: Double = abs(m.exposure.turnover - turnover)
        #expect(error < 1e-15)
    }

    @Test func windowStartsAtTheGivenBar() throws {
        let m = try BacktestMetrics(Self.result(), periodsPerYear: 8760, from: 2)
        let returns: [Double] = [1019.0 / 1009 - 1, 1028.0 / 1019 - 1, 1026.0 / 1028 - 1]
        #expect(m.returns == returns)
        // The trade closed at bar 3 (inside the window) counts.
        #expect(m.trades.tradeCount == 1)
        #expect(m.exposure.exposure == 2.0 / 3)
        #expect(BacktestMetrics.closedTrades(Self.result(), from: 4).isEmpty)
        // One bar left: no return metrics.
        #expect(throws: AnalyticsError.self) { try BacktestMetrics(Self.result(), periodsPerYear: 8760, from: 4) }
        #expect(throws: AnalyticsError.self) { try BacktestMetrics(Self.result(), periodsPerYear: 8760, from: 5) }
    }
}
