import Foundation
import MarketData
import Optimization
import Simulation
import Strategies
import Testing
@testable import Experiments
import TestSupport

/// `model("name")` in exit level expressions (`"take_profit": "model(\"up\") / 20"`): decoded
/// for rule and built-in strategies, refused without walk-forward retraining, trained once and
/// attached as the levels' column, and traded on both engines, in walk-forward and Monte Carlo
/// windows. The reference is plain: the take-profit of each trade, from `predictions.csv` and
/// the bars, is the first bar whose high reaches entry × (1 + prediction at the signal bar / 20).
@Suite struct ModelExitLevelTests {
    static let takeProfit = "model(\"up\") / 20"

    /// MLSpecTests' model, a rule strategy entering on it and taking profit at a level it sets.
    static var rules: SpecBuilder {
        MLSpecTests.spec
            .with("strategy.rules", ["long_entry": "model(\"up\") > threshold", "long_exit": "model(\"up\") < 0.45"])
            .with("strategy.parameters", ["threshold": ["values": [0.55]]])
            .with("strategy.exits", ["take_profit": takeProfit])
    }

    /// A built-in whose only use of the model is its take-profit level.
    static var builtIn: SpecBuilder {
        MLSpecTests.spec
            .with("strategy", ["name": "sma_cross", "parameters": ["fast": 10, "slow": 50], "exits": ["take_profit": takeProfit]] as [String: Any])
    }

    @Test func exitExpressionsReadModelsInRuleAndBuiltInStrategies() throws {
        for builder in [Self.rules, Self.builtIn] {
            let spec = try builder.decode()
            #expect(spec.strategy.modifiers.levels?.usedColumns == [RuleProgram.modelColumn("up")])
            #expect(ModelColumns.modelsRead(by: spec).map(\.name) == ["up"])
        }
        // The built-in's rules read nothing: the model is trained for its exits alone.
        #expect(try Self.builtIn.decode().strategy.rules == nil)
    }

