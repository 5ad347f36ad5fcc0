import Foundation
import Testing
@testable import Experiments
import TestSupport

/// The runner's Monte Carlo stage (Optimization's `MonteCarlo` behind the spec) from the
/// shipped example on two months of data, 8 trials and 8 paths per method.
@Suite struct MonteCarloStageTests {
    static func spec(_ folder: TemporaryFolder) throws -> (ExperimentSpec, String) {
        try RunnerTests.example("monte_carlo_sma_cross.json", folder: folder, budget: 8) { json in
            var monteCarlo = json["monte_carlo"] as! [String: Any]
            monteCarlo["paths"] = 8
            json["monte_carlo"] = monteCarlo
        }
    }

    @Test func everyMethodOfTheExampleIsSummarizedInTheStoreAndTheSummary() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec(folder)
        let one = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: folder.path("one")))
        let two = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("two")))
        #expect(try RunnerTests.read(one.folder, "summary.json") == RunnerTests.read(two.folder, "summary.json"))

        let store = try ResultsStore(path: one.folder.storePath)
        let records = try store.monteCarlo(runID: one.runID)
        #expect(Set(records.map(\.method)) == Set(MonteCarloMethod.allCases))
        for method in MonteCarloMethod.allCases {
            let metrics = records.filter { $0.method == method }
            #expect(Set(metrics.map(\.metric)).isSuperset(of: ["final_equity", "total_return", "max_drawdown", "sharpe"]), "\(method)")
            // The latency stress is one deterministic path; every other method draws 8.
            #expect(metrics.allSatisfy { $0.paths == (method == .latencyStress ? 1 : 8) }, "\(method)")
            #expect(metrics.allSatisfy { (0...1).contains($0.probabilityOfLoss) && (0...1).contains($0.probabilityOfRuin) })
            #expect(metrics.allSatisfy { $0.percentiles == $0.percentiles.sorted() || $0.percentiles.contains(where: \.isNaN) })
        }
        // Reshuffling trades changes their order, never the product of their returns.
        let reshuffled = try #require(records.first { $0.method == .tradeReshuffle && $0.metric == "final_equity" })
        #expect(abs(reshuffled.percentiles[0] - reshuffled.percentiles[4]) < 1e-6 * reshuffled.percentiles[4])

        let fans = try store.monteCarloFans(runID: one.runID)
        #expect(fans.count == MonteCarloMethod.allCases.count)
        #expect(fans.allSatisfy { $0.bands.count == MonteCarloRun.fanPoints && $0.pathIndices == $0.pathIndices.sorted() })
        #expect(fans.allSatisfy { fan in fan.bands.allSatisfy { $0 == $0.sorted() || $0.contains(where: \.isNaN) } })

        // Every method bins the final return and drawdown of each of its paths.
        let histograms = try store.monteCarloHistograms(runID: one.runID)
        for method in MonteCarloMethod.allCases {
            let paths = method == .latencyStress ? 1 : 8
            #expect(histograms.filter { $0.method == method }.map(\.metric) == ["max_drawdown", "total_return"], "\(method)")
            for h in histograms where h.method == method {
                #expect((1...paths).contains(h.counts.reduce(0, +)) && h.edges == h.edges.sorted(), "\(method) \(h.metric)")
                #expect(h.counts.count == (h.edges.count == 2 ? 1 : 40), "\(method) \(h.metric)")
            }
        }

        // The stressed point is the best trial's.
        guard case let .object(summary) = try JSONValue.parse(Data(RunnerTests.read(one.folder, "summary.json").utf8)),
              case let .object(best)? = summary["best"], case let .object(monteCarlo)? = summary["monte_carlo"],
              case let .object(methods)? = monteCarlo["methods"] else {
            Issue.record("summary.json has no best trial or monte_carlo section")
            return
        }
        #expect(monteCarlo["point"] == best["parameters"])
        #expect(methods.keys.sorted() == MonteCarloMethod.allCases.map(\.rawValue).sorted())
    }
}
