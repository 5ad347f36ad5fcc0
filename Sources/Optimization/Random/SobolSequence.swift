@preconcurrency import CGSL
import MarketData

/// GSL's Sobol sequence (up to 40 dimensions), optionally shifted by a seeded random vector
/// modulo 1 (Cranley–Patterson rotation) so different seeds give different, still
/// low-discrepancy, designs. Without a shift the points are GSL's: 0.5, 0.75/0.25, ...
final class SobolSequence {
    static let maxDimension = 40
    let dimension: Int
    private let qrng: UnsafeMutablePointer<gsl_qrng>
    private let shift: [Double]

    /// `seed` nil gives the unshifted sequence.
    init(dimension: Int, seed: UInt64?) {
        precondition(dimension >= 1 && dimension <= Self.maxDimension, "Sobol dimension must be 1...40")
        self.dimension = dimension
        qrng = gsl_qrng_alloc(crucible_gsl_qrng_sobol(), UInt32(dimension))
        if let seed {
            let rng = SeededGenerator(seed: seed)
            shift = (0..<dimension).map { _ in rng.uniform() }
        } else {
            shift = [Double](repeating: 0, count: dimension)
        }
    }

    deinit { gsl_qrng_free(qrng) }

    /// Writes the next point into `out` (length `dimension`).
    func next(into out: UnsafeMutableBufferPointer<Double>) {
        gsl_qrng_get(qrng, out.baseAddress)
        for j in 0..<dimension {
            let v = out[j] + shift[j]
            out[j] = v >= 1 ? v - 1 : v
        }
    }
}
