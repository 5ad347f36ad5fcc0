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
    @Test func aSubBarRunTradesAsTheEngineDoesWithTheMinuteData() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("grid_sma_cross.json", folder: folder) { json in
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
}
