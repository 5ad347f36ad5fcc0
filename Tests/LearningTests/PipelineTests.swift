import Foundation
import MarketData
import Testing
@testable import Learning

@Suite struct PipelineTests {
    /// The pipeline fixture's bars and features (NaN warm-up rows included).
    static func pipelineInputs() throws -> (root: [String: Any], bars: BarSeries, features: FeatureMatrix) {
        let root = try MLFixture.load("pipeline")
        let bars = try MLFixture.bars(root)
        let columns = try #require(root["features"] as? [String: Any])
        var features = FeatureMatrix(timestamps: bars.ts)
        for name in ["mom3", "vol5", "hour"] { try features.append(name: name, source: name, try MLFixture.doubles(columns[name])) }
        return (root, bars, features)
    }

    /// Golden values: Tests/Fixtures/ml/pipeline.json — labels, reference splits and
    /// scikit-learn fits chained in Python; every out-of-fold and walk-forward prediction and
    /// the final model must agree.
    @Test func logisticPipelineMatchesScikitLearnEndToEnd() throws {
        let (root, bars, features) = try Self.pipelineInputs()
        let spec = ModelSpec(kind: .logistic, params: ["l2": .number(try #require(root["l2"] as? Double))],
                             label: .forwardReturnSign(horizon: try #require(root["horizon"] as? Int)),
                             validation: .purgedKFold(folds: try #require(root["folds"] as? Int), embargo: try #require(root["embargo"] as? Int)),
                             retrain: RetrainSpec(train: try #require(root["train"] as? Int), test: try #require(root["test"] as? Int)))
        let outcome = try ModelTrainer.train(features: features, bars: bars, config: spec)
        expectAllClose(outcome.crossValidationPredictions, try MLFixture.doubles(root["cv_predictions"]), tol: 1e-6, "out-of-fold predictions")
        expectAllClose(outcome.predictions, try MLFixture.doubles(root["walk_forward_predictions"]), tol: 1e-6, "walk-forward predictions")
        guard case let .linear(model) = outcome.model else { Issue.record("final model is not linear"); return }
        expectAllClose([model.intercept] + model.weights,
                       [try #require(root["final_intercept"] as? Double)] + (try MLFixture.doubles(root["final_weights"])), tol: 1e-6, "final model")
        #expect(outcome.crossValidation.count == 4 && outcome.walkForward.count == 6)
        #expect(outcome.rowsWithoutLabel == 4, "the last horizon bars have no label")
        #expect(outcome.rowsWithMissingFeatures == 5, "the warm-up rows of vol5 are left out")
        #expect(outcome.importance == nil, "linear models have no gain importance")
        let overall = try #require(outcome.crossValidationOverall)
        #expect(overall.testRows == outcome.usableRows.count && overall.auc != nil && overall.logLoss != nil)
    }

    /// The same chain with the XGBoost Python package on triple-barrier labels, whose variable
    /// ends drive the purge.
    @Test func xgboostTripleBarrierPipelineMatchesThePythonPackage() throws {
        let (root, bars, features) = try Self.pipelineInputs()
        let x = try #require(root["xgboost"] as? [String: Any])
        let label = try #require(x["label"] as? [String: Any])
        var params: [String: ParameterValue] = ["num_round": .number(Double(try #require(x["num_round"] as? Int)))]
        for (key, value) in try #require(x["params"] as? [String: Any]) {
            if let text = value as? String { params[key] = .text(text) } else {
                params[key] = .number(try #require((value as? NSNumber)?.doubleValue))
            }
        }
        let spec = ModelSpec(kind: .xgboost, params: params,
                             label: .tripleBarrier(takeProfit: try #require(label["take_profit"] as? Double),
                                                   stopLoss: try #require(label["stop_loss"] as? Double),
                                                   maxBars: try #require(label["max_bars"] as? Int)),
                             validation: .purgedKFold(folds: try #require(root["folds"] as? Int), embargo: try #require(root["embargo"] as? Int)),
                             retrain: RetrainSpec(train: try #require(root["train"] as? Int), test: try #require(root["test"] as? Int)))
        let outcome = try ModelTrainer.train(features: features, bars: bars, config: spec, threads: 2)
        expectAllClose(outcome.crossValidationPredictions, try MLFixture.doubles(x["cv_predictions"]), tol: 1e-6, "XGBoost out-of-fold predictions")
        expectAllClose(outcome.predictions, try MLFixture.doubles(x["walk_forward_predictions"]), tol: 1e-6, "XGBoost walk-forward predictions")
        #expect(outcome.crossValidation.reduce(0) { $0 + $1.purgedRows } > 0, "the variable label ends purge some training rows")
        let i = outcome.usableRows[10]
        #expect(outcome.labelEndTime(at: i) == bars.ts[outcome.labels.end[i]] && outcome.labels.end[i] > i && outcome.labels.end[i] <= i + 8)
        #expect(outcome.labelEndTime(at: bars.count - 1) == nil, "the last bar has no label")
    }

    /// No look-ahead by truncation: the walk-forward prediction at bar t is the same whether
    /// the data ends at t or runs on, for a seeded, subsampling XGBoost model.
    @Test func walkForwardPredictionsNeverSeeLaterBars() throws {
        let (_, bars, features) = try Self.pipelineInputs()
        let spec = ModelSpec(kind: .xgboost, params: ["num_round": .number(20), "max_depth": .number(3), "subsample": .number(0.8), "seed": .number(7)],
                             label: .tripleBarrier(takeProfit: 0.01, stopLoss: 0.01, maxBars: 6),
                             retrain: RetrainSpec(train: 60, test: 25))
        let full = try ModelTrainer.train(features: features, bars: bars, config: spec)
        #expect(full.predictions.prefix(60).allSatisfy { $0.isNaN }, "nothing is predicted before the first training window closes")
        #expect(full.predictions.suffix(100).contains { !$0.isNaN })
        for t in [61, 84, 85, 130, 200, 259] {
            let cut = bars.slice(0..<(t + 1))
            var truncated = FeatureMatrix(timestamps: cut.ts)
            for j in 0..<features.columnCount {
                try truncated.append(name: features.names[j], source: features.sources[j], Array(features.column(j).prefix(t + 1)))
            }
            let short = try ModelTrainer.train(features: truncated, bars: cut, config: spec)
            #expect(short.predictions[t] == full.predictions[t] || (short.predictions[t].isNaN && full.predictions[t].isNaN),
                    "prediction at bar \(t) changes when later bars are removed")
        }
    }

    @Test func outcomeDoesNotDependOnThreadCount() throws {
        let (_, bars, features) = try Self.pipelineInputs()
        let spec = ModelSpec(kind: .xgboost, params: ["num_round": .number(15), "subsample": .number(0.7)], label: .forwardReturn(horizon: 3),
                             validation: .purgedKFold(folds: 3, embargo: 2), retrain: RetrainSpec(train: 100, test: 40, anchored: true))
        let one = try ModelTrainer.train(features: features, bars: bars, config: spec, threads: 1)
        let two = try ModelTrainer.train(features: features, bars: bars, config: spec, threads: 2)
        #expect(one.serializedModel == two.serializedModel)
        #expect(one.predictions.elementsEqual(two.predictions) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        #expect(one.crossValidation == two.crossValidation && one.walkForward == two.walkForward)
        #expect(one.crossValidation.allSatisfy { $0.informationCoefficient != nil && $0.auc == nil })
        let importance = try #require(one.importance)
        #expect(importance.map(\.feature) == ["mom3", "vol5", "hour"] && importance.contains { $0.gain > 0 })
    }

    @Test func refusesMisalignedOrInvalidInput() throws {
        let (_, bars, features) = try Self.pipelineInputs()
        let spec = ModelSpec(kind: .logistic, label: .forwardReturnSign(horizon: 4))
        #expect(throws: LearningError.self) { try ModelTrainer.train(features: features, bars: bars.slice(0..<100), config: spec) }
        #expect(throws: LearningError.self) { try ModelTrainer.train(features: FeatureMatrix(timestamps: bars.ts), bars: bars, config: spec) }
        var ridgeOnSign = spec
        ridgeOnSign.kind = .ridge
        #expect(throws: LearningError.self) { try ModelTrainer.train(features: features, bars: bars, config: ridgeOnSign) }
        var badFolds = spec
        badFolds.validation = .purgedKFold(folds: 1, embargo: 0)
        #expect(throws: LearningError.self) { try badFolds.validate() }
    }
}
