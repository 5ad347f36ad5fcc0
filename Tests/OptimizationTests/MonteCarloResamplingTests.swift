import Foundation
import MarketData
@testable import Optimization
import Testing

@Suite struct MonteCarloResamplingTests {
    static let returns: [Double] = [0.05, -0.03, 0.02, -0.08, 0.04, 0.01, -0.02, 0.06, -0.05, 0.03]

    static func sample() -> TradeSample {
        TradeSample(returns: returns, initialEquity: 1_000, periodsPerYear: 50)
    }

    @Test func reshuffleKeepsTheTradesAndTheFinalEquityButMovesTheDrawdown() throws {
        let rng = SeededGenerator(seed: 7)
        for _ in 0..<20 {
            #expect(MonteCarlo.reshuffled(Self.returns, rng).sorted() == Self.returns.sorted())
        }
        let report = try MonteCarlo(settings: MonteCarloSettings(paths: 200, seed: 1), threads: 2).tradeReshuffle(Self.sample())
        let product = Self.returns.reduce(1_000.0) { $0 * (1 + $1) }
        let final = try #require(report.metric("final_equity"))
        #expect(abs(final.p5 / product - 1) < 1e-12 && abs(final.p95 / product - 1) < 1e-12)
        let drawdown = try #require(report.metric("max_drawdown"))
        #expect(drawdown.p5 < drawdown.p95)
        #expect(report.probabilityOfLoss == (product < 1_000 ? 1 : 0))
        #expect(report.fan.indices == Array(0...10) + [Int](repeating: 10, count: 90))
    }

    @Test func sameSeedSameReportWhateverTheThreads() throws {
        let settings = MonteCarloSettings(paths: 64, seed: 42, fanPoints: 5)
        let one = try MonteCarlo(settings: settings, threads: 1).tradeBootstrap(Self.sample())
        let four = try MonteCarlo(settings: settings, threads: 4).tradeBootstrap(Self.sample())
        #expect(one == four)
        var other = settings
        other.seed = 43
        #expect(try MonteCarlo(settings: other, threads: 1).tradeBootstrap(Self.sample()) != one)
        let returns = (0..<50).map { sin(Double($0)) / 100 }
        let blockOne = try MonteCarlo(settings: settings, threads: 1)
            .returnBootstrap(returns: returns, initialEquity: 100, periodsPerYear: 365, meanBlockLength: 5)
        let blockThree = try MonteCarlo(settings: settings, threads: 3)
            .returnBootstrap(returns: returns, initialEquity: 100, periodsPerYear: 365, meanBlockLength: 5)
        #expect(blockOne == blockThree)
    }

    @Test func bootstrapPercentilesFollowTheBinomialLaw() throws {
        // 100 trades, half +1 %, half −1 %: a bootstrap path with W wins ends at
        // 1.01^W · 0.99^(100 − W), W ~ Binomial(100, 1/2): median W = 50, 5th and 95th
        // percentiles W ≈ 50 ∓ 1.645·5 ≈ 41.8 and 58.2.
        let returns = (0..<100).map { $0 % 2 == 0 ? 0.01 : -0.01 }
        let report = try MonteCarlo(settings: MonteCarloSettings(paths: 2_000, seed: 5), threads: 2)
            .tradeBootstrap(TradeSample(returns: returns, initialEquity: 1, periodsPerYear: 100))
        func final(wins w: Double) -> Double { pow(1.01, w) * pow(0.99, 100 - w) }
        let f = try #require(report.metric("final_equity"))
        #expect(f.p50 >= final(wins: 48) && f.p50 <= final(wins: 52))
        #expect(f.p5 >= final(wins: 39) && f.p5 <= final(wins: 45))
        #expect(f.p95 >= final(wins: 55) && f.p95 <= final(wins: 61))
        #expect(f.p5 <= f.p25 && f.p25 <= f.p50 && f.p50 <= f.p75 && f.p75 <= f.p95)
        // P(loss) = P(W ≤ 50) (1.01^50·0.99^50 < 1 < 1.01^51·0.99^49) = 1/2 + P(W = 50)/2 = 0.5398.
        #expect(abs(report.probabilityOfLoss - 0.5398) < 0.04)
    }

    @Test func probabilityOfLossAndRuinOnAHandMadeCase() throws {
        // Two trades, +10 % and −50 %, bootstrapped: (+,+) ends at 1.21; (+,−) at 0.55; (−,+) at
        // 0.55 having touched 0.5 (not below); (−,−) at 0.25. Loss in 3 of 4 equally likely
        // paths; ruin (below 0.5 × initial) only in (−,−): 1 of 4.
        let sample = TradeSample(returns: [0.1, -0.5], initialEquity: 100, periodsPerYear: 12)
        let report = try MonteCarlo(settings: MonteCarloSettings(paths: 4_000, seed: 11, ruinThreshold: 0.5), threads: 2)
            .tradeBootstrap(sample)
        #expect(abs(report.probabilityOfLoss - 0.75) < 0.025)
        #expect(abs(report.probabilityOfRuin - 0.25) < 0.025)
        let final = try #require(report.metric("final_equity"))
        #expect(abs(final.p5 - 25) < 1e-9 && abs(final.p50 - 55) < 1e-9 && abs(final.p95 - 121) < 1e-9)
    }

    @Test func fanKeepsAFixedNumberOfPositions() throws {
        let returns = (0..<1_000).map { sin(Double($0) * 0.37) / 200 }
        let report = try MonteCarlo(settings: MonteCarloSettings(paths: 20, seed: 2, fanPoints: 11), threads: 1)
            .returnBootstrap(returns: returns, initialEquity: 1, periodsPerYear: 8_760, meanBlockLength: 24)
        #expect(report.fan.indices == (0...10).map { $0 * 100 })
        #expect(report.fan.bands.count == 5 && report.fan.bands.allSatisfy { $0.count == 11 })
        #expect(report.fan.bands.allSatisfy { $0[0] == 1 })
        for j in 0..<11 {
            for k in 1..<5 { #expect(report.fan.bands[k - 1][j] <= report.fan.bands[k][j]) }
        }
    }
}
