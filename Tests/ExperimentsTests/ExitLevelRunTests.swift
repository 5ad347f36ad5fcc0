import Foundation
import Testing
import Optimization
@testable import Experiments
import TestSupport

/// Exit levels written as expressions and parameters only the modifiers read, through the
/// runner: the vectorized sweep and the event engine give every trial the same figures, for a
/// rule strategy and for a built-in; `SpecBacktest` builds a point from `name=value` text.
@Suite struct ExitLevelRunTests {
    static var exits: [String: Any] { [
        "stop_loss": "k * atr(high, low, close, 14) / close",
        "take_profit": "2 * k * atr(high, low, close, 14) / close",
        "trailing_stop": "if(close > sma(close, 50), 0.03, 0.015)",
    ] }

    static var rules: SpecBuilder {
        SpecBuilder().with("strategy", [
            "rules": ["long_entry": "crosses_above(ema(close, fast), ema(close, slow))",
                      "short_entry": "crosses_below(ema(close, fast), ema(close, slow))"],
            "parameters": ["fast": ["values": [5, 10]], "slow": ["values": [30, 60]], "k": ["values": [1, 2.5]]],
            "exits": exits,
        ] as [String: Any]).with("data.start", "2020-09-01").with("data.end", "2021-03-01")
    }

    static var builtIn: SpecBuilder {
        SpecBuilder().with("strategy.parameters.k", ["values": [1, 2.5]]).with("strategy.exits", exits)
            .with("strategy.sizing", ["rule": "fixed_risk", "risk": "r"] as [String: Any])
            .with("strategy.parameters.r", ["values": [0.01, 0.02]])
            .with("data.start", "2020-09-01").with("data.end", "2021-03-01")
    }

    /// Every point of the spec's grid on both engines: same status and metrics.
    static func compareEngines(_ builder: SpecBuilder) throws {
        let vectorized = try builder.decode()
        let event = try builder.with("engine.kind", "event").decode()
        let data = try SpecPreflight.check(vectorized)
        let points = try GridOptimizer(space: vectorized.strategy.space).suggest(count: 1_000)
        #expect(points.count >= 8)
        let ids = Array(points.indices)
        let swept = TrialEvaluator(spec: vectorized, bars: data.bars).evaluate(points, ids: ids, seed: 1, threads: 2)
        let evented = TrialEvaluator(spec: event, bars: data.bars).evaluate(points, ids: ids, seed: 1, threads: 2)
        var traded = 0
        for (a, b) in zip(swept, evented) {
            #expect(a.record.status == .ok && b.record.status == .ok, "\(a.record.error ?? "") \(b.record.error ?? "")")
            for (name, (x, y)) in zip(TrialMetrics.names, zip(a.record.metrics, b.record.metrics)) {
                let same = x == y || (x != nil && y != nil && abs(x! - y!) <= 1e-9 * max(abs(y!), 1e-12))
                #expect(same, "\(a.record.point) \(name): vectorized \(String(describing: x)) event \(String(describing: y))")
            }
            if (a.record.metrics[TrialMetrics.names.firstIndex(of: "trade_count")!] ?? 0) > 0 { traded += 1 }
        }
        #expect(traded == points.count, "every point trades")
    }

    @Test func ruleExitExpressionsAgreeOnBothEngines() throws {
        try Self.compareEngines(Self.rules)
    }

    /// A rule strategy's exit level expressions are compiled into its rules' program, so the
    /// vectorized engine computes them in the rule strategy's own pass (`RuleStrategy.computing`).
    @Test func aRuleStrategysLevelsAreCompiledWithItsRules() throws {
        let spec = try Self.rules.decode()
        let program = try #require(spec.strategy.rules)
        #expect(spec.strategy.modifiers.levels == program)
        #expect(program.expressions.map(\.name).sorted() == ["long_entry", "short_entry", "stop_loss", "take_profit", "trailing_stop"])
    }

    @Test func builtInExitExpressionsAndModifierParametersAgreeOnBothEngines() throws {
        try Self.compareEngines(Self.builtIn)
    }

