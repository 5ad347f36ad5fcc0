import Foundation
import Testing
import MarketData
import Simulation
import Strategies

/// Leverage, liquidation, funding, borrow, fees and slippage models, by hand.
@Suite struct PortfolioRiskTests {
    @Test func liquidationAtTheAdverseExtreme() throws {
        // Leverage 5, maintenance 10 %: all-in long at 100 buys 10 000 × 5 / 100 = 500 units.
        // b2's low 85: equity 10 000 + 500 × (85 − 100) = 2 500 < 10 % × 500 × 85 = 4 250 → sold at 85.
        var config = EngineConfig.plain()
        config.leverage = 5
        config.maintenanceMargin = 0.1
        let s = Script([(0, .submit(.market(.buy, .equityFraction(1))))])
        let r = try runScript(s, hourly([(100, 100, 100, 100), (100, 101, 97, 98), (98, 99, 85, 95), (95, 96, 94, 95)]), config: config)
        #expect(r.fills.count == 2)
        #expect(abs(r.fills[0].quantity - 500) < 1e-9)
        #expect(r.fills[1].price == 85 && r.fills[1].reason == .liquidation && r.fills[1].bar == 2)
        #expect(abs(r.equity[2] - 2_500) < 1e-6 && abs(r.equity[3] - 2_500) < 1e-6)
        #expect(r.trades[0].exitReason == .liquidation)
        // b1's low 97: equity 8 500 ≥ 10 % × 48 500 → no liquidation there.
        #expect(abs(r.equity[1] - 9_000) < 1e-6)                        // 10 000 + 500 × (98 − 100)
    }

    @Test func fundingIsChargedOnThePositionHeld() throws {
        // Long 2 units from b1's open; rate 0.001 at b2's open time (price 102): pays 2 × 102 × 0.001 = 0.204.
        // The rate at b0's time finds no position; the one at b3's time is −0.002 at 103: receives 0.412.
        let h: Int64 = 3_600_000
        let bars = hourly([(100, 100, 100, 100), (100, 101, 99, 101), (102, 103, 101, 102), (103, 104, 102, 104)])
        let rates = FundingRates(ts: [0, 2 * h, 3 * h], rate: [0.01, 0.001, -0.002])
        let s = Script([(0, .submit(.market(.buy, .quantity(2))))])
        let r = try EventEngine(config: .plain(), slippage: NoSlippage()).run(s, bars: bars, funding: .rates([rates]))
        #expect(abs(r.fundingPaid - (0.204 - 0.412)) < 1e-12)
        #expect(abs(r.equity[3] - (10_000 + 2 * (104 - 100) - 0.204 + 0.412)) < 1e-9)
    }

    @Test func missingFundingIsAnError() {
        let bars = hourly([(100, 100, 100, 100), (100, 101, 99, 101), (102, 103, 101, 102)])
        let engine = EventEngine(config: .plain(), slippage: NoSlippage())
        #expect(throws: SimulationError.self) { try engine.run(Script([]), bars: bars, funding: .rates([nil])) }
        #expect(throws: SimulationError.self) { try engine.run(Script([]), bars: bars, funding: .rates([FundingRates(ts: [], rate: [])])) }
        let late = FundingRates(ts: [20 * 3_600_000], rate: [0.001])
        #expect(throws: SimulationError.self) { try engine.run(Script([]), bars: bars, funding: .rates([late])) }
    }

    @Test func borrowCostOnShorts() throws {
        // Short 1 unit at 100 from b1; borrow 87.6 %/yr on 1h bars = 0.0001 per bar of the close's notional.
        var config = EngineConfig.plain()
        config.borrowRate = 0.876
        let s = Script([(0, .submit(.market(.sell, .quantity(1))))])
        let r = try runScript(s, hourly([(100, 100, 100, 100), (100, 101, 99, 100), (100, 101, 99, 90)]), config: config)
        #expect(abs(r.borrowPaid - (100 * 0.0001 + 90 * 0.0001)) < 1e-12)
        #expect(abs(r.equity[2] - (10_000 + 10 - 0.019)) < 1e-9)       // short gains 10, pays 0.019
    }

