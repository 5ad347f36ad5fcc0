import Foundation
import Testing
import MarketData
import Optimization
import Simulation
import Strategies
@testable import Experiments
import TestSupport

/// Walk-forward and Monte Carlo on the event engine, from the shipped
/// `walk_forward_event_donchian.json` (Donchian breakout with its ATR stop, an event-only
/// feature) on two months of BTC 1h: 30-day training and 14-day test windows give two folds.
/// Each fold and the deterministic Monte Carlo paths are checked against the event engine run
/// directly on bars cut here from the data.
@Suite struct EventStageTests {
    static let hour: Int64 = 3_600_000
    /// One training length of hourly bars: the warm-up every window is fed.
    static let warmup = 30 * 24

    static func spec(_ folder: TemporaryFolder, file: String = "walk_forward_event_donchian.json",
                     edit: @escaping (inout [String: Any]) -> Void = { _ in }) throws -> (ExperimentSpec, String) {
        try RunnerTests.example(file, folder: folder) { json in
            json["walk_forward"] = ["mode": "rolling", "train": "30d", "test": "14d"]
            if var monteCarlo = json["monte_carlo"] as? [String: Any] {
                monteCarlo["paths"] = 8
                json["monte_carlo"] = monteCarlo
            }
            edit(&json)
        }
    }

    static func index(_ bars: BarSeries, atOrAfter ts: Int64) -> Int { bars.ts.firstIndex { $0 >= ts } ?? bars.count }

