import Foundation
import Testing
import MarketData
import Optimization
import Simulation
import Strategies
@testable import Experiments
import TestSupport

/// `intrabar: sub_bars` with `data.sub_bars` runs: the search replays the bundled minute bars
/// inside each hourly bar, and the stored best trial equals the event engine run directly on
/// the same bars with the minute data (cut here from the CSV files).
@Suite struct SubBarRunTests {
    /// Three weeks of BTC 1h with the bundled 1m bars replayed by the event engine, SMA grid with a 1% stop and target.
    static func minuteReplay(_ json: inout [String: Any]) {
            json["data"] = ["file": "../datasets/btcusdt_1h.csv", "start": "2023-03-01", "end": "2023-03-21",
                            "sub_bars": "../datasets/btcusdt_1m.csv", "validation": "warn"]
            json["strategy"] = ["name": "sma_cross",
                                "parameters": ["fast": ["values": [5, 10]], "slow": ["values": [20, 40]],
                                               "stop_loss": 0.01, "take_profit": 0.01]]
            var engine = json["engine"] as! [String: Any]
            engine["kind"] = "event"
            engine["intrabar"] = "sub_bars"
            json["engine"] = engine
    }

    @Test func aSubBarRunTradesAsTheEngineDoesWithTheMinuteData() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("grid_sma_cross.json", folder: folder) { json in
            Self.minuteReplay(&json)
        }
        let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("run")))
        let store = try ResultsStore(path: outcome.folder.storePath)
        let trials = try store.trials(runID: outcome.runID)
        #expect(trials.count == 4 && trials.allSatisfy { $0.status != .failed })

        let start: Int64 = 1_677_628_800_000, end: Int64 = 1_679_356_800_000   // 2023-03-01, 2023-03-21
        let bars = try Fixtures.bars("btcusdt_1h.csv").slice(from: start, to: end)
        let minutes = try Fixtures.bars("btcusdt_1m.csv").slice(from: start, to: end)
        var checked = 0
        for trial in trials {
            guard let curves = try store.curves(runID: outcome.runID, trialID: trial.id) else { continue }
            let strategy = try SMACross(parameters: spec.strategy.parameterSet(trial.point.values))
            let direct = try EventEngine(config: spec.engine.config, slippage: FixedSlippage(bps: 1))
                .run(strategy, bars: bars, subBars: minutes)
            #expect(curves.equity == direct.equity)
            #expect(curves.trades == direct.trades)
            checked += 1
        }
        #expect(checked > 0)
    }

    /// Walk-forward folds and the Monte Carlo reruns on real bars replay the minute bars too:
    /// each fold's out-of-sample figures equal the event engine run directly on the test window
    /// (warm-up included, trading gated at the window's start, measured without its base point)
    /// with the minute data.
    @Test func walkForwardAndMonteCarloReplayTheMinuteBars() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("grid_sma_cross.json", folder: folder) { json in
            Self.minuteReplay(&json)
            json["walk_forward"] = ["mode": "rolling", "train": "6d", "test": "3d"]
            json["monte_carlo"] = ["methods": ["cost_stress", "dropped_bars", "parameter_perturbation"], "paths": 8]
        }
        let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("run")))
        let store = try ResultsStore(path: outcome.folder.storePath)
        let folds = try store.folds(runID: outcome.runID)
        #expect(folds.count == 4)
        #expect(try store.monteCarlo(runID: outcome.runID).map(\.method).contains(.droppedBars))

        let bars = try Fixtures.bars("btcusdt_1h.csv").slice(from: 1_677_628_800_000, to: 1_679_356_800_000)
        let minutes = try Fixtures.bars("btcusdt_1m.csv")
        let initialCash = spec.engine.config.initialCash
        let sharpe = TrialMetrics.names.firstIndex(of: "sharpe_ratio")!, count = TrialMetrics.names.firstIndex(of: "trade_count")!
        for fold in folds {
            let test = bars.indexRange(from: fold.testStart, to: fold.testEnd)
            let train = bars.indexRange(from: fold.trainStart, to: fold.trainEnd)
            let window = EvaluationWindow(series: bars, counted: test, warmup: train.count)
            let strategy = try SMACross(parameters: spec.strategy.parameterSet(fold.point.values))
            let direct = try EventEngine(config: spec.engine.config, slippage: FixedSlippage(bps: 1))
                .run(strategy, bars: window.bars, subBars: minutes,
                     timing: OrderTiming(tradingStart: window.bars.ts[window.firstDecisionBar(spec.engine.config.fill)]))
                .counted(in: window)
            let figures = try TrialMetrics.compute(direct, initialCash: initialCash, periodsPerYear: bars.periodsPerYear, from: 1).metrics
            #expect(fold.outOfSample[sharpe] == figures[sharpe])
            #expect(fold.outOfSample[count] == figures[count])
        }
    }

    /// Synthetic Monte Carlo paths have no minute bars: the spec is refused before any work,
    /// with the method's JSON path.
    @Test func syntheticPathsWithSubBarsAreRefused() throws {
        let folder = try TemporaryFolder()
        #expect {
            _ = try RunnerTests.example("grid_sma_cross.json", folder: folder) { json in
                json["data"] = ["file": "../datasets/btcusdt_1h.csv", "sub_bars": "../datasets/btcusdt_1m.csv"]
                var engine = json["engine"] as! [String: Any]
                engine["kind"] = "event"
                engine["intrabar"] = "sub_bars"
                json["engine"] = engine
                json["monte_carlo"] = ["methods": ["cost_stress", "gbm"], "paths": 8]
            }
        } throws: { error in
            String(describing: error).contains("monte_carlo.methods[1]: " + MonteCarlo.syntheticSubBarsRefusal)
        }
    }
}
