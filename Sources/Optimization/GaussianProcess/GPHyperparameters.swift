import Foundation

/// Kernel and noise hyperparameters of a Gaussian process on standardized outputs.
///
/// Optimized in log space: θ = (log ℓ_1 … log ℓ_D, log s², log(σ²_n − floor)), with the noise
/// variance kept above `noiseFloor` so the Cholesky factorization stays well conditioned.
public struct GPHyperparameters: Hashable, Sendable {
    public var lengthScales: [Double]
    public var signalVariance: Double
    public var noiseVariance: Double

    static let noiseFloor = 1e-6

    public init(lengthScales: [Double], signalVariance: Double, noiseVariance: Double) {
        self.lengthScales = lengthScales
        self.signalVariance = signalVariance
        self.noiseVariance = max(noiseVariance, Self.noiseFloor)
    }

    init(theta: UnsafeBufferPointer<Double>) {
        let d = theta.count - 2
        lengthScales = (0..<d).map { exp(theta[$0]) }
        signalVariance = exp(theta[d])
        noiseVariance = Self.noiseFloor + exp(theta[d + 1])
    }

    var theta: [Double] {
        lengthScales.map { log($0) } + [log(signalVariance), log(max(noiseVariance - Self.noiseFloor, 1e-300))]
    }
}

/// Independent Gaussian priors on θ, turning the marginal likelihood fit into a MAP fit that
/// stays sane with few points: length scales around 0.5 of the unit cube, signal variance
/// around 1 (outputs are standardized), small noise.
struct GPPrior {
    let mean: [Double]
    let sd: [Double]

    init(dimension d: Int) {
        mean = [Double](repeating: log(0.5), count: d) + [0, log(1e-3)]
        sd = [Double](repeating: 1.0, count: d) + [1.5, 2.5]
    }

    /// Negative log prior density (up to a constant); adds its gradient to `gradient`.
    func penalty(_ theta: UnsafeBufferPointer<Double>, gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        var sum = 0.0
        for i in 0..<theta.count {
            let z = (theta[i] - mean[i]) / sd[i]
            sum += 0.5 * z * z
            if let gradient { gradient[i] += z / sd[i] }
        }
        return sum
    }
}
