import Foundation
import Testing
import Strategies
import Simulation
import Optimization
@testable import Experiments
import TestSupport

@Suite struct SpecDecoderTests {
    @Test func theBaseSpecDecodesWithDefaultsAndDeclarationOrder() throws {
        let spec = try SpecBuilder().decode()
        #expect(spec.name == "t")
        #expect(spec.seed == 1)
        let space = spec.strategy.space
        #expect(space.names == ["fast", "slow", "stop_loss", "take_profit", "fraction", "allow_short"])
        #expect(space.parameters[0].domain == .intRange(lower: 5, upper: 20, step: 5))
        #expect(space.parameters[1].domain == .list([.int(30), .int(50)]))
        #expect(space.parameters[2].domain == .fixed(.double(0)))
        #expect(space.parameters[5].domain == .fixed(.string("false")))
        #expect(space.freeIndices == [0, 1])
        #expect(space.constraints.map(\.text) == ["fast < slow"])
        var config = EngineConfig()
        config.initialCash = 10_000
        #expect(spec.engine == EngineSpec(kind: .vectorized, config: config, slippage: .none))
        #expect(spec.optimizer == OptimizerSpec(kind: .grid, budget: nil))
        // Relative to the spec's folder, like data.file.
        #expect(spec.output == OutputSpec(folder: Fixtures.root.appendingPathComponent("results").standardizedFileURL.path, topK: 10))
        #expect(spec.data.validation == .fail)
        // A point of the space back in the strategy's types.
        let parameters = try spec.strategy.parameterSet([.int(10), .int(30), .double(0), .double(0), .double(1), .string("true")])
        #expect(parameters.int("fast") == 10 && parameters.int("slow") == 30 && parameters.bool("allow_short"))
    }

