import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// Truncating the data after bar t never changes any decision, fill or equity at or before t,
/// for every built-in strategy in both engines.
@Suite struct NoLookAheadTests {
    static let bars = BTC.hourly.slice(40_000..<43_000)
    static let cuts = [150, 901, 1_777, 2_500]

    static func strategies() throws -> [any RegisteredStrategy] {
        try StrategyRegistry.all.map { type in try type.init(parameters: type.descriptor.defaults) }
            + [try SMACross(fast: 5, slow: 21, stopLoss: 0.01, takeProfit: 0.02, allowShort: true)]
    }

    static func assertPrefix(_ full: BacktestResult, _ cut: BacktestResult, t: Int) {
        #expect(Array(full.equity[0...t]) == cut.equity)
        let before = full.fills.filter { $0.bar <= t }
        #expect(before == cut.fills)
    }

    static func eventRun<S: EventStrategy>(_ s: S, _ bars: BarSeries) throws -> BacktestResult {
        try EventEngine(config: EngineConfig(), slippage: FixedSlippage(bps: 1)).run(s, bars: bars)
    }

    static func vectorRun<S: VectorizedStrategy>(_ s: S, _ bars: BarSeries) throws -> BacktestResult {
        try VectorizedEngine(config: EngineConfig(), slippage: FixedSlippage(bps: 1)).run(s, bars: bars)
    }

    @Test func eventEngine() throws {
        for strategy in try Self.strategies() {
            let full = try Self.eventRun(strategy, Self.bars)
            for t in Self.cuts { Self.assertPrefix(full, try Self.eventRun(strategy, Self.bars.slice(0..<(t + 1))), t: t) }
        }
    }

    @Test func vectorizedEngine() throws {
        for strategy in try Self.strategies() {
            guard let v = strategy as? any VectorizedStrategy else { continue }
            let full = try Self.vectorRun(v, Self.bars)
            for t in Self.cuts { Self.assertPrefix(full, try Self.vectorRun(v, Self.bars.slice(0..<(t + 1))), t: t) }
        }
    }

    @Test func theWindowRefusesLaterBars() async {
        await #expect(processExitsWith: .failure) {
            let bars = TestData.synthetic(bars: 10, seed: 1)
            struct Peek: EventStrategy {
                mutating func onBar(_ context: inout StrategyContext) { _ = context.bars.close(context.bars.count) }
            }
            _ = try? EventEngine(config: EngineConfig(), slippage: NoSlippage()).run(Peek(), bars: bars)
        }
    }
}
