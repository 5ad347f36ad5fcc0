import Foundation
import Testing
import MarketData
@testable import Experiments
import TestSupport

@Suite struct WalkForwardTests {
    /// 20 hourly bars with one missing hour (bar 10 is two hours after bar 9).
    static let ts: [Int64] = (0..<20).map { Int64($0 < 10 ? $0 : $0 + 1) * 3_600_000 }

    @Test func rollingFoldsInBars() {
        let spec = WalkForwardSpec(mode: .rolling, train: .bars(8), test: .bars(4))
        #expect(WalkForwardPlan.folds(spec, timestamps: Self.ts, timeframe: .h1) == [
            FoldWindow(trainStart: 0, testStart: 8, testEnd: 12),
            FoldWindow(trainStart: 4, testStart: 12, testEnd: 16),
            FoldWindow(trainStart: 8, testStart: 16, testEnd: 20),
        ])
    }

    @Test func anchoredFoldsWithAShorterStep() {
        let spec = WalkForwardSpec(mode: .anchored, train: .bars(10), test: .bars(6), step: .bars(3))
        #expect(WalkForwardPlan.folds(spec, timestamps: Self.ts, timeframe: .h1) == [
            FoldWindow(trainStart: 0, testStart: 10, testEnd: 16),
            FoldWindow(trainStart: 0, testStart: 13, testEnd: 19),
        ])
    }

    @Test func durationsCountTimeSoAGapShortensAWindow() {
        // 8 hours of training from 00:00 end at bar 8 (08:00); the test window 08:00–12:00
        // holds bars 8, 9 (09:00) and 10 (11:00) only: the 10:00 bar is missing.
        let spec = WalkForwardSpec(mode: .rolling, train: .duration(milliseconds: 8 * 3_600_000),
                                   test: .duration(milliseconds: 4 * 3_600_000))
        let folds = WalkForwardPlan.folds(spec, timestamps: Self.ts, timeframe: .h1)
        #expect(folds.first == FoldWindow(trainStart: 0, testStart: 8, testEnd: 11))
        // Next test starts at 12:00 (bar 11), trains on 04:00–12:00 (bars 4…10).
        #expect(folds.dropFirst().first == FoldWindow(trainStart: 4, testStart: 11, testEnd: 15))
        // The data ends at 21:00 (bar 19 opens at 20:00): a test window 20:00–24:00 does not fit.
        #expect(folds.map(\.testStart) == [8, 11, 15])
    }

    @Test func theSobolExampleRunsItsWalkForward() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("sobol_sma_cross.json", folder: folder, budget: 8) { json in
            json["walk_forward"] = ["mode": "rolling", "train": "30d", "test": "14d"]
        }
        let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("wf")))
        let folds = try ResultsStore(path: outcome.folder.storePath).folds(runID: outcome.runID)
        // 2023-01-01 + 30 days = 2023-01-31; tests 01-31…02-14 and 02-14…02-28; a third would end after 03-01.
        let day: Int64 = 86_400_000, jan1: Int64 = 1_672_531_200_000
        #expect(folds.map(\.testStart) == [jan1 + 30 * day, jan1 + 44 * day])
        #expect(folds.map(\.testEnd) == [jan1 + 44 * day, jan1 + 58 * day])
        #expect(folds.map(\.trainStart) == [jan1, jan1 + 14 * day])
        #expect(folds.allSatisfy { $0.outOfSample.count == TrialMetrics.names.count && $0.inSample.count == TrialMetrics.names.count })
        let summary = try String(contentsOf: outcome.folder.url.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"walk_forward_folds\": 2.0"))
        #expect(summary.contains("walk_forward_efficiency_sharpe"))
    }

    @Test func stagesTheRunnerCannotRunAreRefusedBeforeAnyWork() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("random_sma_cross.json", folder: folder, budget: 4) { json in
            json["monte_carlo"] = ["methods": ["gbm"], "paths": 10]
        }
        #expect(throws: RunError.self) {
            try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: folder.path("mc")))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("mc")))
    }
}