    @Test func feeModelMakerTakerFixedMinimum() {
        let fees = FeeModel(makerBps: 2, takerBps: 10, fixedPerOrder: 0.5, minimumPerOrder: 1)
        #expect(abs(fees.fee(quantity: 1, price: 100, liquidity: .taker) - 1) < 1e-15)       // 0.1 + 0.5 < 1 → 1
        #expect(abs(fees.fee(quantity: 10, price: 100, liquidity: .taker) - 1.5) < 1e-12)    // 1 + 0.5
        #expect(abs(fees.fee(quantity: 10, price: 100, liquidity: .maker) - 1) < 1e-12)      // 0.2 + 0.5 < 1 → 1
        // All-in with 1 000: (1 000 − 0.5) / (100 × 1.001) = 9.985…; fee 0.9985… + 0.5 = 1.4985… ≥ 1.
        let q = fees.maxQuantity(budget: 1_000, price: 100, liquidity: .taker)
        #expect(abs(q * 100 + fees.fee(quantity: q, price: 100, liquidity: .taker) - 1_000) < 1e-9)
    }

    @Test func slippageModels() {
        let stats = MarketStats(bars: hourly([(100, 100, 100, 100), (100, 110, 100, 110), (110, 110, 99, 99), (99, 99, 99, 99)], volume: 400), window: 2)
        // σ at bar 3: returns ln(1.1), ln(0.9); mean m; sample sd = |ln 1.1 − ln 0.9| / √2.
        let sigma = abs(log(1.1) - log(0.9)) / 2.0.squareRoot()
        #expect(abs(stats.sigma[3] - sigma) < 1e-12)
        #expect(stats.averageVolume[3] == 400)
        #expect(NoSlippage().price(100, side: .buy, quantity: 1, stats: stats, bar: 3) == 100)
        #expect(abs(FixedSlippage(bps: 10).price(100, side: .sell, quantity: 1, stats: stats, bar: 3) - 99.9) < 1e-12)
        #expect(abs(HalfSpreadSlippage(spreadBps: 10).price(100, side: .buy, quantity: 1, stats: stats, bar: 3) - 100.05) < 1e-12)
        #expect(abs(VolatilitySlippage(k: 0.5).price(100, side: .buy, quantity: 1, stats: stats, bar: 3) - 100 * (1 + 0.5 * sigma)) < 1e-12)
        // η σ √(q / v): q 100, v 400 → √0.25 = 0.5.
        #expect(abs(SquareRootImpact(eta: 1).price(100, side: .sell, quantity: 100, stats: stats, bar: 3) - 100 * (1 - sigma * 0.5)) < 1e-12)
    }

    @Test func severalSymbolsMergeOnTimeThenDataOrder() throws {
        let h: Int64 = 3_600_000
        let a = TestData.bars([(0, 10, 10, 10, 10, 1), (2 * h, 10, 10, 10, 10, 1), (3 * h, 10, 10, 10, 11, 1)])
        let b = TestData.bars([(0, 20, 20, 20, 20, 1), (h, 20, 20, 20, 20, 1), (3 * h, 20, 20, 20, 22, 1)])
        let s = Script(symbolActions: [(0, 0, .submit(OrderRequest(symbol: 0, side: .buy, size: .quantity(1)))),
                                       (0, 1, .submit(OrderRequest(symbol: 1, side: .buy, size: .quantity(1))))])
        let r = try EventEngine(config: .plain(), slippage: NoSlippage()).run(s, data: [a, b])
        #expect(s.log.seen.map(\.symbol) == [0, 1, 1, 0, 0, 1])
        #expect(s.log.seen.map(\.ts) == [0, 0, h, 2 * h, 3 * h, 3 * h])
        #expect(r.timestamps == [0, h, 2 * h, 3 * h])                   // one mark per distinct time
        // Symbol 1 fills at its b1 open 20 (t = h), symbol 0 at its b1 open 10 (t = 2h).
        #expect(r.fills.map(\.symbol) == [1, 0])
        #expect(abs(r.equity[3] - (10_000 - 30 + 11 + 22)) < 1e-9)
    }
}
