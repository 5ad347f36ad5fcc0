import MarketData
import Simulation
import Strategies
import Testing
import TestSupport

/// The event engine stepped one bar at a time (`EventStepper`) ends where the batch run over the
/// same bars ends, at every bar: the incremental run is the batch loop's body, with slippage
/// statistics grown bar by bar.
@Suite struct EventStepperTests {
    @Test(arguments: [false, true])
    func steppingEqualsTheBatchRun(_ shorts: Bool) throws {
        let bars = BTC.hourly.slice(30_000..<34_000)
        var config = EngineConfig()
        config.fees = FeeModel(makerBps: 2, takerBps: 10, fixedPerOrder: 0.5)
        config.borrowRate = 0.1
        let s = try SMACross(fast: 8, slow: 30, stopLoss: 0.02, takeProfit: 0.04, fraction: 0.9, allowShort: shorts)
        let engine = EventEngine(config: config, slippage: SquareRootImpact(eta: 0.5))
        let batch = try engine.run(s, bars: bars)
        var stepper = try EventStepper(engine: engine, strategy: s, periodsPerYear: bars.periodsPerYear, expectedBars: 1)
        for i in 0..<bars.count {
            try stepper.step(bars.bar(i))
            #expect(stepper.equity.last == batch.equity[i])
        }
        let result = try #require(stepper.result)
        #expect(result.equity == batch.equity)
        #expect(result.timestamps == batch.timestamps)
        #expect(result.fills == batch.fills)
        #expect(result.trades == batch.trades)
        #expect(result.orderUpdates == batch.orderUpdates)
        #expect(result.metrics.totalFees == batch.metrics.totalFees)
        #expect(result.borrowPaid == batch.borrowPaid)
        #expect(batch.fills.count > 20)
    }

    @Test func statisticsGrownBarByBarEqualTheBatchOnes() {
        let bars = BTC.hourly.slice(0..<500)
        let batch = MarketStats(bars: bars, window: 24)
        var grown = MarketStats(window: 24)
        bars.close.withUnsafeBufferPointer { c in
            bars.volume.withUnsafeBufferPointer { v in
                for n in 1...bars.count { grown.extend(close: c.baseAddress!, volume: v.baseAddress!, count: n) }
            }
        }
        #expect(grown.sigma == batch.sigma)
        #expect(grown.averageVolume == batch.averageVolume)
        #expect(batch.sigma[100] > 0)
    }

    @Test func barsOutOfOrderAndSubBarsAreRefused() throws {
        let bars = BTC.hourly.slice(0..<3)
        let engine = EventEngine(config: EngineConfig(), slippage: NoSlippage())
        var stepper = try EventStepper(engine: engine, strategy: BuyAndHold(), periodsPerYear: 8760)
        try stepper.step(bars.bar(1))
        #expect(throws: SimulationError.barOutOfOrder(ts: bars.ts[0], previous: bars.ts[1])) { try stepper.step(bars.bar(0)) }
        #expect(throws: SimulationError.barOutOfOrder(ts: bars.ts[1], previous: bars.ts[1])) { try stepper.step(bars.bar(1)) }
        #expect(stepper.count == 1)
        var config = EngineConfig()
        config.intrabar = .subBars
        #expect(throws: SimulationError.self) {
            _ = try EventStepper(engine: EventEngine(config: config, slippage: NoSlippage()), strategy: BuyAndHold(), periodsPerYear: 8760)
        }
    }
}
