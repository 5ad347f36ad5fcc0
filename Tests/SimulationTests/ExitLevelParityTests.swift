import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// Exit levels written as expressions (`ExitLevels`, a spec's `"take_profit": "3 * atr(...) /
/// close"`) mean the same on both engines: the event engine evaluates them bar by bar inside
/// `ProtectiveExits`, the vectorized engine as columns in `Modified`'s kernel. Random
/// expressions on the modifier parity cases give identical fills, trades, events and equity; a
/// sweep over the expressions' parameter gives each column's single-run figures; cutting the
/// bars changes nothing before the cut; and one case is checked against a reference written
/// from the definition.
@Suite struct ExitLevelParityTests {
    /// A random level expression reading the parameter `p`, and the exits it is used for.
    static func levels(_ seed: UInt64) throws -> (program: RuleProgram, p: Double) {
        var rng = SplitMix64(seed: seed &* 7_919)
        let n = Int.random(in: 2...40, using: &rng)
        let templates = [
            "p * atr(high, low, close, \(n)) / close",
            "p * stdev(close, \(n)) / close",
            "if(close > sma(close, \(n)), p / 100, p / 50)",
            "(highest(high, \(n)) - lowest(low, \(n))) / close * p / 4",
            "p * (high - low) / close",
            "p * atr(high, low, close, \(n)) / close - 0.004",
        ]
        var names: [String] = []
        if Bool.random(using: &rng) { names.append("stop_loss") }
        if Bool.random(using: &rng) { names.append("take_profit") }
        if Double.random(in: 0..<1, using: &rng) < 0.35 || names.isEmpty { names.append("trailing_stop") }
        let expressions = names.map { RuleExpression(name: $0, text: templates.randomElement(using: &rng)!, type: .number) }
        let program = try RuleProgram(expressions: expressions, parameters: [RuleParameter(name: "p", isInteger: false, minimum: 0.5, maximum: 4)])
        return (program, Double.random(in: 0.5...4, using: &rng))
    }

    /// A modifier parity case with expression levels in place of the numbers of the same exits.
    static func generate(_ seed: UInt64) throws -> (ModifierParityTests.Case, RuleProgram, Double) {
        var c = ModifierParityTests.generate(seed)
        c.columns = ExitColumns()
        let (program, p) = try levels(seed)
        let taken = Set(program.expressions.map(\.name))
        c.text.removeAll { taken.contains($0.0) }
        return (c, program, p)
    }

    static func run(_ c: ModifierParityTests.Case, _ program: RuleProgram, _ p: Double, bars: BarSeries) throws
        -> (event: BacktestResult, vectorized: BacktestResult, strategy: Modified<PrecomputedSignals>) {
        var modifiers = try Modifiers(text: c.text, periodsPerYear: bars.periodsPerYear)
        modifiers.levels = try ExitLevels(program: program, parameters: [p])
        let signals = TestData.signals(count: bars.count, seed: c.seed &* 31, every: 12, shorts: c.shorts)
        let inner = PrecomputedSignals(signals: signals, rules: VectorizedRules(fraction: c.fraction))
        let slip = FixedSlippage(bps: c.slippageBps)
        let e = try EventEngine(config: c.config, slippage: slip).run(modifiers.apply(inner, instruments: [c.instrument]), bars: bars)
        let strategy = try modifiers.vectorized(inner, instrument: c.instrument)
        let v = try VectorizedEngine(config: c.config, slippage: slip).run(strategy, bars: bars)
        return (e, v, strategy)
    }

    static let seeds: [UInt64] = Array(2_001...2_300)