    @Test func anExitReadingAModelWithoutRetrainIsRefused() {
        let problems = Self.builtIn.with("ml.models.up.retrain", nil).problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("ml.models.up.retrain: missing: the strategy reads model(\"up\")") == true, "\(problems)")
    }

    @Test func anUnknownModelInAnExitIsReportedAtItsPath() {
        let problems = Self.builtIn.with("strategy.exits.take_profit", "model(\"down\") / 20").problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix("strategy.exits.take_profit: ") == true, "\(problems)")
        #expect(problems.first?.contains("unknown model \"down\"; the models are up") == true, "\(problems)")
    }

    /// The predictions `crucible run` writes, by timestamp.
    static func predictions(_ builder: SpecBuilder) throws -> [Int64: Double] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlexit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try builder.with("output", ["folder": folder.path]).decode()
        let outcome = try ExperimentRunner.run(spec: spec, specText: "{}", options: RunOptions(threads: 2, out: folder.path))
        #expect(outcome.completed)
        let text = try String(contentsOf: folder.appendingPathComponent("ml/up/predictions.csv"), encoding: .utf8)
        var table: [Int64: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            table[Int64(fields[0])!] = Double(fields[1])!
        }
        #expect(table.count > 1_000)
        return table
    }

    /// Every trade against the reference: a take-profit exit is at the first bar from the entry
    /// whose high (a short's low) reaches the level, at the level (or the open when it gaps past
    /// it); any other exit comes before the level was reached; an entry decided where the model
    /// has no prediction has no take-profit. Returns the number of take-profit exits.
    static func checkTakeProfits(_ trades: [Simulation.Trade], bars: BarSeries, predictions: [Int64: Double]) -> Int {
        var hits = 0
        for t in trades {
            guard let exitBar = t.exitBar, let exitPrice = t.exitPrice else { continue }
            guard let p = predictions[bars.ts[t.entryBar - 1]] else {
                #expect(t.exitReason != .takeProfit, "\(t): a take-profit without a prediction at its signal bar")
                continue
            }
            let long = t.direction > 0
            let level = t.entryPrice * (1 + t.direction * p / 20)
            let first: Int? = (t.entryBar..<bars.count).first { (j: Int) -> Bool in long ? bars.high[j] >= level : bars.low[j] <= level }
            if t.exitReason == .takeProfit {
                hits += 1
                #expect(exitBar == first, "\(t): level \(level) first reached at \(String(describing: first))")
                let expected: Double = long ? Swift.max(bars.open[exitBar], level) : Swift.min(bars.open[exitBar], level)
                let gap: Double = Swift.abs(exitPrice - expected)
                #expect(gap <= 1e-9 * expected, "\(t): exit \(exitPrice), level \(level)")
            } else {
                #expect(first.map { (j: Int) -> Bool in j >= exitBar } ?? true, "\(t): level \(level) reached at \(String(describing: first)) before the exit")
            }
        }
        return hits
    }

    @Test func takeProfitsFromAModelEqualThePlainReferenceOnBothEngines() throws {
        let predictions = try Self.predictions(Self.rules)
        for builder in [Self.rules, Self.builtIn] {
            var trades: [[Simulation.Trade]] = []
            for kind in ["vectorized", "event"] {
                let spec = try builder.with("engine.kind", kind).decode()
                let data = try SpecPreflight.check(spec)
                let point = try SpecBacktest.point(spec, spec.strategy.space.names == ["threshold"] ? [("threshold", "0.55")] : [])
                let result = try SpecBacktest.run(spec, data: data, values: point, threads: 2)
                let hits = Self.checkTakeProfits(result.trades, bars: data.bars, predictions: predictions)
                let count: Int = result.trades.count
                #expect(hits >= 5, "\(kind): \(hits) take-profits of \(count) trades")
                #expect(hits < count, "\(kind): \(hits) take-profits of \(count) trades")
                trades.append(result.trades)
            }
            #expect(trades[0].count == trades[1].count)
            for (a, b) in zip(trades[0], trades[1]) {
                #expect(a.entryTs == b.entryTs && a.exitTs == b.exitTs && a.exitReason == b.exitReason, "\(a) vs \(b)")
            }
        }
    }

    /// The walk-forward and Monte Carlo evaluators keep the model's levels (a window with a
    /// warm-up, cost stress), with the same trades on both engines, against the same reference.
    @Test func windowsKeepTheModelLevelsOnBothEngines() throws {
        let predictions = try Self.predictions(Self.rules)
        let vectorized = try Self.rules.decode()
        let data = try SpecPreflight.check(vectorized)
        let attachedV = try ModelColumns.attach(vectorized, bars: data.bars, threads: 2)
        let attachedE = try ModelColumns.attach(try Self.rules.with("engine.kind", "event").decode(), bars: data.bars, threads: 2)
        #expect(attachedV.strategy.modifiers.levelColumns.map(\.name) == [RuleProgram.modelColumn("up")])
        let window = EvaluationWindow(series: data.bars, counted: 1_800..<data.bars.count, warmup: 300)
        let point = vectorized.strategy.space.point([.double(0.55)])
        let v = try SpecWindowEvaluator.make(attachedV), e = try SpecWindowEvaluator.make(attachedE)
        for scenario in [Scenario.baseline, Scenario(costMultiplier: 3)] {
            let a = try v.evaluate(point, on: window, scenario: scenario), b = try e.evaluate(point, on: window, scenario: scenario)
            #expect(a.trades.count == b.trades.count, "\(scenario): \(a.trades.count) vs \(b.trades.count)")
            for (x, y) in zip(a.trades, b.trades) {
                #expect(x.entryTs == y.entryTs && x.exitTs == y.exitTs && x.exitReason == y.exitReason, "\(scenario): \(x) vs \(y)")
            }
            // The window's trades, on the full series' bar numbers, against the reference.
            let shifted = a.trades.map { t -> Simulation.Trade in
                var t = t
                t.entryBar = data.bars.ts.firstIndex(of: t.entryTs)!
                t.exitBar = t.exitTs.flatMap { data.bars.ts.firstIndex(of: $0) }
                return t
            }
            #expect(Self.checkTakeProfits(shifted, bars: data.bars, predictions: predictions) >= 2, "\(scenario)")
        }
    }

    /// The whole run: search, walk-forward and Monte Carlo stages with the model's exit levels.
    @Test func aRunWithModelExitsCompletesItsStages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlexit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.builtIn
            .with("walk_forward", ["mode": "rolling", "train": "20d", "test": "10d"])
            .with("monte_carlo", ["methods": ["block_bootstrap", "cost_stress"], "paths": 20, "block_length": 48, "cost_multiplier": 3] as [String: Any])
            .with("output", ["folder": folder.path]).decode()
        let run = try ExperimentRunner.run(spec: spec, specText: "{}", options: RunOptions(threads: 2, out: folder.path))
        #expect(run.completed)
        let store = try ResultsStore(path: run.folder.storePath)
        let folds = try store.folds(runID: run.runID)
        let trades = TrialMetrics.names.firstIndex(of: "trade_count")!
        #expect(folds.count >= 5)
        #expect(folds.reduce(0) { $0 + ($1.outOfSample[trades] ?? 0) } > 0, "the folds' test windows trade")
        let paths = try store.monteCarlo(runID: run.runID)
        #expect(Set(paths.map(\.method)) == [.blockBootstrap, .costStress])
        #expect(paths.allSatisfy { $0.paths == 20 })
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("ml/up/predictions.csv").path))
    }
}
