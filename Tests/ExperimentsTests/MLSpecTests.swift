import Foundation
import Learning
import MarketData
import Strategies
import Testing
@testable import Experiments
import TestSupport

/// The `ml` section: decoding with problems at their JSON paths, the refusal of in-sample
/// predictions, and the `model("name")` column the runner attaches, checked against
/// `ModelTrainer` run directly on a feature matrix computed here from the definitions.
@Suite struct MLSpecTests {
    /// A small spec: two plainly defined features, a 20-round XGBoost model, purged 3-fold CV,
    /// walk-forward retraining every 10 days on 60 days, a rule strategy on `model("up")`.
    static var spec: SpecBuilder {
        SpecBuilder()
            .with("data", ["file": Fixtures.dataset("btcusdt_1h.csv").path, "start": "2024-01-01", "end": "2024-05-01"] as [String: Any])
            .with("ml", ["models": ["up": [
                "features": ["ret24": "close / prev(close, 24) - 1", "hour": "hour()"],
                "label": ["kind": "forward_return_sign", "horizon": 24] as [String: Any],
                "model": ["kind": "xgboost", "params": ["max_depth": 3, "eta": 0.1, "num_round": 20, "seed": 7] as [String: Any]] as [String: Any],
                "validation": ["kind": "purged_kfold", "folds": 3, "embargo": 24] as [String: Any],
                "retrain": ["train": "60d", "test": "10d"],
            ] as [String: Any]]])
            .with("strategy", [
                "rules": ["long_entry": "model(\"up\") > threshold", "long_exit": "model(\"up\") < 0.5"],
                "parameters": ["threshold": ["values": [0.55, 0.6]]],
            ] as [String: Any])
    }

