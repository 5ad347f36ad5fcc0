import Foundation
@testable import Optimization
import Testing

@Suite struct MonteCarloHistogramTests {
    @Test func binsKnownValuesByHand() {
        // min 0, max 40, 40 bins of width 1: 0 and 0.5 → bin 0; 1 → bin 1 (left-closed);
        // 20.25 → bin 20; 39.9 → bin 39; 40 (the maximum) → the last bin, 39. NaN and ∞ skipped.
        let h = MetricHistogram(name: "x", values: [0, 0.5, 1, .nan, 20.25, 39.9, .infinity, 40])
        #expect(h.edges == (0...40).map(Double.init))
        var expected = [Int](repeating: 0, count: 40)
        expected[0] = 2; expected[1] = 1; expected[20] = 1; expected[39] = 2
        #expect(h.counts == expected)
        // Four bins over [−1, 1] (width 0.5): −1, −0.6 → 0; −0.2 → 1; 0.1, 0.4 → 2; 1 → 3.
        let small = MetricHistogram(name: "y", values: [-1, -0.6, -0.2, 0.1, 0.4, 1], bins: 4)
        #expect(small.edges == [-1, -0.5, 0, 0.5, 1])
        #expect(small.counts == [2, 1, 2, 1])
    }

    /// A range wider than Double's (−1e308 to 1e308: hi − lo overflows) bins every value
    /// instead of trapping on an infinite or NaN bin index.
    @Test func aRangeWiderThanDoubleStillBins() {
        let h = MetricHistogram(name: "w", values: [-1e308, 0, 1e308], bins: 4)
        #expect(h.counts.reduce(0, +) == 3)
    }

    @Test func constantAndEmptySamples() {
        let constant = MetricHistogram(name: "c", values: [2, 2, .nan, 2])
        #expect(constant.counts == [3])
        #expect(constant.edges.count == 2 && abs(constant.edges[0] - 1.99) < 1e-12 && abs(constant.edges[1] - 2.01) < 1e-12)
        // A spread of rounding noise (1e-12 on 4.19) is one value, not 40 bins of noise.
        let noisy = MetricHistogram(name: "r", values: [4.19, 4.19 + 1e-12, 4.19 - 1e-12])
        #expect(noisy.counts == [3] && abs(noisy.edges[1] - noisy.edges[0] - 0.0419) < 1e-12)
        let empty = MetricHistogram(name: "e", values: [.nan])
        #expect(empty.edges.isEmpty && empty.counts.isEmpty)
    }

    @Test func reportBinsTheFinalReturnAndDrawdownOfEveryPath() throws {
        // Two trades, +10 % and −50 %, bootstrapped. Total returns: (+,+) 0.21, (+,−) and (−,+)
        // −0.45, (−,−) −0.75; over [−0.75, 0.21] in 40 bins of 0.024, −0.45 falls in bin
        // 0.30/0.024 = 12.5 → 12. Drawdowns: 0, −0.5 (both mixed paths), −0.75; over [−0.75, 0]
        // in bins of 0.01875, −0.5 falls in bin 0.25/0.01875 = 13.3 → 13.
        let sample = TradeSample(returns: [0.1, -0.5], initialEquity: 100, periodsPerYear: 12)
        let report = try MonteCarlo(settings: MonteCarloSettings(paths: 400, seed: 11), threads: 2).tradeBootstrap(sample)
        let returns = try #require(report.histogram("total_return"))
        #expect(returns.counts.count == 40 && returns.counts.reduce(0, +) == 400)
        #expect(abs(returns.edges[0] + 0.75) < 1e-12 && abs(returns.edges[40] - 0.21) < 1e-12)
        #expect(returns.counts.indices.filter { returns.counts[$0] > 0 } == [0, 12, 39])
        let drawdown = try #require(report.histogram("max_drawdown"))
        #expect(drawdown.counts.reduce(0, +) == 400)
        #expect(abs(drawdown.edges[0] + 0.75) < 1e-12 && drawdown.edges[40] == 0)
        #expect(drawdown.counts.indices.filter { drawdown.counts[$0] > 0 } == [0, 13, 39])
        // The paths that lost everything but a quarter are the same in both histograms.
        #expect(returns.counts[0] == drawdown.counts[0])
    }
}
