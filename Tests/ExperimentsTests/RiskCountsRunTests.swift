import Foundation
import Testing
import MarketData
import Simulation
import Strategies
@testable import Experiments
import TestSupport

/// A run whose risk limits fire: every trial's stored counts (ranked.csv, summary.json, the
/// trial's metrics) and the top trials' `risk_event` rows equal the events of the vectorized
/// engine run directly with the same modifiers, counted here from the event list.
@Suite struct RiskCountsRunTests {
    @Test func riskEventsAreCountedInEveryOutput() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("grid_sma_cross.json", folder: folder) { json in
            json["strategy"] = ["name": "sma_cross",
                                "parameters": ["fast": ["values": [5, 10]], "slow": ["values": [20, 40]]],
                                "sizing": ["rule": "fixed_fraction", "fraction": 0.9],
                                "risk": ["daily_loss": 0.004, "max_position": 0.5]]
        }
        let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("run")))
        let store = try ResultsStore(path: outcome.folder.storePath)
        let trials = try store.trials(runID: outcome.runID)
        let bars = try Fixtures.bars("btcusdt_1h.csv").slice(from: 1_672_531_200_000, to: 1_677_628_800_000)   // 2023-01-01 … 03-01
        let index = { (name: ObjectiveMetric) in TrialMetrics.names.firstIndex(of: name.rawValue)! }
        var withEvents = 0, withCurves = 0
        for trial in trials {
            let modifiers = try #require(try PointModifiers.of(spec, trial.point.values, periodsPerYear: bars.periodsPerYear))
            let strategy = try SMACross(parameters: spec.strategy.parameterSet(trial.point.values))
            let direct = try VectorizedEngine(config: spec.engine.config, slippage: FixedSlippage(bps: 1))
                .run(modifiers.vectorized(strategy, instrument: spec.engine.config.trading(bars.instrument)), bars: bars)
            let events = direct.riskEvents
            let refused = events.filter { $0.action == .blocked || $0.action == .rejected }.count
            #expect(trial.metrics[index(.riskEvents)] == Double(events.count))
            #expect(trial.metrics[index(.ordersRefused)] == Double(refused))
            #expect(trial.metrics[index(.ordersClipped)] == Double(events.filter { $0.action == .clipped }.count))
            #expect(trial.metrics[index(.riskHalts)] == Double(events.filter { $0.action == .flattened }.count))
            if !events.isEmpty { withEvents += 1 }
            if let curves = try store.curves(runID: outcome.runID, trialID: trial.id) {
                #expect(curves.riskEvents == events)
                withCurves += 1
            }
        }
        #expect(withEvents == trials.count)
        #expect(withCurves == 3)

        let ranked = try RunnerTests.read(outcome.folder, "ranked.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = ranked[0].map(String.init)
        for name in ["risk_events", "orders_refused", "orders_clipped", "risk_halts"] {
            let column = try #require(header.firstIndex(of: name))
            for row in ranked.dropFirst() {
                let trial = trials.first { String($0.id) == row[header.firstIndex(of: "trial")!] }!
                #expect(Double(row[column]) == trial.metrics[index(ObjectiveMetric(rawValue: name)!)]!)
            }
        }
        let summary = try RunnerTests.read(outcome.folder, "summary.json")
        #expect(summary.contains("\"orders_refused\""))
    }
}