    @Test func fullySpecifiedSectionsDecode() throws {
        let spec = try SpecBuilder()
            .with("engine", ["kind": "vectorized", "cash": 500.5,
                             "fees": ["maker_bps": 1, "taker_bps": 4.5, "fixed": 0.1, "minimum": 1],
                             "slippage": ["model": "sqrt_impact", "eta": 0.7, "window": 30],
                             "fill": "close", "intrabar": "ohlc", "leverage": 3, "maintenance_margin": 0.1,
                             "lot_size": 0.001, "min_notional": 5, "borrow_rate": 0.02] as [String: Any])
            .with("strategy.parameters.allow_short", ["choices": [true, false]])
            .with("data.start", "2020-01-02").with("data.end", "2020-01-03T06:00:00Z")
            .with("walk_forward", ["mode": "anchored", "train": "6w", "test": "2w"] as [String: Any])
            .with("optimizer", ["kind": "bayesian", "budget": 50, "batch_size": 4, "acquisition": "ucb", "kappa": 1.5,
                                "batch_strategy": "constant_liar", "output_transform": "rank", "candidates": 512,
                                "initial_points": 12] as [String: Any])
            .decode()
        var config = EngineConfig()
        config.initialCash = 500.5
        config.fees = FeeModel(makerBps: 1, takerBps: 4.5, fixedPerOrder: 0.1, minimumPerOrder: 1)
        config.statsWindow = 30
        config.fill = .close
        config.intrabar = .ohlc
        config.leverage = 3
        config.maintenanceMargin = 0.1
        config.lotSize = 0.001
        config.minNotional = 5
        config.borrowRate = 0.02
        #expect(spec.engine == EngineSpec(kind: .vectorized, config: config, slippage: .sqrtImpact(eta: 0.7)))
        #expect(spec.strategy.space.parameters[5].domain == .choice(["true", "false"]))
        // 2020-01-02 is day 18263 since the epoch: 18263 × 86 400 000 ms.
        #expect(spec.data.start == Int64(18_263) * 86_400_000)
        #expect(spec.data.end == Int64(18_264) * 86_400_000 + 6 * 3_600_000)
        #expect(spec.walkForward == WalkForwardSpec(mode: .anchored, train: .duration(milliseconds: 42 * 86_400_000),
                                                       test: .duration(milliseconds: 14 * 86_400_000)))
        #expect(spec.walkForward?.step == .duration(milliseconds: 14 * 86_400_000))
        var settings = BayesianSettings()
        settings.acquisition = .upperConfidenceBound(kappa: 1.5)
        settings.batchStrategy = .constantLiar
        settings.outputTransform = .rank
        settings.candidates = 512
        settings.initialPoints = 12
        #expect(spec.optimizer == OptimizerSpec(kind: .bayesian, budget: 50, batchSize: 4, bayesian: settings))
    }

    /// One broken field per case, with the exact line `crucible validate` prints.
    static var badSpecs: [(String, Any?, String)] { [
        ("optimizer", ["kind": "random", "budget": "ten"], #"optimizer.budget: expected a positive integer, got "ten""#),
        ("optimizer", ["kind": "random"], "optimizer.budget: missing required key (required for the random optimizer)"),
        ("optimizer", ["kind": "sobol", "budget": 0], "optimizer.budget: expected a positive integer, got 0"),
        ("optimizer", ["kind": "grid", "batch_size": 2.5], "optimizer.batch_size: expected a positive integer, got 2.5"),
        ("optimizer", ["kind": "anneal"], #"optimizer.kind: unknown value "anneal"; expected one of grid, random, sobol, bayesian"#),
        ("optimizer", ["kind": "grid", "kappa": 1], "optimizer.kappa: unknown key for the grid optimizer; expected one of kind, budget, batch_size, max_trials"),
        ("optimizer", ["kind": "bayesian", "budget": 10, "kappa": 1], #"optimizer.kappa: only used with "acquisition": "ucb""#),
        ("optimizer", ["kind": "bayesian", "budget": 10, "initial_points": 20],
         "optimizer.initial_points: must not exceed optimizer.budget (10)"),
        ("optimizer", ["kind": "bayesian", "budget": 10, "acquisiton": "ei"],
         #"optimizer.acquisiton: unknown key for the bayesian optimizer; did you mean "acquisition"?"#),
        ("seed", "1", #"seed: expected a non-negative integer, got "1""#),
        ("seed", nil, "seed: missing required key"),
        ("name", "a/b", #"name: expected a name of letters, digits, ".", "_" and "-", got "a/b""#),
        ("data.file", "datasets/nope.csv", "data.file: no such file \"\(Fixtures.root.path)/datasets/nope.csv\""),
        ("data.file", nil, #"data: expected "file" (a CSV file) or "symbols" (a query of the bar store)"#),
        ("data.symbols", ["BTCUSDT"], "data.symbols: not allowed together with data.file"),
        ("data", ["symbols": ["BTCUSDT"], "timeframe": "1h", "store": "none.sqlite"],
         "data.store: no such bar store \"\(Fixtures.root.path)/none.sqlite\""),
        ("data", ["symbols": ["BTCUSDT"]], "data.timeframe: missing required key (required with data.symbols)"),
        ("data.start", "2021-13-01", #"data.start: expected an ISO-8601 date or time such as "2021-01-01" or "2021-01-01T12:00:00Z", got "2021-13-01""#),
        ("data.validation", "strict", #"data.validation: unknown value "strict"; expected one of fail, warn, drop, fill-forward"#),
        ("data.timeframe", "1H", #"data.timeframe: unknown value "1H"; did you mean "1h"?"#),
        ("strategy.name", "smacross", #"strategy.name: unknown strategy "smacross"; did you mean "sma_cross"?"#),
        ("strategy.parameters.fastt", 3, #"strategy.parameters.fastt: unknown parameter of sma_cross; did you mean "fast"? (a parameter that is not the strategy's own must be used by strategy.exits, strategy.sizing or strategy.risk)"#),
        ("strategy.parameters.fast", 0, "strategy.parameters.fast: expected an integer in [1, 1000], got 0"),
        ("strategy.parameters.fast", ["min": 5, "max": 2000], "strategy.parameters.fast.max: expected an integer in [1, 1000], got 2000"),
        ("strategy.parameters.fast", ["min": 9, "max": 5], "strategy.parameters.fast: lower bound 9 exceeds upper bound 5"),
        ("strategy.parameters.fast", ["min": 1, "max": 5, "step": 0], "strategy.parameters.fast.step: expected a positive integer, got 0"),
        ("strategy.parameters.fast", ["min": 1, "max": 5, "stepp": 1], #"strategy.parameters.fast.stepp: unknown key; did you mean "step"?"#),
        ("strategy.parameters.fast", ["min": 1, "max": 5, "log": true, "step": 1], "strategy.parameters.fast.step: a log-scaled range takes no step"),
        ("strategy.parameters.fraction", ["min": 0.1, "max": 1, "log": true, "step": 0.1],
         "strategy.parameters.fraction: a range is either stepped or log-scale, not both"),
        ("strategy.parameters.stop_loss", ["min": 0, "max": 0.1, "log": true],
         "strategy.parameters.stop_loss: a log-scale range needs a positive lower bound, got 0.0"),
        ("strategy.parameters.stop_loss", ["min": 0, "max": 0.1],
         "strategy.parameters.stop_loss: the grid optimizer: a continuous range needs a step (or use a list)"),
        ("strategy.parameters.fast", ["choices": [5, 10]],
         #"strategy.parameters.fast: expected a fixed value, a range or {"values": [...]} for the int parameter fast, got an object"#),
        ("strategy.parameters.allow_short", ["values": [true, false]],
         #"strategy.parameters.allow_short: expected a fixed value or {"choices": [...]} for the bool parameter allow_short, got an object"#),
        ("strategy.parameters.allow_short", ["min": 0, "max": 1],
         #"strategy.parameters.allow_short: expected a fixed value or {"choices": [...]} for the bool parameter allow_short, got an object"#),
        ("strategy.parameters.allow_short", "yes", #"strategy.parameters.allow_short: expected true or false, got "yes""#),
        ("strategy.parameters.slow", ["values": [30, 30]], "strategy.parameters.slow.values[1]: 30 is listed twice"),
        ("strategy.parameters.slow", ["values": []], "strategy.parameters.slow.values: expected a non-empty array, got an array"),
        ("strategy.constraints", ["fast <"],
         #"strategy.constraints[0]: cannot parse "fast <": expected a parameter name, a number or "(" at character 7"#),
        ("strategy.constraints", ["fsat < slow"], #"strategy.constraints[0]: unknown parameter "fsat" of sma_cross; did you mean "fast"?"#),
        ("strategy.constraints", ["allow_short > 0"], #"strategy.constraints[0]: in "allow_short > 0": ">" cannot compare text with number"#),
        ("strategy.constraints", ["fast slow"], #"strategy.constraints[0]: cannot parse "fast slow": expected an operator or the end of the expression at character 6"#),
        ("engine.kind", "vectorised", #"engine.kind: unknown value "vectorised"; did you mean "vectorized"?"#),
        ("engine.cash", -5, "engine.cash: expected a number > 0, got -5"),
        ("engine.fees", ["taker_bps": -1], "engine.fees.taker_bps: expected a number ≥ 0, got -1"),
        ("engine.slippage", ["model": "fixed_bps", "bps": 1, "spread_bps": 3],
         "engine.slippage.spread_bps: unknown key for the fixed_bps model; expected one of model, bps"),
        ("engine.slippage", ["model": "volatility", "k": 1, "window": 1], "engine.slippage.window: expected an integer ≥ 2, got 1"),
        ("engine.slippage", ["model": "sqrt_impact"], "engine.slippage.eta: missing required key (required for the sqrt_impact model)"),
        ("engine.fill", "open", #"engine.fill: unknown value "open"; expected one of next_open, close"#),
        ("engine.intrabar", "best_case", #"engine.intrabar: unknown value "best_case"; did you mean "worst_case"?"#),
        ("engine.leverage", 0.5, "engine.leverage: expected a number ≥ 1, got 0.5"),
        ("engine", ["kind": "event", "cash": 1, "leverage": 2, "maintenance_margin": 0.6],
         "engine: maintenance margin 0.6 must be below the initial margin 1/leverage = 0.5"),
        ("engine.maintenence_margin", 0.5, #"engine.maintenence_margin: unknown key; did you mean "maintenance_margin"?"#),
        ("objective.metric", "sharpe", #"objective.metric: unknown value "sharpe"; expected one of cum_returns_final, annual_return, annual_volatility, sharpe_ratio, sortino_ratio, downside_risk, max_drawdown, calmar_ratio, omega_ratio, tail_ratio, value_at_risk, conditional_value_at_risk, stability_of_timeseries, trade_count, win_rate, profit_factor, expectancy, total_fees, exposure, turnover, risk_events, orders_refused, orders_clipped, risk_halts"#),
        ("objective.max_drawdown", 30, "objective.max_drawdown: expected a number in (0, 1], got 30"),
        ("walk_forward", ["mode": "rolling", "train": "1y", "test": 100],
         #"walk_forward.train: expected a positive number of bars or a duration such as "90d", "12h", "8w", got "1y""#),
        ("monte_carlo", ["methods": ["gbm", "gbm"], "paths": 10], #"monte_carlo.methods[1]: "gbm" is listed twice"#),
        ("monte_carlo", ["methods": ["garch"], "paths": 10, "ruin_threshold": 1], "monte_carlo.ruin_threshold: expected a number in (0, 1), got 1"),
        ("compare", ["against": [["name": "buy_and_hold", "parameters": ["x": 1]]], "tests": ["spa"]],
         "compare.against[0].parameters.x: unknown parameter of buy_and_hold; expected one of fraction"),
        ("compare", ["against": [["name": "sma_cross", "parameters": ["fast": 5]]], "tests": ["sap"]],
         #"compare.tests[0]: unknown value "sap"; did you mean "spa"?"#),
        ("output.top_k", -1, "output.top_k: expected a non-negative integer, got -1"),
        ("engine.max_participation", 0.1,
         #"engine.max_participation: the vectorized engine has no volume cap; use engine.kind "event" or remove max_participation"#),
        ("engine.intrabar", "sub_bars", #"engine.intrabar: "sub_bars" replays finer bars of the same symbol; give them in data.sub_bars"#),
        ("walk_forward", ["mode": "rolling", "train": 100, "test": 20, "step": 10],
         "walk_forward.step: 10 is shorter than test (20); test windows would overlap"),
        ("walk_forward", ["mode": "rolling", "train": "200000000000d", "test": "10d"],
         #"walk_forward.train: the duration "200000000000d" is too long; it must be under 292 million years (2^63 ms)"#),
        ("name", String(repeating: "n", count: 300),
         "name: the name is 300 characters long; at most 100 are allowed (it names the results folder)"),
        ("monte_carlo", ["methods": ["gbm"], "paths": 1_000_000_000] as [String: Any],
         "monte_carlo.paths: 1000000000 paths would take about 872 GiB (936 bytes each); at most 4588640 fit in the 4 GiB limit"),
        ("monte_carlo", ["methods": ["gbm"], "paths": 10, "block_length": 1_000_000_000_000_000_000] as [String: Any],
         "monte_carlo.block_length: 1000000000000000000 bars is longer than any data set (at most 6000000)"),
        ("optimizer", ["kind": "random", "budget": 20_000_000] as [String: Any],
         "optimizer.budget: 20000000 trials exceed optimizer.max_trials (10000000); raise max_trials to run them"),
        ("strategy.constraints", ["fast > slow"],
         "strategy.constraints: no point of the 8-point grid satisfies the constraints; nothing would run"),
        ("compare", ["against": [["name": "buy_and_hold"]], "tests": ["spa"], "bootstrap": 1_000_000_000_000] as [String: Any],
         "compare.bootstrap: 1000000000000 bootstrap replicates would take about 15 TiB (16 bytes each); at most 268435456 fit in the 4 GiB limit"),
        ("data.calendar", "nasdaq", #"data.calendar: unknown value "nasdaq"; expected "24/7", "weekdays" or {"periods_per_year": N}"#),
        ("data.calendar", ["periods_per_year": 0], "data.calendar.periods_per_year: expected a number in (0, 1e9], got 0"),
        ("outptu", ["top_k": 1], #"outptu: unknown key; did you mean "output"?"#),
        ("$schema", 3, "$schema: expected a string, got 3"),
    ] }

    @Test(arguments: badSpecs.indices)
    func aBadFieldIsReportedWithItsPathAndWhatWasExpected(_ index: Int) {
        let (path, value, message) = Self.badSpecs[index]
        #expect(SpecBuilder().with(path, value).problems() == [message])
    }

    @Test func everyProblemIsListedAtOnceInDocumentOrder() {
        let problems = SpecBuilder()
            .with("seed", "x")
            .with("strategy.parameters.fast", 0)
            .with("engine.cash", 0)
            .with("optimizer", ["kind": "random", "budget": "ten"])
            .with("colour", "red")
            .problems()
        #expect(problems == [
            "colour: unknown key; expected one of $schema, name, seed, data, strategy, engine, objective, optimizer, walk_forward, monte_carlo, compare, ml, output",
            #"seed: expected a non-negative integer, got "x""#,
            "strategy.parameters.fast: expected an integer in [1, 1000], got 0",
            "engine.cash: expected a number > 0, got 0",
            #"optimizer.budget: expected a positive integer, got "ten""#,
        ])
    }

    @Test func validateLinesArePrefixedByTheFileWhenSeveralSpecsAreChecked() {
        let error = SpecError([SpecProblem(path: "optimizer.budget", message: "expected a positive integer, got \"ten\""),
                               SpecProblem(path: "", message: "not valid JSON: line 1, column 1: expected a value, found end of input")])
        #expect(error.lines() == [#"optimizer.budget: expected a positive integer, got "ten""#,
                                  "spec: not valid JSON: line 1, column 1: expected a value, found end of input"])
        #expect(error.lines(file: "a.json") == [#"a.json: optimizer.budget: expected a positive integer, got "ten""#,
                                                "a.json: spec: not valid JSON: line 1, column 1: expected a value, found end of input"])
    }

    @Test func unknownKeysAreListedInSortedOrderEverywhere() {
        let problems = SpecBuilder()
            .with("engine.zeta", 1).with("engine.alpha", 1)
            .with("data.strat", "2020-01-01")
            .problems()
        #expect(problems == [
            #"data.strat: unknown key; did you mean "start"?"#,
            "engine.alpha: unknown key; expected one of kind, cash, fees, slippage, fill, intrabar, leverage, maintenance_margin, max_participation, lot_size, min_notional, borrow_rate",
            "engine.zeta: unknown key; expected one of kind, cash, fees, slippage, fill, intrabar, leverage, maintenance_margin, max_participation, lot_size, min_notional, borrow_rate",
        ])
    }

    @Test func invalidJSONIsOneProblemAtTheRoot() {
        #expect(throws: SpecError.self) { try SpecDecoder.decode(Data("{\"name\": ".utf8), baseDirectory: Fixtures.root) }
        do {
            _ = try SpecDecoder.decode(Data("[1, 2]".utf8), baseDirectory: Fixtures.root)
        } catch {
            #expect(error.problems.map(\.description) == ["spec: expected an object, got an array"])
        }
    }

    @Test func everyShippedExampleIsValid() throws {
        let folder = Fixtures.root.appendingPathComponent("experiments")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".json") && $0 != "schema.json" }.sorted()
        let kinds = try files.map { try SpecDecoder.decode(contentsOf: folder.appendingPathComponent($0)).optimizer.kind }
        #expect(Set(kinds) == Set(OptimizerKind.allCases))
    }
}
