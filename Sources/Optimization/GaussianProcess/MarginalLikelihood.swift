import Foundation

/// Negative log marginal likelihood of a Matérn 5/2 ARD process plus the negative log prior
/// on the hyperparameters, with its analytic gradient in θ (see `GPHyperparameters`):
/// `−log p(y|θ) = ½ yᵀK⁻¹y + Σ log L_ii + (n/2) log 2π` and
/// `∂/∂θ = −½ tr((ααᵀ − K⁻¹) ∂K/∂θ)`, `α = K⁻¹y`.
final class MarginalLikelihood {
    let x: [Double]
    let y: [Double]
    let n: Int
    let dimension: Int
    let prior: GPPrior

    /// Squared coordinate differences of every pair a > b, packed pair-major (θ-independent).
    private let squaredDifferences: [Double]
    /// Per-pair scratch: exp(−√5 r) and √5 r at the last evaluated θ.
    private var decay: [Double]
    private var scaled: [Double]
    /// The last θ evaluated without a gradient, with its factor, `α` and value (prior
    /// excluded): BFGS's line search asks for the value at a step and then for the gradient at
    /// the same step. Set only while the per-pair scratch is at that θ.
    private var lastValue: (theta: [Double], factor: [Double], alpha: [Double], value: Double)?

    init(x: [Double], y: [Double], dimension: Int) {
        self.x = x
        self.y = y
        self.n = y.count
        self.dimension = dimension
        self.prior = GPPrior(dimension: dimension)
        let pairs = n * (n - 1) / 2
        var diffs = [Double](repeating: 0, count: pairs * dimension)
        var p = 0
        for b in 0..<n {
            for a in (b + 1)..<max(n, b + 1) {
                for j in 0..<dimension {
                    let t = x[a * dimension + j] - x[b * dimension + j]
                    diffs[p * dimension + j] = t * t
                }
                p += 1
            }
        }
        squaredDifferences = diffs
        decay = [Double](repeating: 0, count: pairs)
        scaled = [Double](repeating: 0, count: pairs)
    }

    /// The covariance (column-major, lower triangle and diagonal) at θ; fills the per-pair
    /// scratch used by the gradient.
    private func covariance(_ h: GPHyperparameters) -> [Double] {
        let d = dimension
        let inverseSquared = h.lengthScales.map { 1 / ($0 * $0) }
        var k = [Double](repeating: 0, count: n * n)
        squaredDifferences.withUnsafeBufferPointer { diffs in
            decay.withUnsafeMutableBufferPointer { decay in
                scaled.withUnsafeMutableBufferPointer { scaled in
                    k.withUnsafeMutableBufferPointer { kb in
                        var p = 0
                        for b in 0..<n {
                            kb[b * n + b] = h.signalVariance + h.noiseVariance
                            for a in (b + 1)..<max(n, b + 1) {
                                var r2 = 0.0
                                for j in 0..<d { r2 += diffs[p * d + j] * inverseSquared[j] }
                                let s = Matern52.sqrt5 * r2.squareRoot()
                                let e = exp(-s)
                                decay[p] = e
                                scaled[p] = s
                                kb[b * n + a] = h.signalVariance * (1 + s + s * s / 3) * e
                                p += 1
                            }
                        }
                    }
                }
            }
        }
        return k
    }

    /// The objective at θ; with `gradient`, also its gradient. Infinite when the covariance
    /// cannot be factored even with jitter.
    func evaluate(_ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        let h = GPHyperparameters(theta: theta)
        let key = Array(theta)
        var l: [Double], alpha: [Double], value: Double
        if let last = lastValue, last.theta == key {
            (l, alpha, value) = (last.factor, last.alpha, last.value)
        } else {
            lastValue = nil
            l = covariance(h)
            guard (try? Cholesky.factor(&l, n: n)) != nil else {
                if let gradient { for i in gradient.indices { gradient[i] = 0 } }
                return .infinity
            }
            alpha = y
            l.withUnsafeBufferPointer { lb in
                alpha.withUnsafeMutableBufferPointer { Cholesky.solve(factor: lb.baseAddress!, n: n, $0.baseAddress!, columns: 1) }
            }
            value = 0.5 * Double(n) * log(2 * Double.pi)
            for i in 0..<n { value += 0.5 * y[i] * alpha[i] + log(l[i * n + i]) }
        }
        guard let gradient else {
            lastValue = (key, l, alpha, value)
            return value + prior.penalty(theta, gradient: nil)
        }

        guard (try? Cholesky.invert(&l, n: n)) != nil else {
            for i in gradient.indices { gradient[i] = 0 }
            return .infinity
        }
        let d = dimension
        let s2 = h.signalVariance, noiseExcess = h.noiseVariance - GPHyperparameters.noiseFloor
        let inverseSquared = h.lengthScales.map { 1 / ($0 * $0) }
        var gradLengths = [Double](repeating: 0, count: d)
        var gradSignal = 0.0, gradNoise = 0.0
        squaredDifferences.withUnsafeBufferPointer { diffs in
            l.withUnsafeBufferPointer { inv in
                var p = 0
                for b in 0..<n {
                    let wDiagonal = alpha[b] * alpha[b] - inv[b * n + b]
                    gradSignal += wDiagonal * s2
                    gradNoise += wDiagonal * noiseExcess
                    for a in (b + 1)..<max(n, b + 1) {
                        let w = 2 * (alpha[a] * alpha[b] - inv[b * n + a])
                        let s = scaled[p], e = decay[p]
                        gradSignal += w * s2 * (1 + s + s * s / 3) * e
                        // ∂k/∂log ℓ_j = s² (5/3)(1 + √5 r) e^{−√5 r} Δ_j²/ℓ_j²
                        let gs = w * s2 * (5.0 / 3.0) * (1 + s) * e
                        for j in 0..<d { gradLengths[j] += gs * diffs[p * d + j] * inverseSquared[j] }
                        p += 1
                    }
                }
            }
        }
        for j in 0..<d { gradient[j] = -0.5 * gradLengths[j] }
        gradient[d] = -0.5 * gradSignal
        gradient[d + 1] = -0.5 * gradNoise
        return value + prior.penalty(theta, gradient: gradient)
    }
}