    /// Walk-forward and Monte Carlo windows (warm-up, gate, cost stress) keep the levels: both
    /// engines' window evaluators give the same trades. (Not under a signal delay: there the
    /// engines disagree whatever the exits — the event strategy decides on the position before
    /// its delayed orders fill — a gap outside the levels.)
    @Test func windowsKeepTheLevelsOnBothEngines() throws {
        let vectorized = try Self.rules.decode(), event = try Self.rules.with("engine.kind", "event").decode()
        let data = try SpecPreflight.check(vectorized)
        let window = EvaluationWindow(series: data.bars, counted: 1_500..<data.bars.count, warmup: 500)
        let point = vectorized.strategy.space.point([.int(5), .double(1), .int(30)])
        let v = try SpecWindowEvaluator.make(vectorized), e = try SpecWindowEvaluator.make(event)
        for scenario in [Scenario.baseline, Scenario(costMultiplier: 3)] {
            let a = try v.evaluate(point, on: window, scenario: scenario), b = try e.evaluate(point, on: window, scenario: scenario)
            #expect(a.trades.count == b.trades.count && a.trades.count > 10, "\(scenario): \(a.trades.count) vs \(b.trades.count)")
            for (x, y) in zip(a.trades, b.trades) {
                #expect(x.entryTs == y.entryTs && x.exitTs == y.exitTs && x.exitReason == y.exitReason, "\(scenario): \(x) vs \(y)")
            }
            #expect(abs(a.metrics.finalEquity - b.metrics.finalEquity) <= 1e-9 * b.metrics.finalEquity, "\(scenario)")
            #expect(a.trades.contains { $0.exitReason == .stopLoss || $0.exitReason == .takeProfit }, "\(scenario)")
        }
    }

    @Test func theLevelsChangeTheTrades() throws {
        // k moves the stops: the two values of k give different results at the same fast/slow.
        let spec = try Self.rules.decode()
        let data = try SpecPreflight.check(spec)
        let evaluator = TrialEvaluator(spec: spec, bars: data.bars)
        let narrow = try evaluator.backtest([.int(5), .double(1), .int(30)])
        let wide = try evaluator.backtest([.int(5), .double(2.5), .int(30)])
        #expect(narrow.trades.contains { $0.exitReason == .stopLoss || $0.exitReason == .trailingStop })
        #expect(narrow.trades.contains { $0.exitReason == .takeProfit })
        #expect(narrow.metrics.finalEquity != wide.metrics.finalEquity)
    }

    @Test func aPointFromTextNamesWhatIsMissingOrWrong() throws {
        let spec = try Self.rules.decode()
        #expect(spec.strategy.space.names == ["fast", "k", "slow"])
        #expect(try SpecBacktest.point(spec, [("slow", "60"), ("fast", "7"), ("k", "2")]) == [.int(7), .double(2), .int(60)])
        func problems(_ pairs: [(name: String, value: String)]) -> [String] {
            do { _ = try SpecBacktest.point(spec, pairs); return [] } catch { return error.problems.map(\.description) }
        }
        #expect(problems([("fast", "7")]) == ["--param: the spec searches k, slow; give --param k=VALUE --param slow=VALUE"])
        #expect(problems([("fast", "7.5"), ("k", "x"), ("slow", "60"), ("kk", "1")]) == [
            "--param kk: not a parameter of the spec's strategy; its parameters are fast, k, slow",
            "--param fast: expected an integer, got \"7.5\"",
            "--param k: expected a finite number, got \"x\""])
        // Off the grid is fine; the constraints must hold.
        let constrained = try SpecBuilder().decode()
        #expect(Array(try SpecBacktest.point(constrained, [("fast", "12"), ("slow", "30")]).prefix(2)) == [.int(12), .int(30)])
        #expect(throws: SpecError([SpecProblem(path: "--param", message: "the point breaks the spec's constraints: fast < slow")])) {
            try SpecBacktest.point(constrained, [("fast", "40"), ("slow", "30")])
        }
    }
}
