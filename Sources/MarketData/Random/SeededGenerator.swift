@preconcurrency import CGSL

/// GSL's Mersenne Twister (mt19937), owned and freed with this object: the one random
/// generator of every module (synthetic paths, bootstraps, optimizers, Monte Carlo). A seed
/// (its low 32 bits: mt19937's seed word) reproduces every draw. Not thread-safe: one
/// generator per stream, seeded through `SeedMixer`.
package final class SeededGenerator {
    private let rng: UnsafeMutablePointer<gsl_rng>

    package init(seed: UInt64) {
        crucible_gsl_disable_abort()
        rng = gsl_rng_alloc(crucible_gsl_rng_mt19937())
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform in [0, 1).
    @inline(__always) package func uniform() -> Double { gsl_rng_uniform(rng) }
    /// A standard normal draw (GSL's ziggurat).
    @inline(__always) package func normal() -> Double { gsl_ran_gaussian_ziggurat(rng, 1) }
    /// A Poisson draw with mean `mean`.
    @inline(__always) package func poisson(_ mean: Double) -> Int { Int(gsl_ran_poisson(rng, mean)) }
    /// A uniform integer in `0..<n` (GSL's `gsl_rng_uniform_int`).
    @inline(__always) package func index(_ n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }
    /// The generator's next raw 32-bit word.
    @inline(__always) package func word() -> UInt32 { UInt32(truncatingIfNeeded: gsl_rng_get(rng)) }
}
