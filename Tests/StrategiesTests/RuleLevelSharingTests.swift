import Testing
import MarketData
import Simulation
@testable import Strategies

/// Exit level expressions compiled into a rule strategy's own program (as the spec decoder
/// compiles them): a subexpression the rules and the levels share is one node, computed once
/// per distinct value of the parameters it reads in a sweep, and the results are those of the
/// levels computed on their own (`Modified`'s separate cache, the path built-in strategies
/// take) and of the event engine.
@Suite struct RuleLevelSharingTests {
    static let bars = StrategyTestData.btc
    static let instrument = Instrument(base: "BTC", quote: "USDT", lotSize: 0)

    static let rules = [
        RuleExpression(name: "long_entry", text: "crosses_above(ema(close, fast), ema(close, 30)) and atr(high, low, close, n) / close > 0.003",
                       type: .bool),
        RuleExpression(name: "long_exit", text: "crosses_below(ema(close, fast), ema(close, 30))", type: .bool),
    ]
    static let levels = [
        RuleExpression(name: "stop_loss", text: "k * atr(high, low, close, n) / close", type: .number),
        RuleExpression(name: "take_profit", text: "2 * k * atr(high, low, close, n) / close", type: .number),
    ]
    static let parameters = [RuleParameter(name: "fast", isInteger: true, minimum: 5, maximum: 20),
                             RuleParameter(name: "k", isInteger: false, minimum: 0.5, maximum: 3),
                             RuleParameter(name: "n", isInteger: true, minimum: 5, maximum: 30)]
    static let joint = try! RuleProgram(expressions: rules + levels, parameters: parameters, requireAllParametersUsed: false)
    static let rulesOnly = try! RuleProgram(expressions: rules, parameters: parameters, requireAllParametersUsed: false)
    static let levelsOnly = try! RuleProgram(expressions: levels, parameters: parameters, requireAllParametersUsed: false)

    /// (fast, k, n): 3 × 2 × 3 columns.
    static let columns: [[Double]] = {
        var out: [[Double]] = []
        for fast in [5.0, 9, 14] { for k in [0.8, 1.7] { for n in [7.0, 14, 21] { out.append([fast, k, n]) } } }
        return out
    }()

    static func modified(_ values: [Double], program: RuleProgram, levels: RuleProgram) throws -> Modified<RuleStrategy> {
        var m = Modifiers()
        m.levels = try ExitLevels(program: levels, parameters: values)
        return try m.vectorized(RuleStrategy(program: program, parameters: values), instrument: instrument)
    }

    @Test func sharedSubexpressionIsOneNodeComputedOncePerDistinctValue() throws {
        let atrNodes = Self.joint.nodes.indices.filter {
            if case let .indicator(call) = Self.joint.nodes[$0].op { return call.name == "ATR" }
            return false
        }
        #expect(atrNodes.count == 1, "atr(high, low, close, n) read by a rule and both levels is one node")
        let strategies = try Self.columns.map { try Self.modified($0, program: Self.joint, levels: Self.joint) }
        #expect(strategies.allSatisfy { $0.levels == nil && $0.base.levels != nil }, "the rule strategy computes its levels itself")
        let cache = try Modified<RuleStrategy>.makeCache(Self.bars, for: strategies)
        #expect(cache.levels == nil, "no second evaluator for the levels")
        let counts = try #require(cache.base.evaluator).sharedKeyCounts
        #expect(counts[atrNodes[0]] == 3, "atr once per distinct n, for the rules and the levels together")
    }

    @Test func levelsComputedWithTheRulesGiveTheFiguresOfLevelsComputedApart() throws {
        let together = try Self.columns.map { try Self.modified($0, program: Self.joint, levels: Self.joint) }
        let apart = try Self.columns.map { try Self.modified($0, program: Self.rulesOnly, levels: Self.levelsOnly) }
        #expect(apart.allSatisfy { $0.levels != nil && $0.base.levels == nil }, "different programs: the levels run on their own")
        let engine = VectorizedEngine(config: StrategyTestData.realistic, slippage: FixedSlippage(bps: 3))
        let swept = try engine.sweep(together, bars: Self.bars, threads: 2)
        #expect(swept == (try engine.sweep(apart, bars: Self.bars, threads: 2)))
        var exits: [ExitReason: Int] = [:]
        for (values, strategy) in zip(Self.columns, together) {
            let single = try engine.run(strategy, bars: Self.bars)
            var m = Modifiers()
            m.levels = try ExitLevels(program: Self.joint, parameters: values)
            let event = try EventEngine(config: StrategyTestData.realistic, slippage: FixedSlippage(bps: 3))
                .run(m.apply(RuleStrategy(program: Self.joint, parameters: values), instruments: [Self.instrument]), bars: Self.bars)
            #expect(RuleTest.sameTrades(single, event) && RuleTest.sameEquity(single, event), "\(values): vectorized vs event")
            for t in single.trades { if let r = t.exitReason { exits[r, default: 0] += 1 } }
        }
        #expect(exits[.stopLoss, default: 0] > 10 && exits[.takeProfit, default: 0] > 10, "the levels fire: \(exits)")
    }
}
