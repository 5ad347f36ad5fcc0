@preconcurrency import CGSL

/// GSL's Mersenne Twister (mt19937), owned and freed with this object. A seed reproduces
/// every draw. Not thread-safe: one generator per path.
final class SeededGenerator {
    private let rng: UnsafeMutablePointer<gsl_rng>

    init(seed: UInt64) {
        crucible_gsl_disable_abort()
        rng = gsl_rng_alloc(crucible_gsl_rng_mt19937())
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// A standard normal draw.
    @inline(__always) func normal() -> Double { gsl_ran_gaussian_ziggurat(rng, 1) }
    /// A Poisson draw with mean `mean`.
    @inline(__always) func poisson(_ mean: Double) -> Int { Int(gsl_ran_poisson(rng, mean)) }
    /// A uniform integer in `0..<n`.
    @inline(__always) func index(_ n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }
}
