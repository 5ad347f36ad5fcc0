import Foundation

/// Matérn 5/2 kernel with one length scale per feature (ARD):
/// `k(x, x') = s² (1 + √5 r + 5r²/3) exp(−√5 r)`, `r² = Σ_j ((x_j − x'_j)/ℓ_j)²`.
enum Matern52 {
    static let sqrt5 = 5.0.squareRoot()

    /// Correlation (kernel divided by s²) at scaled distance `r`.
    @inline(__always)
    static func correlation(_ r: Double) -> Double {
        let s = sqrt5 * r
        return (1 + s + s * s / 3) * exp(-s)
    }

    /// The correlation at `r` and `g(r) = (5/3)(1 + √5 r) exp(−√5 r)`, from one exponential:
    /// dk/dlog ℓ_j = s² g (Δ_j/ℓ_j)² and dk/dx_j = −s² g Δ_j/ℓ_j² (no singularity at r = 0).
    @inline(__always)
    static func correlationAndSlope(_ r: Double) -> (correlation: Double, slope: Double) {
        let s = sqrt5 * r
        let e = exp(-s)
        return ((1 + s + s * s / 3) * e, (5.0 / 3.0) * (1 + s) * e)
    }

    /// Scaled distance between two feature rows.
    @inline(__always)
    static func distance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, inverseLengths: UnsafeBufferPointer<Double>) -> Double {
        var sum = 0.0
        for j in 0..<inverseLengths.count {
            let t = (a[j] - b[j]) * inverseLengths[j]
            sum += t * t
        }
        return sum.squareRoot()
    }
}
