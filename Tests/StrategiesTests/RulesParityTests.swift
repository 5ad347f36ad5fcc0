import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// 1,000 generated rule strategies: identical trades and equity on the event engine and the
/// vectorized engine, and no look-ahead (changing bars after i never changes a signal ≤ i).
@Suite struct RulesParityTests {
    static let strategies = 1_000
    static let bars = StrategyTestData.btc.slice(0..<1_200)

    static func config(_ seed: UInt64) -> EngineConfig {
        var c = StrategyTestData.realistic
        c.fill = seed % 5 == 0 ? .close : .nextOpen
        return c
    }

    static func generate(_ seed: UInt64) throws -> RuleStrategy {
        var g = RandomRules(seed: seed)
        let set = g.ruleSet()
        let program = try set.compile(parameters: RandomRules.parameters)
        let rules = seed % 3 == 0 ? VectorizedRules(fraction: 0.7, stopLoss: 0.03, takeProfit: 0.05) : VectorizedRules()
        return try RuleStrategy(program: program, parameters: g.values(), rules: rules)
    }

    /// The flags a strategy's vectorized kernel gives for every bar.
    static func flags(_ s: RuleStrategy, _ bars: BarSeries) throws -> [SignalFlags] {
        let cache = try RuleStrategy.makeCache(bars, for: [s])
        let kernel = s.kernel(cache)
        return (0..<bars.count).map { kernel.signal(at: $0) }
    }

    @Test(arguments: 0..<10)
    func bothEnginesAgree(_ block: Int) throws {
        var traded = 0
        for k in 0..<(Self.strategies / 10) {
            let seed = UInt64(block * 100 + k)
            let s = try Self.generate(seed)
            let config = Self.config(seed)
            let e = try EventEngine(config: config, slippage: FixedSlippage(bps: 2)).run(s, bars: Self.bars)
            let v = try VectorizedEngine(config: config, slippage: FixedSlippage(bps: 2)).run(s, bars: Self.bars)
            #expect(Bool(RuleTest.sameTrades(e, v)), "seed \(seed): \(e.trades.count) event trades vs \(v.trades.count) vectorized; rules \(s.program.expressions.map(\.text))")
            #expect(Bool(RuleTest.sameEquity(e, v)), "seed \(seed): equity differs")
            if e.trades.count > 0 { traded += 1 }
        }
        #expect(traded >= 50, "most generated strategies should trade (\(traded) of 100 did)")
    }

    @Test(arguments: 0..<10)
    func changingLaterBarsNeverChangesEarlierSignals(_ block: Int) throws {
        for k in 0..<(Self.strategies / 10) {
            let seed = UInt64(block * 100 + k)
            let s = try Self.generate(seed)
            let full = try Self.flags(s, Self.bars)
            var rng = SplitMix(seed: seed &+ 7)
            let cut = Int.random(in: 100..<(Self.bars.count - 100), using: &rng)
            var altered = Self.bars
            for i in (cut + 1)..<altered.count {
                let f = Double.random(in: 0.5...1.5, using: &rng)
                altered.open[i] *= f; altered.high[i] *= f * 1.01; altered.low[i] *= f * 0.99; altered.close[i] *= f
                altered.volume[i] *= Double.random(in: 0.1...10, using: &rng)
            }
            let changed = try Self.flags(s, altered)
            #expect(Array(full[...cut]) == Array(changed[...cut]), "seed \(seed): a signal at or before bar \(cut) changed")
        }
    }
}
