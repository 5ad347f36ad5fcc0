import Testing
@testable import Experiments

@Suite struct ResultsStoreHistogramTests {
    @Test func histogramsRoundTripAndReplace() throws {
        let folder = try TemporaryFolder()
        let store = try ResultsStore(path: folder.path("results.sqlite"))
        _ = try store.open(ResultsStoreTests.run())
        let returns = MonteCarloHistogramRecord(method: .gbm, metric: "total_return", edges: [-0.5, -0.25, 0, 0.25], counts: [3, 0, 7])
        let drawdown = MonteCarloHistogramRecord(method: .gbm, metric: "max_drawdown", edges: [-0.75, -0.375, 0], counts: [4, 6])
        let other = MonteCarloHistogramRecord(method: .tradeBootstrap, metric: "total_return", edges: [1.99, 2.01], counts: [10])
        try store.record(runID: "r1", histograms: [other, returns, drawdown])
        // Read back by method name, then metric name.
        #expect(try store.monteCarloHistograms(runID: "r1") == [drawdown, returns, other])
        let rebinned = MonteCarloHistogramRecord(method: .gbm, metric: "total_return", edges: [-1, 1], counts: [10])
        try store.record(runID: "r1", histograms: [rebinned])
        #expect(try store.monteCarloHistograms(runID: "r1") == [drawdown, rebinned, other])
        #expect(try store.monteCarloHistograms(runID: "other").isEmpty)
    }
}
