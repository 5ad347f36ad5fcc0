import Foundation
import MarketData

/// Fits a synthetic price process to bars' close-to-close log returns xₜ = ln(cₜ / cₜ₋₁).
///
/// Semantics (A = periods per year, m and s the mean and sample standard deviation of x):
/// - GBM: σ = s·√A, μ = m·A + σ²/2 (so the simulated log returns have mean m and sd s).
/// - GARCH(1,1): maximum likelihood (`GARCHFit`), per-bar parameters as MarketData's model.
/// - Jump diffusion (Merton): returns further than 4 robust standard deviations
///   (1.4826 × median absolute deviation) from the median are jumps. σ comes from the other
///   returns, λ = jumps per year, μ_J and σ_J are the jumps' mean and standard deviation (σ_J =
///   0 for a single jump), and μ is set so the simulated log returns keep the mean m:
///   μ = m·A + σ²/2 + λ(e^{μ_J + σ_J²/2} − 1) − λ μ_J.
public enum ProcessFit {
    /// The model of `process` fitted to `bars` (at least 10 bars with positive closes).
    public static func model(_ process: SyntheticProcess, bars: BarSeries) throws(ValidationError) -> SyntheticModel {
        let x = try logReturns(bars)
        let a = bars.periodsPerYear
        switch process {
        case .gbm:
            let (m, s) = meanAndSD(x)
            return .gbm(drift: m * a + s * s * a / 2, volatility: s * a.squareRoot())
        case .garch:
            let fit = try GARCHFit(returns: x)
            return .garch(mean: fit.mean, omega: fit.omega, alpha: fit.alpha, beta: fit.beta)
        case .jumpDiffusion:
            return jumpDiffusion(x, periodsPerYear: a)
        }
    }

    static func logReturns(_ bars: BarSeries) throws(ValidationError) -> [Double] {
        guard bars.count >= 10 else { throw .insufficientData("fitting a price process needs at least 10 bars, got \(bars.count)") }
        var x: [Double] = []
        x.reserveCapacity(bars.count - 1)
        for i in 1..<bars.count {
            let r = log(bars.close[i] / bars.close[i - 1])
            guard r.isFinite else { throw .insufficientData("close at bar \(i - 1) or \(i) is not a positive number") }
            x.append(r)
        }
        return x
    }

    static func meanAndSD(_ x: [Double]) -> (Double, Double) {
        let n = Double(x.count)
        let m = x.reduce(0, +) / n
        let v = n > 1 ? x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1) : 0
        return (m, v.squareRoot())
    }

    static func jumpDiffusion(_ x: [Double], periodsPerYear a: Double) -> SyntheticModel {
        let sorted = x.sorted()
        let median = sorted[sorted.count / 2]
        let deviations = x.map { abs($0 - median) }.sorted()
        let robust = 1.4826 * deviations[deviations.count / 2]
        let isJump = x.map { robust > 0 && abs($0 - median) > 4 * robust }
        let jumps = zip(x, isJump).filter(\.1).map(\.0)
        let normal = zip(x, isJump).filter { !$0.1 }.map(\.0)
        let (m, _) = meanAndSD(x)
        let (_, s) = meanAndSD(normal)
        let sigma = s * a.squareRoot()
        let years = Double(x.count) / a
        let lambda = Double(jumps.count) / years
        let (muJ, sdJ) = jumps.isEmpty ? (0, 0) : (jumps.count == 1 ? (jumps[0], 0) : meanAndSD(jumps))
        let k = exp(muJ + sdJ * sdJ / 2) - 1
        return .merton(drift: m * a + sigma * sigma / 2 + lambda * k - lambda * muJ, volatility: sigma,
                       jumpsPerYear: lambda, jumpMean: muJ, jumpVolatility: sdJ)
    }
}
