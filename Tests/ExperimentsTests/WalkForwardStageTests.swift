import Foundation
import Testing
import MarketData
@testable import Experiments
import TestSupport

/// The runner's walk-forward stage (Optimization's `WalkForward` behind the spec) on two months
/// of the bundled BTC 1h data: 30-day training and 14-day test windows give two folds.
@Suite struct WalkForwardStageTests {
    static let day: Int64 = 86_400_000, jan1: Int64 = 1_672_531_200_000

    static func spec(_ folder: TemporaryFolder, file: String = "walk_forward_sma_cross.json", budget: Int? = nil,
                     edit: @escaping (inout [String: Any]) -> Void = { _ in }) throws -> (ExperimentSpec, String) {
        try RunnerTests.example(file, folder: folder, budget: budget) { json in
            json["walk_forward"] = ["mode": "rolling", "train": "30d", "test": "14d"]
            edit(&json)
        }
    }

    @Test func theWalkForwardExampleRunsItsFoldsTheSameOnOneAndFourThreads() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec(folder)
        let one = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: folder.path("one")))
        let four = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 4, out: folder.path("four")))
        let store = try ResultsStore(path: one.folder.storePath)
        let folds = try store.folds(runID: one.runID)
        // 2023-01-01 + 30 days = 01-31; tests 01-31…02-14 and 02-14…02-28; a third would end after 03-01.
        #expect(folds.map(\.trainStart) == [Self.jan1, Self.jan1 + 14 * Self.day])
        #expect(folds.map(\.testStart) == [Self.jan1 + 30 * Self.day, Self.jan1 + 44 * Self.day])
        #expect(folds.map(\.testEnd) == [Self.jan1 + 44 * Self.day, Self.jan1 + 58 * Self.day])
        #expect(folds.allSatisfy { $0.outOfSample.count == TrialMetrics.names.count && $0.inSample.count == TrialMetrics.names.count })
        #expect(try ResultsStore(path: four.folder.storePath).folds(runID: four.runID) == folds)
        #expect(try RunnerTests.read(one.folder, "summary.json") == RunnerTests.read(four.folder, "summary.json"))

        // The stitched curve: a base point, then 2 × 14 days of hourly bars; its total return
        // compounds the folds' out-of-sample returns (each fold restarts from the previous equity).
        let oos = try #require(try store.outOfSampleEquity(runID: one.runID))
        #expect(oos.equity.count == 1 + 2 * 14 * 24)
        let total = ObjectiveMetric.allCases.firstIndex(of: .cumReturnsFinal)!
        let compounded = folds.reduce(1.0) { $0 * (1 + $1.outOfSample[total]!) } - 1
        #expect(abs(oos.equity.last! / oos.equity[0] - 1 - compounded) < 1e-9)

        let summary = try RunnerTests.read(one.folder, "summary.json")
        #expect(summary.contains("\"walk_forward_folds\": 2"))
        #expect(summary.contains("walk_forward_efficiency_sharpe"))
        #expect(summary.contains("walk_forward_stability_fast") && !summary.contains("walk_forward_stability_fraction"))
    }

    @Test func aResumedRunStoresTheSameFolds() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec(folder, file: "sobol_sma_cross.json", budget: 6) { json in
            json["objective"] = ["metric": "calmar_ratio", "direction": "maximize"]
        }
        let whole = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("whole")))
        let cut = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("cut"), stopAfter: 3))
        #expect(!cut.completed)
        #expect(try ResultsStore(path: cut.folder.storePath).folds(runID: cut.runID).isEmpty)
        let resumed = try ExperimentRunner.run(spec: spec, specText: text,
                                               options: RunOptions(threads: 2, out: folder.path("cut"), resume: true))
        #expect(resumed.completed)
        #expect(try ResultsStore(path: resumed.folder.storePath).folds(runID: resumed.runID)
            == ResultsStore(path: whole.folder.storePath).folds(runID: whole.runID))
    }
}
