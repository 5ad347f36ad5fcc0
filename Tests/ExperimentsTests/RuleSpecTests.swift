import Foundation
import Testing
import MarketData
@testable import Experiments
import Strategies
import TestSupport

/// `strategy.rules`, rule parameter domains and `data.columns` in a spec: decoded into a rule
/// program and imported series, every problem reported at its JSON path.
@Suite struct RuleSpecTests {
    static var base: SpecBuilder {
        SpecBuilder().with("strategy", [
            "rules": ["long_entry": "crosses_above(ema(close, fast), ema(close, slow)) and rsi(close, 14) < rsi_max",
                      "long_exit": "crosses_below(ema(close, fast), ema(close, slow))"],
            "parameters": ["fast": ["min": 5, "max": 50, "step": 1], "slow": ["min": 20, "max": 200, "step": 2],
                           "rsi_max": ["values": [60, 70, 80]]],
            "constraints": ["fast < slow"],
        ] as [String: Any])
    }

    func decode(_ b: SpecBuilder) throws -> ExperimentSpec {
        try SpecDecoder.decode(b.data, baseDirectory: Fixtures.root)
    }

    @Test func theIssueExampleDecodes() throws {
        let spec = try decode(Self.base)
        let strategy = spec.strategy
        #expect(strategy.name == "rules")
        #expect(strategy.declared.map(\.name) == ["fast", "rsi_max", "slow"])
        #expect(strategy.declared.map(\.kind) == [.int(default: 5, min: 5, max: 50), .int(default: 60, min: 60, max: 80),
                                                   .int(default: 20, min: 20, max: 200)])
        let program = try #require(strategy.rules)
        #expect(program.expressions.map(\.name) == ["long_entry", "long_exit"])
        let s = try strategy.ruleStrategy([.int(10), .int(70), .int(40)])
        #expect(s.parameterValues == [10, 70, 40])
    }

    @Test func doublesWhenAnyNumberIsFractional() throws {
        let spec = try decode(Self.base.with("strategy.parameters.rsi_max", ["min": 60, "max": 80, "step": 2.5]))
        #expect(spec.strategy.declared[1].kind == .double(default: 60, min: 60, max: 80))
    }

    @Test func ruleErrorsCarryPathColumnAndCaret() {
        let rule = "crosses_above(ema(close, fast), ema(close, slow)) and rsi(close, 14) < rsi_mx"
        #expect(Self.base.with("strategy.rules.long_entry", rule).problems() == [
            "strategy.rules.long_entry: column 72: unknown name \"rsi_mx\"; did you mean \"rsi_max\"?; expected a series (open high low close volume hl2 hlc3 ohlc4), a parameter declared in strategy.parameters, an imported column, a number, true or false\n    \(rule)\n    " + String(repeating: " ", count: 71) + "^^^^^^",
            "strategy.parameters.rsi_max: declared but not used by any rule or by the exits, sizing or risk settings; remove it or use it"])
    }

    @Test func everyRuleProblemIsListed() {
        let problems = Self.base.with("strategy.rules", ["long_entry": "close and 3 > fast + slow + rsi_max", "short_exit": "close >"]).problems()
        #expect(problems.count == 2)
        #expect(problems[0].hasPrefix("strategy.rules.long_entry: column 1: the operands of \"and\" must be conditions"))
        #expect(problems[1].hasPrefix("strategy.rules.short_exit: column 8: expected a number"))
    }

    @Test func nameAndRulesAreExclusiveAndOneIsRequired() {
        #expect(Self.base.with("strategy.name", "sma_cross").problems() == [
            "strategy.rules: not allowed together with strategy.name; a strategy is either built in or written as rules"])
        #expect(Self.base.with("strategy.rules", nil).with("strategy.parameters", nil).with("strategy.constraints", nil).problems() == [
            "strategy: expected \"name\" (a built-in strategy) or \"rules\" (entry and exit rules)"])
        #expect(Self.base.with("strategy.rules", ["long_exit": "close > 1 and fast + slow + rsi_max > 0"]).problems() == [
            "strategy.rules: at least one entry rule is needed (long_entry or short_entry)"])
        #expect(Self.base.with("strategy.rules.long_entyr", "close > 0").problems() == [
            "strategy.rules.long_entyr: unknown key; did you mean \"long_entry\"?"])
    }

    @Test func parameterDomainsAreChecked() {
        #expect(Self.base.with("strategy.parameters.fast", ["min": 50, "max": 5]).problems().count == 1)
        #expect(Self.base.with("strategy.parameters.fast", "ten").problems() == [
            "strategy.parameters.fast: expected a number, {\"min\", \"max\", \"step\"} or {\"values\": [...]}, got \"ten\""])
        // A window parameter must be an integer ≥ 1.
        let problems = Self.base.with("strategy.parameters.fast", ["min": 0, "max": 50]).problems()
        #expect(problems.count == 2 && problems[0].hasPrefix("strategy.rules.long_entry: column 26: ema parameter timeperiod must be a whole number ≥ 1")
                && problems[1].hasPrefix("strategy.rules.long_exit: column 26: ema parameter timeperiod"), "\(problems)")
        #expect(Self.base.with("strategy.constraints", ["fast < slw"]).problems() == [
            "strategy.constraints[0]: unknown parameter \"slw\" of rules; did you mean \"slow\"?"])
    }

    @Test func importedColumnsAreReadAndNamed() throws {
        let file = Fixtures.url("rules/columns.csv").path
        let spec = try decode(Self.base.with("data.columns", [["file": file, "column": "p_up", "as": "p"], ["file": file, "column": "funding"]])
            .with("strategy.rules.short_entry", "p < 0.2 and funding > 0"))
        #expect(spec.data.columns.map(\.name) == ["p", "funding"])
        #expect(spec.strategy.imported.map(\.name) == ["p", "funding"])
        #expect(spec.data.columns[0].values.count == 48)
        #expect(spec.data.columns[0].values[7].isNaN && spec.data.columns[0].values[8].isNaN && spec.data.columns[0].values[1] == 0.1429)
    }

    @Test(arguments: [
        ("unsorted.csv", ":4: timestamp:", "earlier than the row before"),
        ("duplicate.csv", ":4: timestamp:", "duplicate timestamp 1577840400000"),
        ("malformed.csv", ":3: p_up:", "a number, an empty cell or nan"),
    ])
    func badColumnFilesNameFileAndLine(_ file: String, _ line: String, _ what: String) {
        let path = Fixtures.url("rules/\(file)").path
        let problems = Self.base.with("data.columns", [["file": path, "column": "p_up"]]).problems()
        #expect(problems.count == 1)
        #expect(problems.first.map { $0.hasPrefix("data.columns[0].file: \(path)") && $0.contains(line) && $0.contains(what) } == true, "\(problems)")
    }

    @Test func missingColumnAndBadNames() {
        let file = Fixtures.url("rules/columns.csv").path
        let missing = Self.base.with("data.columns", [["file": file, "column": "p_dn"]]).problems()
        #expect(missing.count == 1 && missing[0].contains("a column named \"p_dn\""))
        #expect(Self.base.with("data.columns", [["file": file, "column": "p_up", "as": "close"]]).problems().contains {
            $0.contains("has the name of a series") })
        #expect(Self.base.with("data.columns", [["file": file, "column": "p_up", "as": "p-up"]]).problems() == [
            "data.columns[0].as: \"p-up\" cannot be named in a rule; give \"as\" a name of letters, digits and \"_\""])
    }

    @Test func noOverlapFailsTheRunNamingTheFile() throws {
        let path = Fixtures.url("rules/no_overlap.csv").path
        let spec = try decode(Self.base.with("data.columns", [["file": path, "column": "p_up"]])
            .with("strategy.rules.short_entry", "p_up > 0.5"))
        let evaluator = TrialEvaluator(spec: spec, bars: StrategyBars.hourly)
        #expect {
            try evaluator.backtest([.int(10), .int(70), .int(40)])
        } throws: { error in
            "\(error)".contains("no_overlap.csv: column p_up: no row's timestamp is the open time of a bar")
        }
    }
}

/// A slice of the bundled hourly bars.
enum StrategyBars {
    static let hourly: BarSeries = try! Fixtures.bars("btcusdt_1h.csv").slice(0..<2_000)
}
