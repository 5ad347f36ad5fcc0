import Testing
@testable import Experiments
import Optimization
import Strategies

/// The spec's `exits`, `sizing` and `risk` blocks: decoded to modifier settings, numbers checked
/// against the modifier parameters, parameter names resolved per trial, problems at their paths.
@Suite struct ModifierDecodingTests {
    /// sma_cross searching its own stop_loss, with the issue's blocks.
    static var base: SpecBuilder {
        SpecBuilder()
        .with("strategy.parameters.stop_loss", ["min": 0.01, "max": 0.05, "step": 0.01])
        .with("strategy.exits", ["stop_loss": "stop_loss", "take_profit": "3 * atr(high, low, close, 14) / close",
                                 "trailing_stop": 0.05, "max_bars": 240] as [String: Any])
        .with("strategy.sizing", ["rule": "fixed_fraction", "fraction": 0.5] as [String: Any])
        .with("strategy.risk", ["max_drawdown": 0.3, "daily_loss": 0.05, "max_leverage": 1, "max_position": 0.5] as [String: Any])
    }

    @Test func theIssuesBlocksDecode() throws {
        let m = try Self.base.decode().strategy.modifiers
        #expect(m.settings.map(\.name) == ["stop_loss", "trailing_stop", "take_profit", "max_bars", "sizing", "size_fraction",
                                           "max_position", "max_leverage", "max_drawdown", "daily_loss"])
        #expect(m.settings[0].value == .parameter("stop_loss") && m.settings[0].path == "strategy.exits.stop_loss")
        #expect(m.parameters == ["stop_loss"])
        #expect(m.expressions.map(\.name) == ["take_profit"] && m.expressions[0].text == "3 * atr(high, low, close, 14) / close")
        // One trial: stop_loss = 0.02 from the space; the expression is a column, not a number.
        let text = try m.text { $0 == "stop_loss" ? 0.02 : nil }
        #expect(text.map { "\($0.0)=\($0.1)" } == ["stop_loss=0.02", "trailing_stop=0.05", "max_bars=240", "sizing=fixed_fraction",
                                                    "size_fraction=0.5", "max_position=0.5", "max_leverage=1.0", "max_drawdown=0.3",
                                                    "daily_loss=0.05"])
        let values = ["fast": 10.0, "slow": 30, "stop_loss": 0.02]
        let modifiers = try m.modifiers(periodsPerYear: 8_760) { values[$0] }
        #expect(modifiers.exits == ExitRules(stopLoss: 0.02, trailing: 0.05, maxBars: 240))
        // The take-profit expression is compiled into the trial's exit levels.
        #expect(m.levels?.expressions.map(\.name) == ["take_profit"])
        #expect(modifiers.levels?.program == m.levels && modifiers.levels?.parameterValues == [10, 30, 0.02])
        #expect(modifiers.limits == RiskLimits(maxPositionFraction: 0.5, maxLeverage: 1, maxDrawdown: 0.3, maxDailyLoss: 0.05))
        #expect(modifiers.sizing == .fixedFraction(FixedFractionSizer(fraction: 0.5)))
    }

    @Test func noBlocksNoSettings() throws {
        #expect(try SpecBuilder().decode().strategy.modifiers.isEmpty)
    }

    nonisolated(unsafe) static let broken: [(String, Any, String)] = [
        ("strategy.exits.trailing", 0.05 as Any, "strategy.exits.trailing: unknown key; expected one of stop_loss, atr_stop, atr_period, trailing_stop, take_profit, max_bars"),
        ("strategy.exits.stop_loss", 1.5 as Any, "strategy.exits.stop_loss: expected a number in [0.0, 0.99] or a parameter name, got 1.5"),
        ("strategy.exits.max_bars", 2.5 as Any, "strategy.exits.max_bars: expected an integer in [0, 1000000] or a parameter name, got 2.5"),
        ("strategy.risk.max_drawdown", "dd" as Any, "strategy.risk.max_drawdown: \"dd\" is neither a number nor a parameter in strategy.parameters; expected one of fast, slow, stop_loss"),
        ("strategy.risk.daily_los", 0.1 as Any, "strategy.risk.daily_los: unknown key; did you mean \"daily_loss\"?"),
        ("strategy.sizing", ["fraction": 0.5] as Any, "strategy.sizing.rule: missing required key"),
        ("strategy.sizing", ["rule": "kely"] as Any, "strategy.sizing.rule: unknown sizing rule \"kely\"; did you mean \"kelly\"?"),
        ("strategy.sizing", ["rule": "kelly", "fraction": 0.5] as Any, "strategy.sizing.fraction: unknown key for the kelly rule"),
        ("strategy.sizing", ["rule": "kelly", "window": 5, "min_trades": 10] as Any,
         "strategy: sizing: kelly_min_trades 10 exceeds kelly_window 5"),
        ("strategy.risk", ["halt_bars": 10] as Any, "strategy.risk: halt_bars applies with max_drawdown"),
        ("strategy.exits", ["atr_period": 10] as Any, "strategy.exits: atr_period applies with atr_stop"),
        // A block put at the top level is pointed to where it belongs.
        ("exits", ["stop_loss": 0.02] as Any, "exits: unknown key; it belongs in strategy.exits"),
        ("risk", ["daily_loss": 0.05] as Any, "risk: unknown key; it belongs in strategy.risk"),
        ("fees", ["taker_bps": 5] as Any, "fees: unknown key; it belongs in engine.fees"),
    ]

    /// Every key the top level redirects is a key of the object it names.
    @Test func misplacedKeysNameARealHome() {
        let shapes = ["strategy": SpecVocabulary.strategy, "data": SpecVocabulary.data, "engine": SpecVocabulary.engine,
                      "objective": SpecVocabulary.objective, "optimizer": SpecVocabulary.optimizer(.random), "output": SpecVocabulary.output]
        for (key, owner) in SpecVocabulary.spec.belongsIn.sorted(by: { $0.key < $1.key }) {
            #expect(shapes[owner]?.keys.contains(key) == true, "\(key) → \(owner)")
        }
    }

    @Test func problemsNameThePath() {
        for (path, value, problem) in Self.broken {
            let problems = Self.base.with(path, value).problems()
            #expect(problems.count == 1 && problems.first?.hasPrefix(problem) == true, "\(path): \(problems)")
        }
    }

    @Test func aParameterNameResolvesInEveryTrial() throws {
        let spec = try SpecBuilder()
            .with("strategy.parameters.take_profit", ["values": [0.02, 0.04]])
            .with("strategy.sizing", ["rule": "fixed_risk", "risk": 0.01, "stop": "take_profit"] as [String: Any])
            .decode()
        let m = spec.strategy.modifiers
        #expect(m.parameters == ["take_profit"])
        for tp in [0.02, 0.04] {
            let modifiers = try m.modifiers(periodsPerYear: 8_760) { $0 == "take_profit" ? tp : nil }
            #expect(modifiers.stopFraction == tp)
        }
        #expect(throws: StrategyError.self) { try m.modifiers(periodsPerYear: 8_760) { _ in nil } }
    }
}

