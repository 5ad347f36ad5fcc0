import Testing
import MarketData
import Simulation
@testable import Strategies

/// Sweeps of rule strategies: each subexpression computed once per distinct value of the
/// parameters it depends on, and every column's result the same as its own run.
@Suite struct RulesSweepTests {
    static let bars = StrategyTestData.btc

    static let program = try! RuleSet(
        longEntry: "crosses_above(ema(close, fast), ema(close, slow)) and rsi(close, 14) < rsi_max",
        longExit: "crosses_below(ema(close, fast), ema(close, slow))"
    ).compile(parameters: [RuleParameter(name: "fast", isInteger: true, minimum: 5, maximum: 10),
                           RuleParameter(name: "rsi_max", isInteger: true, minimum: 60, maximum: 70),
                           RuleParameter(name: "slow", isInteger: true, minimum: 20, maximum: 25)])

    static var columns: [[Double]] {
        var out: [[Double]] = []
        for fast in 5...10 { for slow in 20...25 { for rsiMax in [60.0, 70] { out.append([Double(fast), rsiMax, Double(slow)]) } } }
        return out
    }

    /// The node of the indicator call `name` whose parameter is `parameter` (or a literal).
    static func indicatorNode(_ name: String, _ parameter: RuleScalar) -> Int {
        program.nodes.firstIndex { node in
            if case let .indicator(call) = node.op { return call.name == name && call.parameters.first == parameter }
            return false
        }!
    }

    @Test func eachSubexpressionOncePerDistinctParameterValue() throws {
        let evaluator = try RuleColumns(program: Self.program, bars: Self.bars, imported: [], columns: Self.columns,
                                        roots: Self.program.roots)
        let counts = evaluator.sharedKeyCounts
        #expect(counts[Self.indicatorNode("EMA", .parameter(0))] == 6, "ema(close, fast): once per fast")
        #expect(counts[Self.indicatorNode("EMA", .parameter(2))] == 6, "ema(close, slow): once per slow")
        #expect(counts[Self.indicatorNode("RSI", .literal(14))] == 1, "rsi(close, 14): once for the sweep")
        let cross = Self.program.nodes.firstIndex { if case .cross(above: true, _, _) = $0.op { return true } else { return false } }!
        #expect(counts[cross] == 36, "the cross depends on (fast, slow): 36 pairs shared by the two rsi_max values")
        #expect(counts[Self.program.roots[0]] == 0, "the entry depends on every parameter: computed per column, not stored")
    }

    @Test func sweepMatchesSeparateRuns() throws {
        var config = StrategyTestData.realistic
        config.fill = .nextOpen
        let engine = VectorizedEngine(config: config, slippage: FixedSlippage(bps: 3))
        let strategies = try Self.columns.map { try RuleStrategy(program: Self.program, parameters: $0) }
        let swept = try engine.sweep(strategies, bars: Self.bars, threads: 2)
        let single = try strategies.map { try engine.run($0, bars: Self.bars).metrics }
        #expect(swept == single)
        #expect(Set(swept.map(\.entries)).count > 3, "the columns should differ")
    }

    @Test func ruleGridMatchesTheBuiltInGrid() throws {
        let engine = VectorizedEngine(config: StrategyTestData.realistic, slippage: NoSlippage())
        let program = try RuleSet(longEntry: "crosses_above(sma(close, fast), sma(close, slow))",
                                  longExit: "crosses_below(sma(close, fast), sma(close, slow))").compile(parameters: RuleTest.parameters(["fast", "slow"]))
        var pairs: [(Int, Int)] = []
        for fast in stride(from: 5, through: 50, by: 5) { for slow in stride(from: 20, through: 200, by: 20) where fast < slow { pairs.append((fast, slow)) } }
        let rules = try engine.sweep(pairs.map { try RuleStrategy(program: program, parameters: [Double($0.0), Double($0.1)]) }, bars: Self.bars)
        let builtIn = try engine.sweep(pairs.map { try SMACross(fast: $0.0, slow: $0.1) }, bars: Self.bars)
        #expect(rules == builtIn)
    }
}
