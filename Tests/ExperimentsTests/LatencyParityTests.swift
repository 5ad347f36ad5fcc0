import Foundation
import Testing
@testable import Experiments

/// A latency stress means one thing on both engines: each signal is acted on `latency_bars`
/// bars after the bar that produced it, with the position of that later bar (the vectorized
/// engine shifts the signal column; the event engine shows the strategy older bars,
/// `SignalDelayed`). The rule examples decide from their position (an entry is skipped while in
/// that direction) and carry exits, sizing and risk limits, so they would drift apart if
/// either engine delayed orders instead of signals.
@Suite struct LatencyParityTests {
    static let examples = ["rules_trend_oscillator.json", "rules_session_breakout.json", "rules_mean_reversion.json",
                           "rules_volatility_momentum.json", "monte_carlo_sma_cross.json"]

    @Test(arguments: examples)
    func theLatencyStressIsTheSameOnBothEngines(file: String) throws {
        let folder = try TemporaryFolder()
        func records(_ kind: String) throws -> [MonteCarloRecord] {
            let (spec, text) = try RunnerTests.example(file, folder: folder) { json in
                json["optimizer"] = ["kind": "random", "budget": 4]
                json["monte_carlo"] = ["methods": ["latency_stress"], "paths": 1, "latency_bars": 2]
                var engine = json["engine"] as! [String: Any]
                engine["kind"] = kind
                json["engine"] = engine
            }
            let run = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path(kind)))
            return try ResultsStore(path: run.folder.storePath).monteCarlo(runID: run.runID)
        }
        let event = try records("event"), vectorized = try records("vectorized")
        #expect(!event.isEmpty)
        #expect(event == vectorized)
    }
}
