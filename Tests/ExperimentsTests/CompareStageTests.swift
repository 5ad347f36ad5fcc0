import Foundation
import Testing
@testable import Experiments
import TestSupport

/// The runner's compare stage and the line-up of return series behind `crucible compare`.
@Suite struct CompareStageTests {
    @Test func theCompareExampleTestsTheBestTrialAgainstItsRivals() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("compare_sma_cross.json", folder: folder, budget: 8) { json in
            var compare = json["compare"] as! [String: Any]
            compare["bootstrap"] = 100
            json["compare"] = compare
            json["objective"] = ["metric": "sharpe_ratio", "direction": "maximize"]
        }
        let run = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("cmp")))
        let json = try RunnerTests.read(run.folder, "compare.json")
        #expect(try ResultsStore(path: run.folder.storePath).comparison(runID: run.runID) == json)
        #expect(try !RunnerTests.read(run.folder, "compare.txt").isEmpty)
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let metrics = report["metrics"] as! [String: [String: Any]]
        #expect(metrics.keys.sorted() == ["best_sma_cross", "buy_and_hold", "ma_cross", "macd_trend", "rsi_reversion"])
        let tests = report["tests"] as! [String: Any]
        #expect(tests["spa"] != nil && tests["reality_check"] != nil && tests["stepm"] != nil && tests["mcs"] != nil)
        // buy_and_hold, the first rival, is the benchmark of the tests that need one.
        #expect((tests["spa"] as! [String: Any])["benchmark"] as? String == "buy_and_hold")
        #expect((tests["paired_vs_benchmark"] as! [String: Any]).keys.sorted() == ["best_sma_cross", "ma_cross", "macd_trend", "rsi_reversion"])
        // The chosen column is the best trial's run: the same Sharpe ratio the trial stored.
        var best: TrialRecord?
        try ResultsStore(path: run.folder.storePath).rankedTrials(runID: run.runID) { rank, trial in if rank == 1 { best = trial } }
        let sharpe = try #require(best?.metrics[ObjectiveMetric.allCases.firstIndex(of: .sharpeRatio)!])
        #expect(abs((metrics["best_sma_cross"]!["sharpe_ratio"] as! Double) - sharpe) < 1e-9)
        #expect(try RunnerTests.read(run.folder, "summary.json").contains("\"compare\""))
    }

    @Test func testsTheSpecDoesNotListAreLeftOut() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("compare_sma_cross.json", folder: folder, budget: 4) { json in
            json["compare"] = ["against": [["name": "macd_trend"]], "tests": ["model_confidence_set"], "bootstrap": 50]
            json["objective"] = ["metric": "sharpe_ratio", "direction": "maximize"]
        }
        let run = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: folder.path("mcs")))
        let report = try JSONSerialization.jsonObject(with: Data(RunnerTests.read(run.folder, "compare.json").utf8)) as! [String: Any]
        #expect((report["tests"] as! [String: Any]).keys.sorted() == ["deflated_sharpe_ratio", "mcs"])
    }

    @Test func seriesLineUpOnTheirCommonTimestamps() {
        let a = ReturnSeries(name: "a", timestamps: [1, 2, 3, 4], returns: [0.1, 0.2, 0.3, 0.4])
        let b = ReturnSeries(name: "a", timestamps: [2, 4, 5], returns: [-0.2, -0.4, -0.5])
        let table = ReturnSeries.table([a, b])
        #expect(table.names == ["a", "a#2"])
        #expect(table.timestamps == [2, 4])
        #expect(table.columns == [[0.2, 0.4], [-0.2, -0.4]])
        // 1, 3 and 5 are missing from one series.
        #expect(table.droppedRows == 3)
    }

    @Test func equityBecomesReturnsAfterItsFirstPoint() {
        let s = ReturnSeries(name: "e", timestamps: [10, 20, 30], equity: [100, 110, 99])
        #expect(s.timestamps == [20, 30])
        #expect(s.returns.count == 2 && abs(s.returns[0] - 0.1) < 1e-15 && abs(s.returns[1] - (99.0 / 110 - 1)) < 1e-15)
    }

    @Test func aFolderWithoutAStoreIsRefused() throws {
        let folder = try TemporaryFolder()
        #expect(throws: RunError.self) { try ReturnSeries.chosen(resultFolder: folder.url.path) }
    }
}