    /// The Donchian strategy of a stored point, run by the event engine over `bars` (the cost
    /// settings of the example multiplied by `costs`), trading from bar `first`'s close on, its
    /// signals `latency` bars late.
    static func direct(_ spec: ExperimentSpec, point: [Optimization.ParameterValue], bars: BarSeries, first: Int,
                       costs m: Double = 1, latency: Int = 0) throws -> BacktestResult {
        var config = spec.engine.config
        // The example's costs: maker 2 bps, taker 5 bps, 2 bps fixed slippage.
        #expect(config.fees == FeeModel(makerBps: 2, takerBps: 5) && spec.engine.slippage == .fixedBps(bps: 2))
        config.fees = FeeModel(makerBps: 2 * m, takerBps: 5 * m)
        // The example's exits block: an ATR stop of 3 ATR(24).
        let exits = try Modifiers(text: [("atr_stop", "3"), ("atr_period", "24")], periodsPerYear: bars.periodsPerYear)
        let strategy = try exits.apply(try DonchianBreakout(parameters: spec.strategy.parameterSet(point)), instruments: [config.trading(bars.instrument)],
                                       signalDelay: latency)
        return try EventEngine(config: config, slippage: FixedSlippage(bps: 2 * m))
            .run(strategy, bars: bars, timing: OrderTiming(tradingStart: bars.ts[first]))
    }

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }

    @Test func theEventExampleRunsItsFoldsAndPathsTheSameOnOneAndTwoThreads() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec(folder)
        #expect(spec.engine.kind == .event)
        let one = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: folder.path("one")))
        let two = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("two")))
        let store = try ResultsStore(path: one.folder.storePath), other = try ResultsStore(path: two.folder.storePath)
        let folds = try store.folds(runID: one.runID)
        #expect(folds.count == 2)
        #expect(try other.folds(runID: two.runID) == folds)
        #expect(try other.outOfSampleEquity(runID: two.runID) == store.outOfSampleEquity(runID: one.runID))
        #expect(try other.monteCarlo(runID: two.runID) == store.monteCarlo(runID: one.runID))
        #expect(try RunnerTests.read(one.folder, "summary.json") == RunnerTests.read(two.folder, "summary.json"))
        #expect(try RunnerTests.read(one.folder, "ranked.csv") == RunnerTests.read(two.folder, "ranked.csv"))
        let methods = Set(try store.monteCarlo(runID: one.runID).map(\.method))
        #expect(methods == [.tradeReshuffle, .blockBootstrap, .gbm, .parameterPerturbation, .costStress, .latencyStress, .droppedBars])
    }

    @Test func eachFoldEqualsTheEventEngineRunOnItsOwnWindow() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec(folder) { $0.removeValue(forKey: "monte_carlo") }
        let run = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("wf")))
        let store = try ResultsStore(path: run.folder.storePath)
        let folds = try store.folds(runID: run.runID)
        let stitched = try #require(try store.outOfSampleEquity(runID: run.runID))
        let data = try ExperimentData.load(spec.data).bars
        let metric = { (m: ObjectiveMetric) in ObjectiveMetric.allCases.firstIndex(of: m)! }
        var offset = 1, trades = 0
        #expect(folds.count == 2)
        for fold in folds {
            // The test window and the training bars before it, cut by time from the data.
            let testStart = Self.index(data, atOrAfter: fold.testStart), testEnd = Self.index(data, atOrAfter: fold.testEnd)
            let from = testStart - Self.warmup
            #expect(from >= 0 && data.ts[from] == fold.trainStart)
            let bars = data.slice(from..<testEnd)
            let start = testStart - from
            // Next-open fills: the decision at the close of the last training bar may trade.
            let direct = try Self.direct(spec, point: fold.point.values, bars: bars, first: start - 1)
            #expect(direct.fills.allSatisfy { $0.bar >= start })
            #expect(direct.equity[..<start].allSatisfy { $0 == spec.engine.config.initialCash })
            // The stitched curve holds this fold's test bars scaled to the previous fold's end.
            let n = testEnd - testStart
            let base = stitched.equity[offset - 1]
            #expect(Array(stitched.timestamps[offset..<(offset + n)]) == Array(data.ts[testStart..<testEnd]))
            for k in 0..<n {
                #expect(Self.close(stitched.equity[offset + k] / base, direct.equity[start + k] / spec.engine.config.initialCash),
                        "fold \(fold.index) bar \(k)")
            }
            offset += n
            // Closed trades of the window and their fees (trade_count and total_fees count closed
            // trades; one still open at the window's end is marked at its last close).
            let closed = direct.trades.filter { !$0.isOpen }
            #expect(fold.outOfSample[metric(.tradeCount)] == Double(closed.count), "fold \(fold.index)")
            #expect(Self.close(fold.outOfSample[metric(.totalFees)] ?? .nan, closed.reduce(0) { $0 + $1.fees }), "fold \(fold.index)")
            #expect(Self.close(fold.outOfSample[metric(.cumReturnsFinal)] ?? .nan,
                               direct.equity.last! / spec.engine.config.initialCash - 1), "fold \(fold.index)")
            trades += closed.count
        }
        #expect(offset == stitched.equity.count)
        #expect(trades > 0, "the folds trade, so the comparison compares something")
    }

    @Test func theDeterministicMonteCarloPathsEqualDirectRunsOfTheStressedSettings() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec(folder) { json in
            var monteCarlo = json["monte_carlo"] as! [String: Any]
            monteCarlo["methods"] = ["cost_stress", "latency_stress"]
            json["monte_carlo"] = monteCarlo
        }
        let run = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("mc")))
        let store = try ResultsStore(path: run.folder.storePath)
        // With a walk-forward, Monte Carlo stresses the point of the last fold over the whole data.
        let point = try #require(try store.folds(runID: run.runID).last).point.values
        let records = try store.monteCarlo(runID: run.runID)
        let bars = try ExperimentData.load(spec.data).bars
        let cost = try #require(records.first { $0.method == .costStress && $0.metric == "final_equity" })
        // Path p of 8 multiplies fees and slippage by 1 + 2p/7 (cost_multiplier 3).
        let finals = try (0..<8).map { p in
            try Self.direct(spec, point: point, bars: bars, first: 0, costs: 1 + 2 * Double(p) / 7).equity.last!
        }
        #expect(cost.paths == 8 && Self.close(cost.mean, finals.reduce(0, +) / 8))
        // numpy's median of 8 values: the mean of the 4th and 5th smallest.
        let sorted = finals.sorted()
        #expect(Self.close(cost.percentiles[2], (sorted[3] + sorted[4]) / 2))
        #expect(finals[7] < finals[0], "more costs, less equity: the paths differ")
        // Latency stress: one path, every order one bar late.
        let latency = try #require(records.first { $0.method == .latencyStress && $0.metric == "final_equity" })
        let late = try Self.direct(spec, point: point, bars: bars, first: 0, latency: 1)
        #expect(latency.paths == 1 && latency.percentiles.allSatisfy { Self.close($0, late.equity.last!) })
        #expect(late.fills.count > 2 && late.equity.last! != finals[0])
    }

    @Test func smaCrossGivesTheSameFoldsOnBothEngines() throws {
        // Market orders, next-open fills, 5 bps taker fees and 1 bp fixed slippage: both engines
        // express it, so their window evaluators must agree.
        let folder = try TemporaryFolder()
        let (vectorized, vText) = try WalkForwardStageTests.spec(folder)
        let (event, eText) = try WalkForwardStageTests.spec(folder) { json in
            var engine = json["engine"] as! [String: Any]
            engine["kind"] = "event"
            json["engine"] = engine
        }
        #expect(vectorized.engine.kind == .vectorized && event.engine.kind == .event)
        let v = try ExperimentRunner.run(spec: vectorized, specText: vText, options: RunOptions(threads: 2, out: folder.path("v")))
        let v1 = try ExperimentRunner.run(spec: vectorized, specText: vText, options: RunOptions(threads: 1, out: folder.path("v1")))
        let e = try ExperimentRunner.run(spec: event, specText: eText, options: RunOptions(threads: 2, out: folder.path("e")))
        let vStore = try ResultsStore(path: v.folder.storePath), eStore = try ResultsStore(path: e.folder.storePath)
        let vFolds = try vStore.folds(runID: v.runID), eFolds = try eStore.folds(runID: e.runID)
        #expect(try ResultsStore(path: v1.folder.storePath).folds(runID: v1.runID) == vFolds)
        #expect(vFolds.count == 2 && eFolds.count == 2)
        for (a, b) in zip(vFolds, eFolds) {
            #expect(a.point == b.point && a.testStart == b.testStart && a.testEnd == b.testEnd)
            let names = TrialMetrics.names.map { "out of sample \($0)" } + TrialMetrics.names.map { "in sample \($0)" }
            for (name, (x, y)) in zip(names, zip(a.outOfSample + a.inSample, b.outOfSample + b.inSample)) {
                switch (x, y) {
                case let (x?, y?): #expect(Self.close(x, y), "fold \(a.index) \(name): \(x) vs \(y)")
                case (nil, nil): break
                default: Issue.record("fold \(a.index) \(name): \(String(describing: x)) vs \(String(describing: y))")
                }
            }
        }
        let vOOS = try #require(try vStore.outOfSampleEquity(runID: v.runID)), eOOS = try #require(try eStore.outOfSampleEquity(runID: e.runID))
        #expect(vOOS.timestamps == eOOS.timestamps)
        #expect(zip(vOOS.equity, eOOS.equity).allSatisfy { Self.close($0, $1) })
        #expect(vOOS.equity.contains { $0 != vOOS.equity[0] }, "the out-of-sample curve moves, so the comparison compares something")
    }
}

/// Every registered strategy, at its defaults, through walk-forward and Monte Carlo on the
/// event engine (the experiment runs on one series, so the multi-symbol rotation holds that one).
@Suite struct EventStageCoverageTests {
    static let strategies = StrategyRegistry.descriptors.map(\.name)

    @Test(arguments: strategies)
    func everyStrategyRunsBothStagesOnTheEventEngine(_ name: String) throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("walk_forward_event_donchian.json", folder: folder) { json in
            json["strategy"] = ["name": name]
            json["objective"] = ["metric": "cum_returns_final", "direction": "maximize"]
            json["walk_forward"] = ["mode": "rolling", "train": "30d", "test": "14d"]
            json["monte_carlo"] = ["methods": ["cost_stress", "latency_stress", "block_bootstrap"], "paths": 2]
        }
        let run = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("r")))
        let store = try ResultsStore(path: run.folder.storePath)
        #expect(try store.folds(runID: run.runID).count == 2, "\(name)")
        #expect(Set(try store.monteCarlo(runID: run.runID).map(\.method)) == [.costStress, .latencyStress, .blockBootstrap], "\(name)")
    }
}
