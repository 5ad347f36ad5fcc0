import Foundation

/// A Gaussian process conditioned on data, with fixed hyperparameters.
///
/// Semantics: inputs are feature rows in [0, 1]^D (row-major), outputs already transformed
/// (standardized). The posterior is that of the latent function: `variance` excludes the
/// observation noise. Solves go through the Cholesky factor of `K + σ²_n I` (LAPACKE).
public struct GaussianProcess: Sendable {
    public let dimension: Int
    public let count: Int
    public let hyperparameters: GPHyperparameters
    /// Training inputs, row-major `count`×`dimension`.
    let x: [Double]
    /// Cholesky factor of the training covariance, column-major.
    let factor: [Double]
    /// `K⁻¹ y`.
    let alpha: [Double]
    let inverseLengths: [Double]

    /// Conditions the process on `x` (row-major, `y.count` rows) and `y`.
    public init(x: [Double], y: [Double], dimension: Int, hyperparameters: GPHyperparameters) throws(OptimizationError) {
        let n = y.count
        precondition(x.count == n * dimension && hyperparameters.lengthScales.count == dimension)
        self.dimension = dimension
        self.count = n
        self.hyperparameters = hyperparameters
        self.x = x
        self.inverseLengths = hyperparameters.lengthScales.map { 1 / $0 }
        var k = Self.covariance(x: x, n: n, inverseLengths: inverseLengths, hyperparameters: hyperparameters)
        try Cholesky.factor(&k, n: n)
        var alpha = y
        k.withUnsafeBufferPointer { l in
            alpha.withUnsafeMutableBufferPointer { Cholesky.solve(factor: l.baseAddress!, n: n, $0.baseAddress!, columns: 1) }
        }
        self.factor = k
        self.alpha = alpha
    }

    /// `s² M + σ²_n I`, column-major, full (both triangles).
    static func covariance(x: [Double], n: Int, inverseLengths: [Double], hyperparameters h: GPHyperparameters) -> [Double] {
        let d = inverseLengths.count
        var k = [Double](repeating: 0, count: n * n)
        x.withUnsafeBufferPointer { xs in
            inverseLengths.withUnsafeBufferPointer { il in
                k.withUnsafeMutableBufferPointer { kb in
                    for j in 0..<n {
                        kb[j * n + j] = h.signalVariance + h.noiseVariance
                        for i in (j + 1)..<max(n, j + 1) {
                            let r = Matern52.distance(xs.baseAddress! + i * d, xs.baseAddress! + j * d, inverseLengths: il)
                            let v = h.signalVariance * Matern52.correlation(r)
                            kb[j * n + i] = v
                            kb[i * n + j] = v
                        }
                    }
                }
            }
        }
        return k
    }

    /// Posterior mean and latent variance at `m` rows of `points` (row-major `m`×`dimension`),
    /// written to `mean` and `variance`.
    public func predict(_ points: UnsafeBufferPointer<Double>, mean: UnsafeMutableBufferPointer<Double>,
                        variance: UnsafeMutableBufferPointer<Double>) {
        let n = count, d = dimension, m = mean.count
        precondition(points.count == m * d && variance.count == m)
        let s2 = hyperparameters.signalVariance
        var cross = [Double](repeating: 0, count: n * m)          // column c: k(X, point_c)
        x.withUnsafeBufferPointer { xs in
            inverseLengths.withUnsafeBufferPointer { il in
                cross.withUnsafeMutableBufferPointer { kb in
                    for c in 0..<m {
                        let p = points.baseAddress! + c * d
                        var mu = 0.0
                        for i in 0..<n {
                            let v = s2 * Matern52.correlation(Matern52.distance(xs.baseAddress! + i * d, p, inverseLengths: il))
                            kb[c * n + i] = v
                            mu += v * alpha[i]
                        }
                        mean[c] = mu
                    }
                }
            }
        }
        factor.withUnsafeBufferPointer { l in
            cross.withUnsafeMutableBufferPointer { Cholesky.solveLower(factor: l.baseAddress!, n: n, $0.baseAddress!, columns: m) }
        }
        cross.withUnsafeBufferPointer { v in
            for c in 0..<m {
                var explained = 0.0
                for i in 0..<n { explained += v[c * n + i] * v[c * n + i] }
                variance[c] = max(s2 - explained, 1e-12 * s2)
            }
        }
    }

    /// Posterior mean and latent variance at one point, with their gradients in `point`.
    public func predictWithGradient(_ point: UnsafeBufferPointer<Double>, meanGradient: UnsafeMutableBufferPointer<Double>,
                                    varianceGradient: UnsafeMutableBufferPointer<Double>) -> (mean: Double, variance: Double) {
        let n = count, d = dimension
        let s2 = hyperparameters.signalVariance
        var k = [Double](repeating: 0, count: n)
        var g = [Double](repeating: 0, count: n)        // s² g(r_i)
        var mu = 0.0
        x.withUnsafeBufferPointer { xs in
            inverseLengths.withUnsafeBufferPointer { il in
                for i in 0..<n {
                    let r = Matern52.distance(xs.baseAddress! + i * d, point.baseAddress!, inverseLengths: il)
                    k[i] = s2 * Matern52.correlation(r)
                    g[i] = s2 * Matern52.slope(r)
                    mu += k[i] * alpha[i]
                }
            }
        }
        var v = k                                        // K⁻¹ k
        factor.withUnsafeBufferPointer { l in
            v.withUnsafeMutableBufferPointer { Cholesky.solve(factor: l.baseAddress!, n: n, $0.baseAddress!, columns: 1) }
        }
        var explained = 0.0
        for i in 0..<n { explained += k[i] * v[i] }
        for j in 0..<d {
            meanGradient[j] = 0
            varianceGradient[j] = 0
        }
        x.withUnsafeBufferPointer { xs in
            for i in 0..<n {
                let row = xs.baseAddress! + i * d
                let a = g[i] * alpha[i], b = -2 * g[i] * v[i]
                for j in 0..<d {
                    // dk_i/dx_j = −s² g(r_i) (x_j − X_ij)/ℓ_j²
                    let t = -(point[j] - row[j]) * inverseLengths[j] * inverseLengths[j]
                    meanGradient[j] += a * t
                    varianceGradient[j] += b * t
                }
            }
        }
        let variance = s2 - explained
        if variance < 1e-12 * s2 {
            for j in 0..<d { varianceGradient[j] = 0 }
            return (mu, 1e-12 * s2)
        }
        return (mu, variance)
    }
}
