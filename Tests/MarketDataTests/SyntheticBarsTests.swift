import Testing
import Foundation
import MarketData
import TestSupport

@Suite struct SyntheticBarsTests {
    static func logReturns(_ bars: BarSeries) -> [Double] {
        (1..<bars.count).map { log(bars.close[$0] / bars.close[$0 - 1]) }
    }

    static func meanAndVariance(_ x: [Double]) -> (Double, Double) {
        let mean = x.reduce(0, +) / Double(x.count)
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
        return (mean, variance)
    }

    static func expectConsistentBars(_ bars: BarSeries) {
        for i in 0..<bars.count {
            #expect(bars.low[i] <= min(bars.open[i], bars.close[i]) && bars.high[i] >= max(bars.open[i], bars.close[i]))
            #expect(bars.low[i] > 0 && bars.volume[i] >= 0)
        }
    }

    static let models: [SyntheticModel] = [
        .gbm(drift: 0.1, volatility: 0.8),
        .garch(mean: 0, omega: 2e-6, alpha: 0.08, beta: 0.9),
        .merton(drift: 0.1, volatility: 0.6, jumpsPerYear: 20, jumpMean: -0.02, jumpVolatility: 0.05),
    ]

    @Test func aSeedReproducesThePathAndAnotherSeedDoesNot() throws {
        let real = try Fixtures.bars("btcusdt_1d.csv")
        for model in Self.models + [.bootstrap(source: real, blockLength: 5)] {
            let a = try SyntheticBars.generate(model, count: 500, timeframe: .h1, seed: 42)
            let b = try SyntheticBars.generate(model, count: 500, timeframe: .h1, seed: 42)
            let c = try SyntheticBars.generate(model, count: 500, timeframe: .h1, seed: 43)
            #expect(a == b)
            #expect(a.close != c.close)
            Self.expectConsistentBars(a)
            #expect(a.open[0] == 100)
        }
    }

    /// Log returns of GBM are iid N((μ − σ²/2)Δt, σ²Δt); check both moments within 4 standard errors.
    @Test func gbmLogReturnsHaveTheModelMeanAndVariance() throws {
        let n = 20_000
        let bars = try SyntheticBars.generate(.gbm(drift: 0.1, volatility: 0.8), count: n, timeframe: .h1, seed: 7, subSteps: 4)
        let dt = 1.0 / 8760
        let (mean, variance) = Self.meanAndVariance(Self.logReturns(bars))
        let trueVariance = 0.64 * dt
        let trueMean = (0.1 - 0.32) * dt
        #expect(abs(mean - trueMean) < 4 * (trueVariance / Double(n)).squareRoot())
        #expect(abs(variance - trueVariance) < 4 * trueVariance * (2.0 / Double(n - 1)).squareRoot())
    }

    /// GARCH(1,1): unconditional variance ω / (1 − α − β) (loose: ±25%), and fat tails (kurtosis > 3).
    @Test func garchHasItsUnconditionalVarianceAndFatTails() throws {
        let bars = try SyntheticBars.generate(.garch(mean: 0, omega: 2e-6, alpha: 0.08, beta: 0.9), count: 20_000,
                                              timeframe: .h1, seed: 11, subSteps: 2)
        let r = Self.logReturns(bars)
        let (mean, variance) = Self.meanAndVariance(r)
        #expect(abs(variance / 1e-4 - 1) < 0.25)
        let kurtosis = r.reduce(0) { $0 + pow($1 - mean, 4) } / Double(r.count) / (variance * variance)
        #expect(kurtosis > 3.3)
    }

    /// Merton: variance per bar σ²Δt + λΔt(μ_J² + σ_J²) (loose: ±20%).
    @Test func mertonVarianceIncludesTheJumps() throws {
        let bars = try SyntheticBars.generate(.merton(drift: 0, volatility: 0.5, jumpsPerYear: 200, jumpMean: 0, jumpVolatility: 0.05),
                                              count: 20_000, timeframe: .h1, seed: 5, subSteps: 2)
        let dt = 1.0 / 8760
        let expected = 0.25 * dt + 200 * dt * 0.0025
        let (_, variance) = Self.meanAndVariance(Self.logReturns(bars))
        #expect(abs(variance / expected - 1) < 0.2)
    }

    /// Each bootstrapped bar is a real bar rescaled to the synthetic previous close.
    @Test func bootstrapReusesRealBarShapes() throws {
        let real = try Fixtures.bars("btcusdt_1d.csv")
        let bars = try SyntheticBars.generate(.bootstrap(source: real, blockLength: 1), count: 200, timeframe: .d1, seed: 3)
        let realShapes = Set((1..<real.count).map { Int((real.close[$0] / real.close[$0 - 1] * 1e9).rounded()) })
        for i in 1..<bars.count {
            let shape = Int((bars.close[i] / bars.close[i - 1] * 1e9).rounded())
            #expect(realShapes.contains(shape))
        }
    }

    @Test func rejectsInvalidParameters() {
        #expect(throws: DataError.self) {
            try SyntheticBars.generate(.garch(mean: 0, omega: 1e-6, alpha: 0.5, beta: 0.6), count: 10, timeframe: .h1, seed: 1)
        }
    }
}
