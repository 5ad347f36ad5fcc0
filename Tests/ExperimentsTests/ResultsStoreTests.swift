import Analytics
import Foundation
import Testing
import MarketData
import Optimization
import Simulation
import Strategies
@testable import Experiments

@Suite struct ResultsStoreTests {
    static let names = ["fast", "slow", "stop_loss", "allow_short"]

    static func run(_ id: String = "r1", sha: String = "abc") -> RunRecord {
        RunRecord(id: id, name: "t", specText: "{\"name\": \"t\"}", specSHA256: sha, dataSHA256: "def",
                  engineVersion: CrucibleVersion.current, seed: UInt64.max - 1, parameterNames: names,
                  metricNames: ["sharpe_ratio", "max_drawdown", "trade_count"], objectiveMetric: "sharpe_ratio",
                  direction: .maximize)
    }

    static func trial(_ id: Int, objective: Double?, status: TrialStatus = .ok) -> TrialRecord {
        let point = TrialPoint(names: names, values: [.int(id + 1), .int(50), .double(0.1 + Double(id) / 3), .string("false")])
        return TrialRecord(id: id, point: point, metrics: [objective, -0.25, nil], objective: objective, status: status,
                           error: status == .failed ? "engine: \"boom\"\nsecond line" : nil, seed: UInt64(1000 + id),
                           sharpe: status == .failed ? nil : SharpeMoments(sharpe: 0.01 * Double(id + 1), count: 500 + id,
                                                                           skew: -0.5, kurtosis: 6.25),
                           durationSeconds: 0.5)
    }

    static let curves = TrialCurves(
        timestamps: [1_000, 2_000, 3_000], equity: [10_000, 10_050.25, 9_990.125],
        trades: [
            Trade(symbol: 0, direction: 1, entryBar: 0, entryTs: 1_000, entryPrice: 100.5, quantity: 99.5, entryFees: 1.25,
                  exitBar: 2, exitTs: 3_000, exitPrice: 100.4, exitFees: 1.5, pnl: -12.5, exitReason: .stopLoss),
            Trade(symbol: 0, direction: -1, entryBar: 2, entryTs: 3_000, entryPrice: 100.4, quantity: 3, entryFees: 0.5),
        ])

    @Test func everythingRoundTrips() throws {
        let folder = try TemporaryFolder()
        let store = try ResultsStore(path: folder.path("results.sqlite"))
        #expect(try store.open(Self.run()) == false)
        #expect(try store.run(id: "r1") == Self.run())
        let trials = [Self.trial(0, objective: 1.5), Self.trial(1, objective: nil, status: .failed),
                      Self.trial(2, objective: 0.1 + 0.2, status: .infeasible)]
        try store.record(runID: "r1", trials)
        try store.replaceCurves(runID: "r1", [(0, Self.curves)])
        #expect(try store.trials(runID: "r1") == trials)
        #expect(try store.curves(runID: "r1", trialID: 0) == Self.curves)
        #expect(try store.curves(runID: "r1", trialID: 1) == nil)

        let fold = FoldRecord(index: 0, trainStart: 0, trainEnd: 100, testStart: 100, testEnd: 150,
                              point: Self.trial(3, objective: 1).point, inSample: [1.25, -0.5, 7], outOfSample: [nil, -0.75, 2])
        try store.record(runID: "r1", folds: [fold])
        #expect(try store.folds(runID: "r1") == [fold])
        let mc = MonteCarloRecord(method: .tradeBootstrap, metric: "sharpe_ratio", paths: 100,
                                  percentiles: [-0.5, 0.1, 0.4, 0.9, 1.7], mean: 0.45, probabilityOfLoss: 0.23, probabilityOfRuin: 0.01)
        try store.record(runID: "r1", monteCarlo: [mc])
        #expect(try store.monteCarlo(runID: "r1") == [mc])
    }

    @Test func theSharpeDeflationCountsEveryTrialWithASharpeRatio() throws {
        let folder = try TemporaryFolder()
        let store = try ResultsStore(path: folder.path("results.sqlite"))
        try store.open(Self.run())
        #expect(try store.sharpeDeflation(runID: "r1") == nil)
        // Per-period Sharpe ratios 0.01, 0.03, 0.04 (trial 1 failed and has none):
        // mean 0.08 / 3, variance ((−0.0166…)² + 0.0033…² + 0.0133…²) / 2 = 0.00023333….
        try store.record(runID: "r1", [Self.trial(0, objective: 1), Self.trial(1, objective: nil, status: .failed),
                                       Self.trial(2, objective: 2), Self.trial(3, objective: 3, status: .infeasible)])
        let deflation = try #require(try store.sharpeDeflation(runID: "r1"))
        let expected = try ExpectedMaximumSharpe(trials: 3, varianceOfSharpes: 0.0007 / 3)
        #expect(abs(deflation.sharpe - expected.sharpe) < 1e-15)
        #expect(deflation.z1 == expected.z1)
    }

