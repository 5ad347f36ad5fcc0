@preconcurrency import CGSL

/// A seeded Mersenne Twister (GSL's mt19937), owned and freed with this object.
final class GSLRandom {
    private let rng: UnsafeMutablePointer<gsl_rng>

    init(seed: UInt64) {
        rng = gsl_rng_alloc(crucible_gsl_rng_mt19937())
        gsl_rng_set(rng, UInt(truncatingIfNeeded: seed))
    }

    deinit { gsl_rng_free(rng) }

    /// Uniform in [0, 1).
    func uniform() -> Double { gsl_rng_uniform(rng) }

    /// Standard normal draw.
    func gaussian() -> Double { gsl_ran_gaussian_ziggurat(rng, 1) }

    /// Uniform integer in 0..<n.
    func below(_ n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }
}
