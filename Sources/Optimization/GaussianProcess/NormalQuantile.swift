@preconcurrency import CGSL

/// Standard normal quantile (GSL's `gsl_cdf_ugaussian_Pinv`).
enum NormalQuantile {
    static func of(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
}