/// Exit levels written as expressions and parameters only the modifiers read: decoded, checked
/// with the rule language's errors at the setting's path, searched like any parameter.
@Suite struct ModifierParameterDecodingTests {
    @Test func aBuiltInSearchesAParameterOnlyItsExitsRead() throws {
        let spec = try SpecBuilder()
            .with("strategy.parameters.sl", ["values": [0.01, 0.02]])
            .with("strategy.exits", ["stop_loss": "sl"])
            .decode()
        let strategy = spec.strategy
        #expect(strategy.space.names.suffix(1) == ["sl"])
        #expect(strategy.modifierParameters == ["sl"])
        #expect(strategy.modifiers.parameters == ["sl"])
        let values = strategy.space.parameters.map { p -> Optimization.ParameterValue in
            switch p.domain {
            case let .fixed(v): return v
            case let .list(items): return items[1]
            case let .intRange(lower, _, _, _): return .int(lower)
            default: return .int(0)
            }
        }
        // sma_cross gets its own parameters only; the modifiers get sl = 0.02.
        #expect(try strategy.parameterSet(values).specs.map(\.name) == SMACross.descriptor.parameters.map(\.name))
        #expect(try strategy.pointParameters(values).specs.map(\.name) == SMACross.descriptor.parameters.map(\.name) + ["sl"])
        let modifiers = try #require(try PointModifiers.of(spec, values, periodsPerYear: 8_760))
        #expect(modifiers.exits.stopLoss == 0.02)
    }