    @Test func theExampleSpecDecodes() throws {
        let spec = try SpecDecoder.decode(contentsOf: Fixtures.root.appendingPathComponent("experiments/ml_xgboost_up.json"))
        let model = try #require(spec.ml?.model(named: "up"))
        #expect(model.featureNames == ["hour", "ret24", "rsi14", "vol48"])
        #expect(model.features.expressions.map(\.text) == ["hour()", "close / prev(close, 24) - 1", "rsi(close, 14)",
                                                           "stdev(close / prev(close, 1) - 1, 48)"])
        #expect(model.label == .forwardReturnSign(horizon: 24))
        #expect(model.validation == .purgedKFold(folds: 5, embargo: 24))
        #expect(model.kind == .xgboost)
        #expect(model.params["max_depth"] == .number(4) && model.params["eta"] == .number(0.05))
        #expect(model.retrain == MLModelSpec.Retrain(train: .duration(milliseconds: 90 * 86_400_000), test: .duration(milliseconds: 30 * 86_400_000)))
        #expect(try model.modelSpec(timeframe: .h1).retrain == RetrainSpec(train: 90 * 24, test: 30 * 24))
        #expect(spec.strategy.rules?.usedColumns == [RuleProgram.modelColumn("up")])
        #expect(Self.spec.problems() == [])
    }

    /// (edit, the one problem's path, a phrase of its message).
    static var badEdits: [(path: String, value: Any?, problemPath: String, phrase: String)] { [
        ("ml.models.up.label.horizon", 0, "ml.models.up.label.horizon", "whole number of bars"),
        ("ml.models.up.label.kind", "next_close", "ml.models.up.label.kind", "unknown value \"next_close\""),
        ("ml.models.up.features.ret24", "close / prev(close, -24) - 1", "ml.models.up.features.ret24", "would read the future"),
        ("ml.models.up.features.ret24", "close > open", "ml.models.up.features.ret24", "expected a number"),
        ("ml.models.up.features.ret24", "funding", "ml.models.up.features.ret24", "unknown name \"funding\""),
        ("ml.models.up.model.kind", "forest", "ml.models.up.model.kind", "unknown value \"forest\""),
        ("ml.models.up.model.kind", "logistic", "ml.models.up.model.params.eta", "an unknown parameter"),
        ("ml.models.up.model.kind", "ridge", "ml.models.up.model.kind", "for a classification label"),
        ("ml.models.up.validation.folds", 1, "ml.models.up.validation.folds", "an integer in 2...1000"),
        ("ml.models.up.validation.kind", "kfold", "ml.models.up.validation.kind", "unknown value \"kfold\""),
        ("ml.models.up.retrain.train", "60x", "ml.models.up.retrain.train", "a duration"),
        ("ml.models.up.retrain.anchored", "yes", "ml.models.up.retrain.anchored", "true or false"),
        ("ml.models.up.colour", "red", "ml.models.up.colour", "unknown key"),
        ("ml.models.up.features", [String: Any](), "ml.models.up.features", "at least one feature"),
        ("ml.models.up.label", nil, "ml.models.up.label", "missing required key"),
        ("strategy.rules.long_entry", "model(\"down\") > threshold", "strategy.rules.long_entry", "unknown model \"down\"; the models are up"),
        ("strategy.rules.long_entry", "model(up) > threshold", "strategy.rules.long_entry", "in double quotes"),
        ("strategy.rules.long_exit", "model(\"up) < 0.5", "strategy.rules.long_exit", "unterminated quoted name"),
        ("strategy.rules.long_entry", "\"up\" > threshold", "strategy.rules.long_entry", "only the argument of model"),
    ] }

    @Test(arguments: 0..<19)
    func aBadSettingIsReportedAtItsPath(_ k: Int) {
        let edit = Self.badEdits[k]
        let problems = Self.spec.with(edit.path, edit.value).problems()
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.hasPrefix(edit.problemPath + ": ") == true, "\(problems)")
        #expect(problems.first?.contains(edit.phrase) == true, "\(problems)")
    }

    @Test func aStrategyReadingAModelWithoutRetrainIsRefused() {
        let problems = Self.spec.with("ml.models.up.retrain", nil).problems()
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("ml.models.up.retrain: missing: the strategy reads model(\"up\")") == true, "\(problems)")
        #expect(problems.first?.contains("in sample") == true)
        // Without a strategy reading it, a model without retrain is fine (crucible ml train scores it).
        let unread = Self.spec.with("ml.models.up.retrain", nil)
            .with("strategy.rules", ["long_entry": "close > sma(close, 24) + threshold"])
        #expect(unread.problems() == [])
    }

    @Test func retrainLongerThanTheDataIsAPreflightProblemAtItsPath() throws {
        let spec = try Self.spec.with("ml.models.up.retrain.train", "400d").decode()
        do {
            _ = try SpecPreflight.check(spec)
            Issue.record("a 400-day training window on 121 days of data was accepted")
        } catch {
            #expect(error.problems.map(\.path) == ["ml.models.up.retrain.train"])
        }
    }

    /// XGBoost takes any name; a misspelt one is caught when XGBoost reports it as not used.
    @Test func aMisspeltXGBoostParameterFailsTheTrainingAtItsPath() throws {
        let spec = try Self.spec.with("ml.models.up.model.params.max_depht", 3).decode()
        let bars = try ExperimentData.load(spec.data).bars
        do {
            _ = try ModelColumns.attach(spec, bars: bars, threads: 2)
            Issue.record("max_depht was accepted")
        } catch {
            guard case let .invalid(problems) = error else { Issue.record("\(error)"); return }
            #expect(problems.problems.map(\.path) == ["ml.models.up.model.params.max_depht"])
            #expect(problems.description.contains("not used"))
        }
    }

    /// The column `model("up")` reads is exactly `ModelTrainer.train`'s walk-forward
    /// predictions on features computed here from their definitions.
    @Test func thePredictionsColumnEqualsADirectTrainerRun() throws {
        let spec = try Self.spec.decode()
        let bars = try ExperimentData.load(spec.data).bars
        let attached = try ModelColumns.attach(spec, bars: bars, threads: 2)
        #expect(attached.strategy.imported.map(\.name) == [RuleProgram.modelColumn("up")])
        let column = try #require(attached.strategy.imported.first)
        #expect(column.timestamps == bars.ts)

        let n = bars.count
        let hour = bars.ts.map { Double(($0 / 3_600_000) % 24) }
        var ret24 = [Double](repeating: .nan, count: n)
        for i in 24..<n { ret24[i] = bars.close[i] / bars.close[i - 24] - 1 }
        let features = try FeatureMatrix(bars: bars, columns: [("hour", hour), ("ret24", ret24)])
        let config = ModelSpec(kind: .xgboost, params: ["max_depth": .number(3), "eta": .number(0.1), "num_round": .number(20), "seed": .number(7)],
                               label: .forwardReturnSign(horizon: 24), validation: .purgedKFold(folds: 3, embargo: 24),
                               retrain: RetrainSpec(train: 60 * 24, test: 10 * 24))
        let direct = try ModelTrainer.train(features: features, bars: bars, config: config, threads: 1)
        #expect(column.values.count == n)
        let same = zip(column.values, direct.predictions).allSatisfy { (a: Double, b: Double) -> Bool in
            a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
        }
        #expect(same)
        // Nothing before the first window: every value there would be in sample.
        let beforeFirstWindow = column.values.prefix(60 * 24).allSatisfy { (v: Double) -> Bool in v.isNaN }
        let afterwards = column.values.dropFirst(60 * 24).contains { (v: Double) -> Bool in !v.isNaN }
        #expect(beforeFirstWindow && afterwards)
    }

    /// Truncate and compare: the prediction at bar t is the same when the data ends at t, so
    /// no prediction a rule reads depends on a later bar.
    @Test func aPredictionDoesNotChangeWhenTheDataEndsAtItsBar() throws {
        let spec = try Self.spec.decode()
        let bars = try ExperimentData.load(spec.data).bars
        let full = try ModelColumns.attach(spec, bars: bars, threads: 2).strategy.imported[0].values
        for cut in [1_500, 2_000, 2_500] {
            let head = bars.slice(0..<(cut + 1))
            #expect(head.count == cut + 1)
            let truncated = try ModelColumns.attach(spec, bars: head, threads: 2).strategy.imported[0].values
            let same = zip(truncated, full.prefix(cut + 1)).allSatisfy { (a: Double, b: Double) -> Bool in
                a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)
            }
            #expect(same, "cut at bar \(cut)")
            #expect(!truncated[cut].isNaN)
        }
    }

    @Test func aRunTradesOnThePredictionsTheSameOnOneAndTwoThreads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlspec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec.with("output", ["folder": folder.path]).decode()
        var ranked: [String] = []
        for threads in [1, 2] {
            let outcome = try ExperimentRunner.run(spec: spec, specText: "{}",
                                                   options: RunOptions(threads: threads, out: folder.appendingPathComponent("t\(threads)").path))
            #expect(outcome.completed && outcome.trials == 2)
            ranked.append(try String(contentsOf: outcome.folder.url.appendingPathComponent("ranked.csv"), encoding: .utf8))
        }
        #expect(ranked[0].split(separator: "\n").count == 3)
        #expect(ranked[0] == ranked[1])
        // The run records the model's scores and the very predictions its rules read.
        let ml = folder.appendingPathComponent("t1/ml/up")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: ml.path)) == ["cv.json", "predictions.csv", "importance.csv"])
        let bars = try ExperimentData.load(spec.data).bars
        let column = try ModelColumns.attach(spec, bars: bars, threads: 1).strategy.imported[0]
        let rows = try String(contentsOf: ml.appendingPathComponent("predictions.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
        let expected = zip(column.timestamps, column.values).filter { !$0.1.isNaN }.map { "\($0.0),\($0.1)" }
        #expect(rows.map(String.init) == expected)
    }

    /// `experiments/ml_xgboost_up.json` runs as shipped: search, walk-forward and Monte Carlo.
    @Test func theShippedExampleRuns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlspec-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = Fixtures.root.appendingPathComponent("experiments/ml_xgboost_up.json")
        let (spec, text) = try SpecDecoder.load(contentsOf: url)
        let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path))
        #expect(outcome.completed && outcome.trials == 8)
        let summary = try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent("summary.json")))
        guard case let .object(members) = summary else { Issue.record("summary.json is not an object"); return }
        #expect(members["monte_carlo"] != nil)
        let text2 = String(decoding: try Data(contentsOf: folder.appendingPathComponent("summary.json")), as: UTF8.self)
        #expect(text2.contains("walk_forward_folds"))
    }
}
