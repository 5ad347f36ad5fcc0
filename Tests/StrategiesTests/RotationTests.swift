import Testing
import MarketData
import Simulation
import Strategies

/// Cross-sectional rotation on three aligned daily datasets (BTC, ETH, SOL; 500 days).
@Suite struct RotationTests {
    let data = StrategyTestData.daily

    @Test func buysTheTopRankedByLookbackReturn() throws {
        let (lookback, rebalance, top) = (20, 5, 1)
        let s = try Rotation(lookback: lookback, rebalance: rebalance, top: top, absolute: true, fraction: 0.95)
        let r = try StrategyTestData.event(s, data, StrategyTestData.realistic)
        let buys = r.fills.filter { $0.side == .buy }
        #expect(buys.count > 3)
        for fill in buys {
            // Decided at the close of the previous bar: recompute every symbol's return there from the raw closes.
            let d = fill.bar - 1
            let returns = data.map { $0.close[d] / $0.close[d - lookback] - 1 }
            let best = returns.indices.max { returns[$0] < returns[$1] }!
            #expect(fill.symbol == best && returns[best] > 0, "bar \(fill.bar)")
            // Rebalances happen on decisions 1, 1 + rebalance, …; the first decision is at bar 0.
            #expect(d % rebalance == 0)
        }
        // One holding at a time: never two symbols open together.
        var open = [Double](repeating: 0, count: data.count)
        for f in r.fills {
            open[f.symbol] += f.side.sign * f.quantity
            #expect(open.filter { abs($0) > 1e-12 }.count <= top)
        }
    }

    @Test func noLookAheadAndDeterministic() throws {
        let make = { try Rotation(lookback: 30, rebalance: 7, top: 2) }
        let full = try StrategyTestData.event(make(), data, StrategyTestData.realistic)
        let again = try StrategyTestData.event(make(), data, StrategyTestData.realistic)
        #expect(full.fills == again.fills && full.equity == again.equity)
        let cut = 300
        let truncated = try StrategyTestData.event(make(), data.map { $0.slice(0..<cut) }, StrategyTestData.realistic)
        #expect(full.fills.filter { $0.bar < cut } == truncated.fills)
        #expect(Array(full.equity[0..<cut]) == truncated.equity)
        #expect(!full.fills.isEmpty)
    }

    @Test func runsFromTheRegistryWithDefaults() throws {
        let s = try StrategyRegistry.make("rotation")
        #expect(type(of: s).descriptor.symbols == .multi)
        let r = try Self.run(s, data)
        #expect(r.trades.count > 0)
    }

    static func run<S: EventStrategy>(_ s: S, _ data: [BarSeries]) throws -> BacktestResult {
        try StrategyTestData.event(s, data, StrategyTestData.realistic)
    }
}
