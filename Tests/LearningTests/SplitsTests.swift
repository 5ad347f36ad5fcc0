import Testing
import TestSupport
@testable import Learning

/// Golden values: Tests/Fixtures/ml/splits.json — plain-Python references written from the
/// definitions of purged k-fold with embargo and of walk-forward retraining.
@Suite struct SplitsTests {
    static func cases(_ kind: String) throws -> [[String: Any]] {
        let all = try #require(try MLFixture.load("splits")["cases"] as? [[String: Any]])
        return all.filter { $0["kind"] as? String == kind }
    }

    @Test func purgedKFoldMatchesReference() throws {
        let cases = try Self.cases("purged_kfold")
        #expect(cases.count == 4)
        for c in cases {
            let samples = try MLFixture.ints(c["samples"]), end = try MLFixture.ints(c["end"])
            let folds = try #require(c["folds"] as? Int), embargo = try #require(c["embargo"] as? Int)
            let splits = try PurgedKFold.splits(samples: samples, end: end, folds: folds, embargo: embargo)
            let expected = try #require(c["expected"] as? [[String: Any]])
            #expect(splits.count == expected.count)
            for (k, (s, e)) in zip(splits, expected).enumerated() {
                let label = "n=\(samples.count) folds=\(folds) embargo=\(embargo) fold \(k)"
                #expect(s.test == (try MLFixture.ints(e["test"])), "\(label) test")
                #expect(s.train == (try MLFixture.ints(e["train"])), "\(label) train")
                #expect(s.purged == e["purged"] as? Int && s.embargoed == e["embargoed"] as? Int, "\(label) counts")
            }
        }
    }

    @Test func walkForwardMatchesReference() throws {
        let cases = try Self.cases("walk_forward")
        #expect(cases.count == 3)
        for c in cases {
            let samples = try MLFixture.ints(c["samples"]), end = try MLFixture.ints(c["end"])
            let spec = RetrainSpec(train: try #require(c["train"] as? Int), test: try #require(c["test"] as? Int),
                                   anchored: try #require(c["anchored"] as? Bool))
            let windows = try WalkForwardSchedule.windows(rowCount: try #require(c["n"] as? Int), spec)
            let expected = try #require(c["expected"] as? [[String: Any]])
            #expect(windows.count == expected.count)
            for (k, (w, e)) in zip(windows, expected).enumerated() {
                let label = "\(spec) window \(k)"
                #expect([w.trainStart, w.testStart, w.testEnd] == [e["train_start"] as? Int, e["test_start"] as? Int, e["test_end"] as? Int], "\(label) bounds")
                let split = WalkForwardSchedule.split(w, samples: samples, end: end)
                #expect(split.train == (try MLFixture.ints(e["train"])), "\(label) train")
                #expect(split.test == (try MLFixture.ints(e["test"])), "\(label) test")
                #expect(split.purged == e["purged"] as? Int, "\(label) purged")
            }
        }
    }

    /// Leakage, checked on every fixture case and on wide random label spans: no training
    /// sample's label interval meets the interval of any test sample of its fold, and nothing
    /// trains inside the embargo.
    @Test func noTrainingIntervalOverlapsItsTestFold() throws {
        var rng = SplitMix64(seed: 99)
        for trial in 0..<30 {
            let n = 80 + Int(rng.next() % 120)
            let end = (0..<n).map { i -> Int in let e = i + 1 + Int(rng.next() % 25); return e < n ? e : -1 }
            let samples = (0..<n).filter { end[$0] >= 0 && rng.next() % 5 != 0 }
            let folds = 2 + Int(rng.next() % 6), embargo = Int(rng.next() % 10)
            for split in try PurgedKFold.splits(samples: samples, end: end, folds: folds, embargo: embargo) {
                let maxEnd = split.test.map { end[$0] }.max()!
                for j in split.train {
                    for i in split.test {
                        #expect(!(j <= end[i] && end[j] >= i), "trial \(trial): train \(j) [\(j), \(end[j])] meets test \(i) [\(i), \(end[i])]")
                    }
                    #expect(!(j > maxEnd && j <= maxEnd + embargo), "trial \(trial): train \(j) inside the embargo after \(maxEnd)")
                }
                #expect(split.train.count + split.test.count + split.purged + split.embargoed == samples.count)
            }
            let spec = RetrainSpec(train: 20 + Int(rng.next() % 30), test: 5 + Int(rng.next() % 20))
            for w in try WalkForwardSchedule.windows(rowCount: n, spec) {
                for j in WalkForwardSchedule.split(w, samples: samples, end: end).train {
                    #expect(end[j] < w.testStart, "trial \(trial): a walk-forward training label reads bar \(end[j]) ≥ test start \(w.testStart)")
                }
            }
        }
    }

    @Test func refusesImpossibleSchedules() {
        #expect(throws: LearningError.self) { try PurgedKFold.splits(samples: [1, 2], end: [0, 2, 3], folds: 3, embargo: 0) }
        #expect(throws: LearningError.self) { try PurgedKFold.splits(samples: [1, 2], end: [0, 2, 3], folds: 1, embargo: 0) }
        #expect(throws: LearningError.self) { try WalkForwardSchedule.windows(rowCount: 100, RetrainSpec(train: 100, test: 10)) }
        #expect(throws: LearningError.self) { try WalkForwardSchedule.windows(rowCount: 100_000, RetrainSpec(train: 10, test: 1)) }
        #expect(throws: LearningError.self) { try WalkForwardSchedule.windows(rowCount: 100, RetrainSpec(train: 10, test: 0)) }
    }
}