    @Test func replacingCurvesDropsTheCurvesOfTrialsNoLongerInTheTopK() throws {
        let folder = try TemporaryFolder()
        let store = try ResultsStore(path: folder.path("results.sqlite"))
        try store.open(Self.run())
        try store.record(runID: "r1", [Self.trial(0, objective: 1), Self.trial(1, objective: 2)])
        try store.replaceCurves(runID: "r1", [(0, Self.curves)])
        try store.replaceCurves(runID: "r1", [(1, Self.curves)])
        #expect(try store.curves(runID: "r1", trialID: 0) == nil)
        #expect(try store.curves(runID: "r1", trialID: 1) == Self.curves)
        #expect(try store.resume(runID: "r1").trialsWithCurves == [1])
    }

    @Test func resumeReadsBackEveryFinishedTrialAfterReopening() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("results.sqlite")
        do {
            let store = try ResultsStore(path: path)
            try store.open(Self.run())
            // Trials finish out of order in batches; trial 3 was proposed but never finished.
            try store.record(runID: "r1", [Self.trial(1, objective: 0.5), Self.trial(0, objective: 0.25)])
            try store.record(runID: "r1", [Self.trial(4, objective: 0.75)])
            try store.replaceCurves(runID: "r1", [(4, Self.curves)])
            try store.record(runID: "r1", [Self.trial(2, objective: nil, status: .failed)])
        }
        let store = try ResultsStore(path: path)
        #expect(try store.open(Self.run()) == true)
        let state = try store.resume(runID: "r1")
        #expect(state.run == Self.run())
        #expect(try store.trials(runID: "r1").map(\.id) == [0, 1, 2, 4])
        var streamed: [Int] = []
        try store.forEachTrial(runID: "r1") { streamed.append($0.id) }
        #expect(streamed == [0, 1, 2, 4])
        #expect(state.finished == 4)
        #expect(state.unfinishedIDs == [3])
        #expect(state.nextID == 5)
        #expect(state.trialsWithCurves == [4])
        // A finished trial cannot be stored twice.
        #expect(throws: StoreError.self) { try store.record(runID: "r1", [Self.trial(1, objective: 0.5)]) }
        #expect(try store.trials(runID: "r1").count == 4)
    }

    @Test func resumingWithAnotherSpecIsRefused() throws {
        let folder = try TemporaryFolder()
        let store = try ResultsStore(path: folder.path("results.sqlite"))
        try store.open(Self.run())
        #expect(throws: StoreError.specMismatch(path: folder.path("results.sqlite"), run: "r1")) {
            try store.open(Self.run(sha: "other"))
        }
        #expect(throws: StoreError.unknownRun(path: folder.path("results.sqlite"), run: "r2")) {
            try store.resume(runID: "r2")
        }
    }

    @Test func aTransactionCutOffBeforeCommitLeavesTheStoreAsItWas() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("results.sqlite")
        let store = try ResultsStore(path: path)
        try store.open(Self.run())
        try store.record(runID: "r1", [Self.trial(0, objective: 1)])
        try store.replaceCurves(runID: "r1", [(0, Self.curves)])

        // A second writer begins a trial with a long equity curve (4 MB blobs) and is "killed" before COMMIT:
        // a tiny page cache makes SQLite spill uncommitted pages into the WAL file, and the
        // files are copied in that state, as a crash would leave them.
        let writer = try SQLiteConnection<StoreError>(path: path, readOnly: false)
        try writer.execute("PRAGMA cache_size = 1")
        try writer.execute("BEGIN IMMEDIATE")
        try writer.execute("""
            INSERT INTO trial (run_id, id, params, metrics, objective, status, error, seed, duration)
            VALUES ('r1', 1, '{"fast": 2, "slow": 50, "stop_loss": 0.1, "allow_short": "false"}', zeroblob(24), 1, 'ok', NULL, 1, 0.1)
            """)
        try writer.execute("""
            INSERT INTO equity_curve (run_id, trial_id, ts, equity) VALUES ('r1', 1, randomblob(4000000), randomblob(4000000))
            """)
        let crashed = try TemporaryFolder()
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: crashed.path("results.sqlite") + suffix)
        }
        #expect(FileManager.default.fileExists(atPath: crashed.path("results.sqlite-wal")))
        try writer.execute("ROLLBACK")

        let reopened = try ResultsStore(path: crashed.path("results.sqlite"))
        var integrity = ""
        try reopened.db.prepare("PRAGMA integrity_check").query { row throws(StoreError) in integrity = row.text(0) }
        #expect(integrity == "ok")
        #expect(try reopened.trials(runID: "r1") == [Self.trial(0, objective: 1)])
        #expect(try reopened.resume(runID: "r1").trialsWithCurves == [0])
        #expect(try reopened.curves(runID: "r1", trialID: 0) == Self.curves)
        // And the original store, after the writer gave up, holds the same.
        #expect(try store.trials(runID: "r1").map(\.id) == [0])
    }
}
