import Foundation
import Testing
import TestSupport
@testable import Analytics

/// Golden values: Tests/Fixtures/ml/metrics.json — scikit-learn's roc_auc_score, log_loss,
/// brier_score_loss, accuracy_score, calibration_curve and scipy.stats.spearmanr (ties, probabilities
/// on bin edges and 0/1 probabilities included).
@Suite struct PredictionMetricsTests {
    @Test func matchScikitLearnAndScipy() throws {
        let root = try #require(Fixtures.json("ml/metrics.json") as? [String: Any])
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 3)
        for (k, c) in cases.enumerated() {
            let y = c.doubles("y"), p = c.doubles("p")
            expectClose(try PredictionMetrics.auc(outcomes: y, probabilities: p), c["auc"], "case \(k) AUC", rel: 1e-12)
            expectClose(try PredictionMetrics.logLoss(outcomes: y, probabilities: p), c["log_loss"], "case \(k) log loss", rel: 1e-12)
            expectClose(try PredictionMetrics.brierScore(outcomes: y, probabilities: p), c["brier"], "case \(k) Brier", rel: 1e-12)
            expectClose(try PredictionMetrics.accuracy(outcomes: y, probabilities: p), c["accuracy"], "case \(k) accuracy", rel: 1e-12)
            expectClose(try PredictionMetrics.spearman(c.doubles("x"), c.doubles("z")), c["spearman"], "case \(k) Spearman", rel: 1e-12)
            let curves = try #require(c["calibration"] as? [[String: Any]])
            #expect(curves.count == 2)
            for curve in curves {
                let bins = try #require(curve.int("bins"))
                let got = try PredictionMetrics.calibrationCurve(outcomes: y, probabilities: p, bins: bins)
                let observed = curve.doubles("observed"), predicted = curve.doubles("predicted")
                #expect(got.map(\.count) == (curve["counts"] as? [Int]), "case \(k) \(bins) bins: counts")
                #expect(got.count == observed.count)
                for (b, (bin, (o, e))) in zip(got, zip(observed, predicted)).enumerated() {
                    expectClose(bin.observed, o, "case \(k) \(bins) bins: bin \(b) observed", rel: 1e-12)
                    expectClose(bin.predicted, e, "case \(k) \(bins) bins: bin \(b) predicted", rel: 1e-12)
                }
            }
        }
    }

    @Test func undefinedScoresAreNilAndBadInputThrows() throws {
        #expect(try PredictionMetrics.auc(outcomes: [1, 1, 1], probabilities: [0.2, 0.4, 0.9]) == nil)
        #expect(try PredictionMetrics.spearman([1, 1, 1], [1, 2, 3]) == nil)
        #expect(throws: AnalyticsError.self) { try PredictionMetrics.logLoss(outcomes: [0, 2], probabilities: [0.1, 0.2]) }
        #expect(throws: AnalyticsError.self) { try PredictionMetrics.brierScore(outcomes: [0, 1], probabilities: [0.1, 1.2]) }
        #expect(throws: AnalyticsError.self) { try PredictionMetrics.accuracy(outcomes: [0, 1], probabilities: [0.1]) }
        #expect(throws: AnalyticsError.self) { try PredictionMetrics.auc(outcomes: [], probabilities: []) }
        #expect(throws: AnalyticsError.self) { try PredictionMetrics.spearman([1, .nan, 3], [1, 2, 3]) }
    }
}
