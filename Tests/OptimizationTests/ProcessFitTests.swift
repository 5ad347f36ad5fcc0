import Foundation
import MarketData
@testable import Optimization
import Testing

@Suite struct ProcessFitTests {
    typealias V = Validation

    /// Daily closes whose log returns are `returns`, from 100.
    static func bars(logReturns returns: [Double]) -> BarSeries {
        var close = [100.0]
        for r in returns { close.append(close.last! * exp(r)) }
        return V.bars(close: close, timeframe: .d1)
    }

    @Test func gbmMatchesTheSampleMoments() throws {
        // 100 returns alternating ±0.01: mean 0, s = 0.01·√(100/99); σ = s·√365, μ = σ²/2.
        let bars = Self.bars(logReturns: (0..<100).map { $0 % 2 == 0 ? 0.01 : -0.01 })
        guard case let .gbm(drift, volatility) = try ProcessFit.model(.gbm, bars: bars) else { Issue.record("not GBM"); return }
        let sigma = 0.01 * (100.0 / 99).squareRoot() * 365.0.squareRoot()
        #expect(abs(volatility - sigma) < 1e-12)
        #expect(abs(drift - sigma * sigma / 2) < 1e-9)
    }

    @Test func jumpDiffusionSeparatesTheJumps() throws {
        // 98 returns ±0.001 (49 each) and jumps +0.05, −0.03. Sorted, the median (index 50) is
        // 0.001; deviations from it: 49 zeros, 49 × 0.002, 0.031, 0.049, so MAD = 0.002 and the
        // jump cut is 4 × 1.4826 × 0.002 = 0.01186: exactly the two jumps. λ = 2 per 100 days.
        let small = (0..<98).map { $0 % 2 == 0 ? 0.001 : -0.001 }
        let returns = Array(small[0..<30]) + [0.05] + Array(small[30..<70]) + [-0.03] + Array(small[70...])
        guard case let .merton(_, volatility, lambda, jumpMean, jumpVolatility) = try ProcessFit.model(.jumpDiffusion, bars: Self.bars(logReturns: returns)) else {
            Issue.record("not a jump diffusion"); return
        }
        #expect(abs(lambda - 2 / (100.0 / 365)) < 1e-9)
        #expect(abs(jumpMean - 0.01) < 1e-12)
        #expect(abs(jumpVolatility - (2 * 0.04 * 0.04).squareRoot()) < 1e-12)
        #expect(abs(volatility - 0.001 * (98.0 / 97).squareRoot() * 365.0.squareRoot()) < 1e-12)
    }

    @Test func garchMaximumLikelihoodRecoversKnownParameters() throws {
        // Simulated GARCH(1,1) with ω = 2e-5, α = 0.10, β = 0.85 (MarketData's generator); the
        // fit must land near the truth (standard errors at n = 3000 are about 0.02 and 0.03).
        let bars = try SyntheticBars.generate(.garch(mean: 0, omega: 2e-5, alpha: 0.10, beta: 0.85), count: 3_000, timeframe: .d1, seed: 17)
        let fit = try GARCHFit(returns: try ProcessFit.logReturns(bars))
        #expect(abs(fit.alpha - 0.10) < 0.05)
        #expect(abs(fit.beta - 0.85) < 0.08)
        #expect(abs(fit.omega / (1 - fit.alpha - fit.beta) - 2e-5 / 0.05) / (2e-5 / 0.05) < 0.3)
        #expect(fit.alpha + fit.beta < 1)
        // The maximum beats the truth's likelihood and the starting point's.
        let likelihood = GARCHLikelihood(returns: try ProcessFit.logReturns(bars))
        func theta(_ mu: Double, _ omega: Double, _ alpha: Double, _ beta: Double) -> [Double] {
            let logit = { (p: Double) in log(p / (1 - p)) }
            return [mu, log(omega), logit((alpha + beta) / 0.9999), logit(alpha / (alpha + beta))]
        }
        #expect(-fit.logLikelihood <= likelihood.negativeLogLikelihood(theta(0, 2e-5, 0.10, 0.85)) + 1e-9)
    }
}
