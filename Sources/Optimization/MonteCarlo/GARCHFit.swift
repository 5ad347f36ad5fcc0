import Foundation
@preconcurrency import CGSL

/// GARCH(1,1) fitted by Gaussian maximum likelihood: rₜ = μ + εₜ, εₜ = σₜ zₜ,
/// σ²ₜ = ω + α ε²ₜ₋₁ + β σ²ₜ₋₁ with σ²₁ the sample variance.
///
/// Semantics: the negative log-likelihood ½ Σ (ln σ²ₜ + ε²ₜ / σ²ₜ) is minimized with GSL's
/// Nelder–Mead simplex (`nmsimplex2`) over unconstrained coordinates (μ, ln ω, a, b) with
/// α + β = 0.9999·logistic(a) and α = (α + β)·logistic(b), so ω > 0, α, β ≥ 0 and
/// α + β < 1 hold everywhere. Starts at μ = mean, α = 0.05, β = 0.90, ω = variance × 0.05.
public struct GARCHFit: Sendable, Hashable {
    public var mean: Double
    public var omega: Double
    public var alpha: Double
    public var beta: Double
    /// Maximized log-likelihood (without the constant −n/2 · ln 2π).
    public var logLikelihood: Double

    public init(returns: [Double], maxIterations: Int = 4_000) throws(ValidationError) {
        guard returns.count >= 10 else { throw .insufficientData("GARCH(1,1) needs at least 10 returns, got \(returns.count)") }
        crucible_gsl_disable_abort()
        let (m, sd) = ProcessFit.meanAndSD(returns)
        guard sd > 0 else { throw .insufficientData("GARCH(1,1) needs returns that vary") }
        let likelihood = GARCHLikelihood(returns: returns)
        let logit = { (p: Double) in log(p / (1 - p)) }
        let start = [m, log(sd * sd * 0.05), logit(0.95 / 0.9999), logit(0.05 / 0.95)]
        let steps = [sd * 0.1, 0.5, 0.5, 0.5]
        var function = gsl_multimin_function(
            f: { v, params in
                let objective = Unmanaged<GARCHLikelihood>.fromOpaque(params!).takeUnretainedValue()
                let theta = (0..<4).map { gsl_vector_get(v!, $0) }
                return objective.negativeLogLikelihood(theta)
            },
            n: 4, params: Unmanaged.passUnretained(likelihood).toOpaque())
        let x = gsl_vector_alloc(4)!, size = gsl_vector_alloc(4)!
        defer { gsl_vector_free(x); gsl_vector_free(size) }
        for i in 0..<4 {
            gsl_vector_set(x, i, start[i])
            gsl_vector_set(size, i, steps[i])
        }
        let minimizer = gsl_multimin_fminimizer_alloc(crucible_gsl_multimin_nmsimplex2(), 4)!
        defer { gsl_multimin_fminimizer_free(minimizer) }
        guard gsl_multimin_fminimizer_set(minimizer, &function, x, size) == GSL_SUCCESS else {
            throw .evaluation("GARCH(1,1) likelihood is not finite at the starting point")
        }
        for _ in 0..<maxIterations {
            guard gsl_multimin_fminimizer_iterate(minimizer) == GSL_SUCCESS else { break }
            if gsl_multimin_test_size(gsl_multimin_fminimizer_size(minimizer), 1e-9) == GSL_SUCCESS { break }
        }
        let best = gsl_multimin_fminimizer_x(minimizer)!
        let theta = (0..<4).map { gsl_vector_get(best, $0) }
        let p = GARCHLikelihood.parameters(theta)
        mean = p.mu
        omega = p.omega
        alpha = p.alpha
        beta = p.beta
        logLikelihood = -gsl_multimin_fminimizer_minimum(minimizer)
        guard logLikelihood.isFinite else { throw .evaluation("GARCH(1,1) fit did not reach a finite likelihood") }
    }
}

/// The objective of `GARCHFit`, handed to GSL through an opaque pointer.
final class GARCHLikelihood {
    let returns: [Double]
    let initialVariance: Double

    init(returns: [Double]) {
        self.returns = returns
        let (_, sd) = ProcessFit.meanAndSD(returns)
        initialVariance = sd * sd
    }

    static func parameters(_ theta: [Double]) -> (mu: Double, omega: Double, alpha: Double, beta: Double) {
        let logistic = { (x: Double) in 1 / (1 + exp(-x)) }
        let persistence = 0.9999 * logistic(theta[2])
        let alpha = persistence * logistic(theta[3])
        return (theta[0], exp(theta[1]), alpha, persistence - alpha)
    }

    func negativeLogLikelihood(_ theta: [Double]) -> Double {
        let (mu, omega, alpha, beta) = Self.parameters(theta)
        var variance = initialVariance
        var total = 0.0
        var previous = 0.0
        for (t, r) in returns.enumerated() {
            if t > 0 { variance = omega + alpha * previous * previous + beta * variance }
            let e = r - mu
            total += log(variance) + e * e / variance
            previous = e
        }
        return total.isFinite ? total / 2 : .greatestFiniteMagnitude
    }
}