    @Test func aParameterNothingReadsIsAnError() {
        #expect(SpecBuilder().with("strategy.parameters.sl", ["values": [0.01, 0.02]]).problems() == [
            "strategy.parameters.sl: unknown parameter of sma_cross; did you mean \"slow\"? (a parameter that is not the strategy's own "
                + "must be used by strategy.exits, strategy.sizing or strategy.risk)"])
        // A rule strategy's parameter read only by the exits or the sizing counts as used.
        let rules = RuleSpecTests.base.with("strategy.rules.long_entry", "crosses_above(ema(close, fast), ema(close, slow))")
        #expect(rules.problems() == [
            "strategy.parameters.rsi_max: declared but not used by any rule or by the exits, sizing or risk settings; remove it or use it"])
        #expect(rules.with("strategy.sizing", ["rule": "fixed_cash", "cash": "rsi_max"] as [String: Any]).problems() == [])
        #expect(rules.with("strategy.exits", ["take_profit": "rsi_max / 1000 * atr(high, low, close, 14) / close"]).problems() == [])
    }

    @Test func expressionErrorsNameTheSettingAndTheColumn() {
        let text = "3 * atrr(high, low, close, 14) / close"
        let problems = SpecBuilder().with("strategy.exits", ["take_profit": text]).problems()
        #expect(problems.count == 1)
        let lines = problems.first?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("strategy.exits.take_profit: column 5: ") == true, "\(lines)")
        #expect(Array(lines.dropFirst()) == ["    " + text, "        ^^^^"])
        // A bool is not a level; a name nothing declares is an error with a suggestion.
        let bool = SpecBuilder().with("strategy.exits", ["stop_loss": "close > open"]).problems()
        #expect(bool.count == 1 && bool[0].hasPrefix("strategy.exits.stop_loss: column 1: "), "\(bool)")
        let unknown = SpecBuilder().with("strategy.exits", ["trailing_stop": "fsat * 0.001"]).problems()
        #expect(unknown.count == 1 && unknown[0].hasPrefix("strategy.exits.trailing_stop: column 1: unknown name \"fsat\"; did you mean \"fast\"?"),
                "\(unknown)")
    }

    @Test func expressionsReadTheSpacesParameters() throws {
        let spec = try SpecBuilder()
            .with("strategy.parameters.k", ["values": [1, 3]])
            .with("strategy.exits", ["take_profit": "k * atr(high, low, close, fast) / close"])
            .decode()
        let program = try #require(spec.strategy.modifiers.levels)
        #expect(program.expressions.map(\.name) == ["take_profit"])
        #expect(Set(program.usedParameters) == ["k", "fast"])
        #expect(spec.strategy.modifierParameters == ["k"])
    }
}

extension ModifierParameterDecodingTests {
    @Test func aParametersValuesMustFitTheSettingItNames() {
        #expect(SpecBuilder().with("strategy.parameters.sl", ["values": [0.5, 1.5]]).with("strategy.exits", ["stop_loss": "sl"]).problems() == [
            "strategy.exits.stop_loss: the parameter sl takes values in [0.5, 1.5]; stop_loss takes values in [0.0, 0.99]"])
        #expect(SpecBuilder().with("strategy.parameters.hold", ["values": [2.5, 10]]).with("strategy.exits", ["max_bars": "hold"]).problems() == [
            "strategy.exits.max_bars: the parameter hold takes values in [2.5, 10.0] that are not all integers; max_bars takes integers in [0, 1000000]"])
    }
}

extension ModifierParameterDecodingTests {
    @Test func aMisspelledSwitchIsStillAnUnknownParameter() {
        #expect(SpecBuilder().with("strategy.parameters.allow_shortt", true).problems() == [
            "strategy.parameters.allow_shortt: unknown parameter of sma_cross; did you mean \"allow_short\"?"])
    }
}
