import Foundation
import Testing
@testable import Learning

/// Golden values: Tests/Fixtures/ml/xgboost.json — the XGBoost 1.7.4 Python package (its own
/// bundled library) trained on the same float32 data with the same parameters.
@Suite struct XGBoostTests {
    static func params(_ c: [String: Any]) throws -> [String: ParameterValue] {
        var params: [String: ParameterValue] = ["num_round": .number(Double(try #require(c["num_round"] as? Int)))]
        for (key, value) in try #require(c["params"] as? [String: Any]) {
            if let s = value as? String { params[key] = .text(s) } else { params[key] = .number(try #require((value as? NSNumber)?.doubleValue)) }
        }
        return params
    }

    @Test func predictionsAndImportanceMatchThePythonPackage() throws {
        let root = try MLFixture.load("xgboost")
        let names = try #require(root["feature_names"] as? [String])
        let x = try MLFixture.matrix(root["X"]), xTest = try MLFixture.matrix(root["X_test"])
        let features = try MLFixture.features(x, names: names), testFeatures = try MLFixture.features(xTest, names: names)
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 3)
        for (k, c) in cases.enumerated() {
            let task = try #require(Task(rawValue: c["task"] as? String ?? ""))
            let y = try MLFixture.doubles(root[task == .classification ? "y_class" : "y_reg"])
            let model = try TrainedModel.fit(try ModelParameters(kind: .xgboost, params: try Self.params(c), task: task),
                                             features: features, rows: Array(0..<x.rows), targets: y)
            let label = "case \(k) (\(task.rawValue))"
            expectAllClose(try model.predict(features: testFeatures, rows: Array(0..<xTest.rows)),
                           try MLFixture.doubles(c["test_predictions"]), tol: 1e-6, "\(label) test predictions")
            expectAllClose(try model.predict(features: features, rows: Array(0..<x.rows)),
                           try MLFixture.doubles(c["train_predictions"]), tol: 1e-6, "\(label) train predictions")
            let importance = try #require(try model.importance(names: names))
            #expect(importance.map(\.feature) == names)
            for (field, values) in [("gain", importance.map(\.gain)), ("total_gain", importance.map(\.totalGain)), ("weight", importance.map(\.splits))] {
                let expected = try MLFixture.doubles(c[field])
                for (a, e) in zip(values, expected) {
                    #expect(abs(a - e) <= 1e-4 * max(1, abs(e)), "\(label) \(field): got \(a), expected \(e)")
                }
            }
        }
    }

    @Test func serializedModelPredictsIdenticallyAndTrainingIsDeterministic() throws {
        let root = try MLFixture.load("xgboost")
        let x = try MLFixture.matrix(root["X"])
        let features = try MLFixture.features(x)
        let y = try MLFixture.doubles(root["y_class"])
        let parameters = try ModelParameters(kind: .xgboost, params: ["num_round": .number(30), "subsample": .number(0.7), "seed": .number(5)], task: .classification)
        let rows = Array(0..<x.rows)
        let a = try TrainedModel.fit(parameters, features: features, rows: rows, targets: y)
        let b = try TrainedModel.fit(parameters, features: features, rows: rows, targets: y)
        let bytes = try a.serialized()
        #expect(bytes == (try b.serialized()), "same data, parameters and seed give the same model bytes")
        let restored = try TrainedModel.load(kind: .xgboost, bytes: bytes)
        #expect(try restored.predict(features: features, rows: rows) == (try a.predict(features: features, rows: rows)))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{") && text.contains("\"learner\""), "XGBoost's JSON model format")
    }

    @Test func parametersAreCheckedAndPassedThroughByName() throws {
        let defaults = try XGBoostParameters([:], task: .regression)
        #expect(defaults.rounds == 10)
        #expect(defaults.booster.map(\.name) == ["nthread", "objective", "seed", "tree_method", "validate_parameters"])
        #expect(defaults.booster.map(\.value) == ["1", "reg:squarederror", "0", "hist", "1"])
        let given = try XGBoostParameters(["max_depth": .number(4), "eta": .number(0.05), "num_round": .number(200)], task: .classification)
        #expect(given.rounds == 200)
        #expect(given.booster.first { $0.name == "max_depth" }?.value == "4")
        #expect(given.booster.first { $0.name == "eta" }?.value == "0.05")
        #expect(throws: LearningError.self) { try XGBoostParameters(["num_round": .number(0)], task: .regression) }
        #expect(throws: LearningError.self) { try XGBoostParameters(["objective": .text("reg:squarederror")], task: .classification) }
        // A value XGBoost refuses surfaces as its own message, naming the parameter.
        let features = try MLFixture.features(([1, 2, 3, 4], 4, 1))
        do {
            _ = try TrainedModel.fit(.xgboost(try XGBoostParameters(["max_depth": .text("deep")], task: .regression)),
                                     features: features, rows: [0, 1, 2, 3], targets: [1, 2, 3, 4])
            Issue.record("an invalid max_depth was accepted")
        } catch {
            #expect(error.description.contains("max_depth"), "\(error.description)")
        }
        // A name XGBoost does not use (misspelt) is an error naming it, not a warning on stderr.
        do {
            _ = try TrainedModel.fit(.xgboost(try XGBoostParameters(["max_depht": .number(3)], task: .regression)),
                                     features: features, rows: [0, 1, 2, 3], targets: [1, 2, 3, 4])
            Issue.record("a misspelt parameter was accepted")
        } catch {
            #expect(error == .invalidArgument(name: "model.params.max_depht",
                                              expected: "a parameter XGBoost uses (XGBoost reports it as not used: a misspelt name?)",
                                              got: "\"max_depht\""))
        }
    }

    @Test func corruptBytesAreRefused() {
        #expect(throws: LearningError.self) { try TrainedModel.load(kind: .xgboost, bytes: Array("not a model".utf8)) }
        #expect(throws: LearningError.self) { try TrainedModel.load(kind: .xgboost, bytes: []) }
    }
}
