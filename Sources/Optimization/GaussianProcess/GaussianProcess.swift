import CLAPACK
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
    /// Training inputs divided by the length scales (row-major) and their squared norms.
    let scaledX: [Double]
    let scaledNorms: [Double]

    /// Conditions the process on `x` (row-major, `y.count` rows) and `y`.
    public init(x: [Double], y: [Double], dimension: Int, hyperparameters: GPHyperparameters) throws(OptimizationError) {
        let n = y.count
        precondition(x.count == n * dimension && hyperparameters.lengthScales.count == dimension)
        self.dimension = dimension
        self.count = n
        self.hyperparameters = hyperparameters
        self.x = x
        let inverseLengths = hyperparameters.lengthScales.map { 1 / $0 }
        self.inverseLengths = inverseLengths
        let scaledX = x.indices.map { x[$0] * inverseLengths[$0 % dimension] }
        self.scaledX = scaledX
        self.scaledNorms = (0..<n).map { i in (0..<dimension).reduce(0) { $0 + scaledX[i * dimension + $1] * scaledX[i * dimension + $1] } }
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
        let m = mean.count
        precondition(points.count == m * dimension && variance.count == m)
        let batch = self.batch(points)
        let exact = variances(batch, columns: Array(0..<m))
        for c in 0..<m {
            mean[c] = batch.mean[c]
            variance[c] = exact[c]
        }
    }

    /// Cross-covariances, means and variance bounds of a batch of points (see `batch`).
    struct Batch {
        let count: Int
        /// Column c: k(X, point_c), column-major `n`×`count`.
        let cross: [Double]
        let mean: [Double]
        /// Upper bound on each latent variance: the variance given only the training point
        /// most correlated with it (conditioning on more points can only lower it).
        let varianceBound: [Double]
    }

    /// The posterior means of `points` (row-major) and bounds on their variances, from one
    /// dgemm of the length-scaled inputs: `r² = |x̃|² + |p̃|² − 2 x̃·p̃`.
    func batch(_ points: UnsafeBufferPointer<Double>) -> Batch {
        let n = count, d = dimension, m = points.count / dimension
        let s2 = hyperparameters.signalVariance, diagonal = s2 + hyperparameters.noiseVariance
        var scaled = [Double](repeating: 0, count: m * d), norms = [Double](repeating: 0, count: m)
        for c in 0..<m {
            var sum = 0.0
            for j in 0..<d {
                let t = points[c * d + j] * inverseLengths[j]
                scaled[c * d + j] = t
                sum += t * t
            }
            norms[c] = sum
        }
        var cross = [Double](repeating: 0, count: n * m)
        var mean = [Double](repeating: 0, count: m), bound = [Double](repeating: 0, count: m)
        guard n > 0, m > 0 else { return Batch(count: m, cross: cross, mean: mean, varianceBound: bound) }
        scaledX.withUnsafeBufferPointer { xs in
            scaled.withUnsafeBufferPointer { ps in
                cross.withUnsafeMutableBufferPointer { kb in
                    crucible_dgemm(CChar(UInt8(ascii: "T")), CChar(UInt8(ascii: "N")), Int32(n), Int32(m), Int32(d), -2,
                                   xs.baseAddress, Int32(d), ps.baseAddress, Int32(d), 0, kb.baseAddress, Int32(n))
                }
            }
        }
        cross.withUnsafeMutableBufferPointer { kb in
            for c in 0..<m {
                var mu = 0.0, largest = 0.0
                for i in 0..<n {
                    let r2 = max(0, kb[c * n + i] + scaledNorms[i] + norms[c])
                    let v = s2 * Matern52.correlation(r2.squareRoot())
                    kb[c * n + i] = v
                    mu += v * alpha[i]
                    largest = max(largest, v * v)
                }
                mean[c] = mu
                bound[c] = max(s2 - largest / diagonal, 1e-12 * s2)
            }
        }
        return Batch(count: m, cross: cross, mean: mean, varianceBound: bound)
    }

    /// Exact latent variances of the batch's `columns` (one triangular solve for all of them).
    func variances(_ batch: Batch, columns: [Int]) -> [Double] {
        let n = count, c = columns.count
        let s2 = hyperparameters.signalVariance
        guard c > 0 else { return [] }
        guard n > 0 else { return [Double](repeating: s2, count: c) }
        var v = [Double](repeating: 0, count: n * c)
        for (k, column) in columns.enumerated() {
            for i in 0..<n { v[k * n + i] = batch.cross[column * n + i] }
        }
        factor.withUnsafeBufferPointer { l in
            v.withUnsafeMutableBufferPointer { Cholesky.solveLower(factor: l.baseAddress!, n: n, $0.baseAddress!, columns: c) }
        }
        return (0..<c).map { k in
            var explained = 0.0
            for i in 0..<n { explained += v[k * n + i] * v[k * n + i] }
            return max(s2 - explained, 1e-12 * s2)
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
                    let (correlation, slope) = Matern52.correlationAndSlope(r)
                    k[i] = s2 * correlation
                    g[i] = s2 * slope
                    mu += k[i] * alpha[i]
                }
            }
        }
        var v = k                                        // K⁻¹ k = L⁻ᵀ L⁻¹ k
        factor.withUnsafeBufferPointer { l in
            v.withUnsafeMutableBufferPointer { b in
                Cholesky.solveLower(factor: l.baseAddress!, n: n, b.baseAddress!, transposed: false)
                Cholesky.solveLower(factor: l.baseAddress!, n: n, b.baseAddress!, transposed: true)
            }
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