    @Test func randomExpressionLevelsAgreeOnBothEngines() throws {
        var reasons: [ExitReason: Int] = [:]
        var failures = 0
        var traded = 0
        for seed in Self.seeds {
            let (c, program, p) = try Self.generate(seed)
            let bars = BTC.hourly.slice(c.slice)
            let (e, v, _) = try Self.run(c, program, p, bars: bars)
            let label = "\(c) levels \(program.expressions.map { "\($0.name)=\($0.text)" }) p=\(p)"
            if let d = ModifierParityTests.firstDifference(e, v) {
                Issue.record("\(label): \(d)")
                failures += 1
                if failures >= 4 { return }
                continue
            }
            ModifierParityTests.compare(e, v, label)
            ModifierParityTests.checkIdentity(v, bars, label)
            if !v.trades.isEmpty { traded += 1 }
            for t in v.trades { if let r = t.exitReason { reasons[r, default: 0] += 1 } }
        }
        #expect(traded > Self.seeds.count * 3 / 4, "most cases trade (\(traded))")
        // The expressions' exits really fire.
        for r: ExitReason in [.stopLoss, .trailingStop, .takeProfit] { #expect(reasons[r, default: 0] > 50, "\(r): \(reasons)") }
    }

    /// A sweep over `p` (shared subexpressions computed once per distinct value) gives every
    /// column its single run's figures.
    @Test func aSweepOverTheLevelParameterGivesEachColumnsFigures() throws {
        for seed in Self.seeds.prefix(40) {
            let (c, program, _) = try Self.generate(seed)
            let bars = BTC.hourly.slice(c.slice)
            let ps = [0.6, 1.3, 2.2, 3.9, 1.3]
            let singles = try ps.map { try Self.run(c, program, $0, bars: bars) }
            let swept = try VectorizedEngine(config: c.config, slippage: FixedSlippage(bps: c.slippageBps))
                .sweep(singles.map(\.strategy), bars: bars, threads: 2)
            for (m, single) in zip(swept, singles) {
                let v = single.vectorized.metrics
                #expect(m.finalEquity == v.finalEquity && m.entries == v.entries && m.risk == v.risk && m.totalFees == v.totalFees,
                        "seed \(seed): sweep vs single")
                #expect(m.finalEquity == single.event.metrics.finalEquity || abs(m.finalEquity - single.event.metrics.finalEquity)
                        <= 1e-9 * abs(m.finalEquity), "seed \(seed): sweep vs event")
            }
        }
    }

    /// Cutting the bars at `cut` changes no fill, event or equity before it on either engine.
    @Test func expressionLevelsNeverLookAhead() throws {
        for seed in Self.seeds.prefix(60) {
            let (c, program, p) = try Self.generate(seed)
            let bars = BTC.hourly.slice(c.slice)
            let cut = bars.count / 2
            let full = try Self.run(c, program, p, bars: bars)
            let short = try Self.run(c, program, p, bars: bars.slice(0..<cut))
            for (a, b) in [(full.event, short.event), (full.vectorized, short.vectorized)] {
                #expect(a.fills.filter { $0.bar < cut } == b.fills, "seed \(seed)")
                #expect(a.riskEvents.filter { $0.bar < cut } == b.riskEvents, "seed \(seed)")
                #expect(Array(a.equity.prefix(cut)) == b.equity, "seed \(seed)")
            }
        }
    }

    /// One trade list from the definition: long entries at the next open, a stop at
    /// P × (1 − s[i]) and a take-profit at P × (1 + t[i]) with s and t the expressions' values at
    /// the signal bar i, live from the fill bar; a gap through a level fills at the open; both
    /// touched in one bar: the stop (worst case). No fees, no other exits.
    @Test func aReferenceTradeListFromTheDefinition() throws {
        let bars = BTC.hourly.slice(30_000..<32_000)
        let n = bars.count
        // Expressions: s = 0.5 × (high − low) / close + 0.002, t = k × (high − low) / close.
        let k = 1.7
        let s = (0..<n).map { 0.5 * (bars.high[$0] - bars.low[$0]) / bars.close[$0] + 0.002 }
        let t = (0..<n).map { k * (bars.high[$0] - bars.low[$0]) / bars.close[$0] }
        let program = try RuleProgram(expressions: [
            RuleExpression(name: "stop_loss", text: "0.5 * (high - low) / close + 0.002", type: .number),
            RuleExpression(name: "take_profit", text: "k * (high - low) / close", type: .number),
        ], parameters: [RuleParameter(name: "k", isInteger: false, minimum: 0, maximum: 10)])
        var signals = [SignalFlags](repeating: [], count: n)
        for i in stride(from: 5, to: n, by: 37) { signals[i] = .entryLong }

        // The reference.
        struct Expected: Equatable { var entryBar: Int, entryPrice: Double, exitBar: Int?, exitPrice: Double?, reason: ExitReason? }
        var expected: [Expected] = []
        var open: (bar: Int, price: Double, stop: Double, take: Double)?
        var pendingSignal: Int?
        for j in 0..<n {
            if let i = pendingSignal {
                let p = bars.open[j]
                open = (j, p, p * (1 - s[i]), p * (1 + t[i]))
                pendingSignal = nil
            }
            if let o = open {
                let hitStop = bars.low[j] <= o.stop, hitTake = bars.high[j] >= o.take
                if hitStop || hitTake {
                    let price: Double, reason: ExitReason
                    if hitStop {
                        price = j > o.bar ? min(bars.open[j], o.stop) : o.stop
                        reason = .stopLoss
                    } else {
                        price = j > o.bar ? max(bars.open[j], o.take) : o.take
                        reason = .takeProfit
                    }
                    expected.append(Expected(entryBar: o.bar, entryPrice: o.price, exitBar: j, exitPrice: price, reason: reason))
                    open = nil
                }
            }
            if open == nil, signals[j].contains(.entryLong), j + 1 < n { pendingSignal = j }
        }
        if let o = open { expected.append(Expected(entryBar: o.bar, entryPrice: o.price, exitBar: nil, exitPrice: nil, reason: nil)) }
        #expect(expected.count > 20)
        #expect(expected.contains { $0.reason == .stopLoss } && expected.contains { $0.reason == .takeProfit })

        var config = EngineConfig()
        config.fees = FeeModel(makerBps: 0, takerBps: 0)
        var modifiers = Modifiers()
        modifiers.levels = try ExitLevels(program: program, parameters: [k])
        let inner = PrecomputedSignals(signals: signals, rules: VectorizedRules(fraction: 1))
        let instrument = bars.instrument
        let e = try EventEngine(config: config, slippage: NoSlippage()).run(modifiers.apply(inner, instruments: [instrument]), bars: bars)
        let v = try VectorizedEngine(config: config, slippage: NoSlippage()).run(modifiers.vectorized(inner, instrument: instrument), bars: bars)
        for result in [e, v] {
            let got = result.trades.map {
                Expected(entryBar: $0.entryBar, entryPrice: $0.entryPrice, exitBar: $0.exitBar, exitPrice: $0.exitPrice, reason: $0.exitReason)
            }
            #expect(got.count == expected.count)
            for (a, b) in zip(got, expected) {
                #expect(a.entryBar == b.entryBar && a.exitBar == b.exitBar && a.reason == b.reason, "\(a) vs \(b)")
                #expect(abs(a.entryPrice - b.entryPrice) <= 1e-12 * b.entryPrice)
                #expect(abs((a.exitPrice ?? 0) - (b.exitPrice ?? 0)) <= 1e-9 * b.entryPrice, "\(a) vs \(b)")
            }
        }
    }
}
