import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// On every bar of every run: cash + Σ position value = equity; fees paid = Σ fill fees;
/// realized + unrealized pnl = equity − initial cash (funding and borrow included).
@Suite struct AccountingIdentityTests {
    static func check(_ r: BacktestResult, bars: BarSeries, initialCash: Double) {
        #expect(r.equity.count == bars.count)
        var position = 0.0
        var fillIndex = 0
        var feesSoFar = 0.0
        var realized = 0.0
        var tradeIndex = 0
        let closed = r.trades.filter { !$0.isOpen }
        var worstCash = 0.0, worstPnl = 0.0
        for i in 0..<bars.count {
            while fillIndex < r.fills.count && r.fills[fillIndex].bar == i {
                let f = r.fills[fillIndex]
                position += f.side.sign * f.quantity
                feesSoFar += f.fee
                fillIndex += 1
            }
            while tradeIndex < closed.count && closed[tradeIndex].exitBar! <= i {
                realized += closed[tradeIndex].pnl
                tradeIndex += 1
            }
            let scale = max(abs(r.equity[i]), 1)
            worstCash = max(worstCash, abs(r.cash[i] + position * bars.close[i] - r.equity[i]) / scale)
            // The open trade's pnl at this close: price move since entry minus its entry fee.
            var unrealized = 0.0
            if position != 0, let open = r.trades.first(where: { $0.entryBar <= i && ($0.exitBar ?? Int.max) > i }) {
                unrealized = position * (bars.close[i] - open.entryPrice) - open.entryFees
            }
            worstPnl = max(worstPnl, abs(realized + unrealized - (r.equity[i] - initialCash)) / scale)
        }
        #expect(fillIndex == r.fills.count)
        #expect(worstCash <= 1e-9, "cash + positions vs equity: \(worstCash)")
        #expect(worstPnl <= 1e-9, "realized + unrealized vs equity − initial cash: \(worstPnl)")
        #expect(abs(feesSoFar - r.metrics.totalFees) <= 1e-9 * max(feesSoFar, 1))
        #expect(abs(r.trades.reduce(0) { $0 + $1.fees } - r.metrics.totalFees) <= 1e-9 * max(feesSoFar, 1))
    }

    @Test(arguments: [false, true])
    func smaCrossWithBracketsBothEngines(_ shorts: Bool) throws {
        let bars = BTC.hourly.slice(30_000..<36_000)
        var config = EngineConfig()
        config.fees = FeeModel(makerBps: 2, takerBps: 10, fixedPerOrder: 0.5)
        let s = try SMACross(fast: 8, slow: 30, stopLoss: 0.02, takeProfit: 0.04, fraction: 0.9, allowShort: shorts)
        let e = try EventEngine(config: config, slippage: FixedSlippage(bps: 4)).run(s, bars: bars)
        Self.check(e, bars: bars, initialCash: config.initialCash)
        let v = try VectorizedEngine(config: config, slippage: FixedSlippage(bps: 4)).run(s, bars: bars)
        Self.check(v, bars: bars, initialCash: config.initialCash)
    }

    @Test func randomSignalsOnSyntheticDataWithImpactSlippage() throws {
        let bars = TestData.synthetic(bars: 2_000, seed: 77)
        let s = PrecomputedSignals(signals: TestData.signals(count: bars.count, seed: 78, shorts: true), rules: VectorizedRules(fraction: 0.7))
        let e = try EventEngine(config: EngineConfig(), slippage: SquareRootImpact(eta: 0.5)).run(s, bars: bars)
        #expect(e.fills.count > 50)
        Self.check(e, bars: bars, initialCash: 10_000)
    }

    @Test func fundingAndBorrowCloseTheBooks() throws {
        let bars = TestData.synthetic(bars: 600, seed: 5)
        var config = EngineConfig()
        config.leverage = 3
        config.borrowRate = 0.2
        let times = stride(from: Int64(0), through: bars.ts.last! + 3_600_000, by: 8 * 3_600_000).map { $0 }
        let rates = FundingRates(ts: times, rate: times.indices.map { $0 % 3 == 0 ? -0.0002 : 0.0005 })
        let s = PrecomputedSignals(signals: TestData.signals(count: bars.count, seed: 6, shorts: true), rules: VectorizedRules(fraction: 1))
        let r = try EventEngine(config: config, slippage: NoSlippage()).run(s, bars: bars, funding: .rates([rates]))
        #expect(r.fundingPaid != 0 && r.borrowPaid > 0, "\(r.fills.count) fills, funding \(r.fundingPaid), borrow \(r.borrowPaid), \(r.orderUpdates.prefix(5))")
        let pnl = r.trades.reduce(0) { $0 + $1.pnl }
        let last = r.equity.last!
        #expect(abs(pnl - r.fundingPaid - r.borrowPaid - (last - config.initialCash)) <= 1e-9 * last)
        var position = 0.0
        for f in r.fills { position += f.side.sign * f.quantity }
        #expect(abs(r.cash.last! + position * bars.close.last! - last) <= 1e-9 * last)
    }
}
