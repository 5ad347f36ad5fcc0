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

    init(x: [Double], y: [Double], dimension: Int) {
        self.x = x
        self.y = y
        self.n = y.count
        self.dimension = dimension
        self.prior = GPPrior(dimension: dimension)
    }

    /// The objective at θ; with `gradient`, also its gradient. Infinite when the covariance
    /// cannot be factored even with jitter.
    func evaluate(_ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        let h = GPHyperparameters(theta: theta)
        let inverseLengths = h.lengthScales.map { 1 / $0 }
        var l = GaussianProcess.covariance(x: x, n: n, inverseLengths: inverseLengths, hyperparameters: h)
        guard (try? Cholesky.factor(&l, n: n)) != nil else {
            if let gradient { for i in gradient.indices { gradient[i] = 0 } }
            return .infinity
        }
        var alpha = y
        l.withUnsafeBufferPointer { lb in
            alpha.withUnsafeMutableBufferPointer { Cholesky.solve(factor: lb.baseAddress!, n: n, $0.baseAddress!, columns: 1) }
        }
        var value = 0.5 * Double(n) * log(2 * Double.pi)
        for i in 0..<n { value += 0.5 * y[i] * alpha[i] + log(l[i * n + i]) }
        guard let gradient else { return value + prior.penalty(theta, gradient: nil) }

        guard (try? Cholesky.invert(&l, n: n)) != nil else {
            for i in gradient.indices { gradient[i] = 0 }
            return .infinity
        }
        let d = dimension
        let s2 = h.signalVariance, noiseExcess = h.noiseVariance - GPHyperparameters.noiseFloor
        var gradLengths = [Double](repeating: 0, count: d)
        var gradSignal = 0.0, gradNoise = 0.0
        x.withUnsafeBufferPointer { xs in
            inverseLengths.withUnsafeBufferPointer { il in
                l.withUnsafeBufferPointer { inv in
                    for b in 0..<n {
                        let wDiagonal = alpha[b] * alpha[b] - inv[b * n + b]
                        gradSignal += wDiagonal * s2
                        gradNoise += wDiagonal * noiseExcess
                        let rowB = xs.baseAddress! + b * d
                        for a in (b + 1)..<max(n, b + 1) {
                            let w = 2 * (alpha[a] * alpha[b] - inv[b * n + a])
                            let rowA = xs.baseAddress! + a * d
                            let r = Matern52.distance(rowA, rowB, inverseLengths: il)
                            gradSignal += w * s2 * Matern52.correlation(r)
                            let gs = w * s2 * Matern52.slope(r)
                            for j in 0..<d {
                                let t = (rowA[j] - rowB[j]) * il[j]
                                gradLengths[j] += gs * t * t
                            }
                        }
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
