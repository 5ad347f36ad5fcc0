import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// The built-ins on the bundled data, checked against figures computed by hand from the bars.
@Suite struct BuiltInOnRealDataTests {
    @Test(arguments: ["btcusdt_1h.csv", "ethusdt_1d.csv"])
    func buyAndHoldIsOneAllInEntryAtTheSecondOpen(_ file: String) throws {
        let bars = file == "btcusdt_1h.csv" ? BTC.hourly : try Fixtures.bars(file)
        var config = EngineConfig()
        config.fees = .flat(bps: 10)
        // Entry signal at bar 0's close, filled at open[1]: qty = 10 000 / (open[1] × 1.001),
        // fee = qty × open[1] × 0.001, cash ≈ 0; equity at the end = qty × last close.
        let qty = 10_000 / (bars.open[1] * 1.001)
        let final = 10_000 - qty * bars.open[1] - qty * bars.open[1] * 0.001 + qty * bars.close[bars.count - 1]
        for result in [try EventEngine(config: config, slippage: NoSlippage()).run(BuyAndHold(), bars: bars),
                       try VectorizedEngine(config: config, slippage: NoSlippage()).run(BuyAndHold(), bars: bars)] {
            #expect(result.trades.count == 1 && result.trades[0].isOpen)
            #expect(result.trades[0].entryTs == bars.ts[1])
            #expect(abs(result.trades[0].quantity - qty) <= 1e-12 * qty)
            #expect(abs(result.metrics.finalEquity - final) <= 1e-9 * final)
            #expect(result.equity[0] == 10_000)
        }
    }

    @Test func smaCrossRunsOnEveryBundledDataset() throws {
        for file in ["btcusdt_1d.csv", "ethusdt_1h.csv", "solusdt_1d.csv"] {
            let bars = try Fixtures.bars(file)
            let s = try SMACross(fast: 10, slow: 30, stopLoss: 0.05, takeProfit: 0.1)
            let e = try EventEngine(config: EngineConfig(), slippage: NoSlippage()).run(s, bars: bars)
            let v = try VectorizedEngine(config: EngineConfig(), slippage: NoSlippage()).run(s, bars: bars)
            #expect(e.trades.count > 5, "\(file)")
            EngineParityTests.compare(v, e)
        }
    }
}
