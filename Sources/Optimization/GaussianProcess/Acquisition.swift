import Foundation

/// Acquisition functions for minimization, on the model's (transformed) output scale.
/// Both are maximized.
public enum Acquisition: Hashable, Sendable {
    /// Logarithm of expected improvement below the best value (computed stably far in the
    /// tail, so its gradient does not vanish when improvement is unlikely).
    case expectedImprovement
    /// Lower confidence bound, negated: `−(μ − κσ)`.
    case upperConfidenceBound(kappa: Double)

    /// Value and partial derivatives with respect to the posterior mean and standard
    /// deviation.
    func evaluate(mean mu: Double, sd sigma: Double, best: Double) -> (value: Double, dMean: Double, dSD: Double) {
        switch self {
        case let .upperConfidenceBound(kappa):
            return (-(mu - kappa * sigma), -1, kappa)
        case .expectedImprovement:
            let z = (best - mu) / sigma
            let (logH, phiOverH, cdfOverH) = ExpectedImprovement.logH(z)
            // EI = σ h(z), h(z) = φ(z) + zΦ(z); ∂EI/∂μ = −Φ(z), ∂EI/∂σ = φ(z).
            return (log(sigma) + logH, -cdfOverH / sigma, phiOverH / sigma)
        }
    }
}

/// `h(z) = φ(z) + zΦ(z)` in log space, with `φ/h` and `Φ/h`.
enum ExpectedImprovement {
    static let logRootTwoPi = 0.5 * log(2 * Double.pi)

    static func logH(_ z: Double) -> (logH: Double, phiOverH: Double, cdfOverH: Double) {
        if z > -4 {
            let phi = exp(-0.5 * z * z) / (2 * Double.pi).squareRoot()
            let cdf = 0.5 * erfc(-z / 2.0.squareRoot())
            let h = max(phi + z * cdf, 1e-300)
            return (log(h), phi / h, cdf / h)
        }
        // Far tail: Φ(z)/φ(z) = R = 1/(t + c), c = 1/(t + 2/(t + 3/(t + ...))), t = −z, so
        // h = φ (1 − tR) = φ c R without cancellation.
        let t = -z
        var tail = t
        for k in stride(from: 40, through: 2, by: -1) { tail = t + Double(k) / tail }
        let c = 1 / tail
        let r = 1 / (t + c)
        let logPhi = -0.5 * z * z - logRootTwoPi
        return (logPhi + log(c) + log(r), 1 / (c * r), 1 / c)
    }
}
