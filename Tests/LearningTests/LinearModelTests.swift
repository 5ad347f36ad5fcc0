import Testing
@testable import Learning

/// Golden values: Tests/Fixtures/ml/linear.json — scikit-learn LogisticRegression(C = 1/l2,
/// newton-cholesky) and Ridge(alpha = l2) on raw features.
@Suite struct LinearModelTests {
    @Test func coefficientsAndPredictionsMatchScikitLearn() throws {
        let root = try MLFixture.load("linear")
        let x = try MLFixture.matrix(root["X"]), xTest = try MLFixture.matrix(root["X_test"])
        let features = try MLFixture.features(x), testFeatures = try MLFixture.features(xTest)
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 6)
        for c in cases {
            let kind = try #require(ModelKind(rawValue: c["model"] as? String ?? ""))
            let l2 = try #require(c["l2"] as? Double)
            let y = try MLFixture.doubles(root[kind == .logistic ? "y_class" : "y_reg"])
            let parameters = try ModelParameters(kind: kind, params: ["l2": .number(l2)], task: kind == .logistic ? .classification : .regression)
            let model = try TrainedModel.fit(parameters, features: features, rows: Array(0..<x.rows), targets: y)
            guard case let .linear(linear) = model else { Issue.record("not linear"); continue }
            let label = "\(kind.rawValue) l2=\(l2)"
            expectAllClose([linear.intercept], [try #require(c["intercept"] as? Double)], tol: 1e-6, "\(label) intercept")
            expectAllClose(linear.weights, try MLFixture.doubles(c["weights"]), tol: 1e-6, "\(label) weights")
            let predictions = try model.predict(features: testFeatures, rows: Array(0..<xTest.rows))
            expectAllClose(predictions, try MLFixture.doubles(c["test_predictions"]), tol: 1e-6, "\(label) predictions")

            let restored = try TrainedModel.load(kind: kind, bytes: try model.serialized())
            #expect(try restored.predict(features: testFeatures, rows: Array(0..<xTest.rows)) == predictions, "\(label) bytes round trip")
        }
    }

    @Test func refusesUnknownParametersAndMismatchedTasks() {
        #expect(throws: LearningError.self) { try ModelParameters(kind: .logistic, params: ["C": .number(1)], task: .classification) }
        #expect(throws: LearningError.self) { try ModelParameters(kind: .ridge, params: [:], task: .classification) }
        #expect(throws: LearningError.self) { try ModelParameters(kind: .logistic, params: ["l2": .number(-1)], task: .classification) }
        #expect(throws: LearningError.self) { try ModelParameters(kind: .logistic, params: ["max_iter": .number(2.5)], task: .classification) }
        #expect(throws: LearningError.self) { try TrainedModel.load(kind: .ridge, bytes: Array("{\"kind\":\"logistic\"".utf8)) }
    }

    /// Without regularization a duplicated feature makes the normal equations singular: the fit
    /// reports LAPACK's failure instead of returning arbitrary coefficients.
    @Test func collinearFeaturesWithoutPenaltyAreReported() throws {
        let features = try MLFixture.features(([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], 5, 2))
        #expect(throws: LearningError.lapack(function: "dposv", info: 2)) {
            try TrainedModel.fit(.ridge(l2: 0), features: features, rows: Array(0..<5), targets: [1, 3, 2, 5, 4])
        }
    }
}
