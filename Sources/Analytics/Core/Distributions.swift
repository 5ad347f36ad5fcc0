@preconcurrency import CGSL

/// Normal and Student-t distribution functions, all from GSL (no hand approximations).
public enum Distributions {
    /// Standard normal CDF Φ(x) (`gsl_cdf_ugaussian_P`).
    public static func normalCDF(_ x: Double) -> Double { gslAbortHandlerDisabled; return gsl_cdf_ugaussian_P(x) }

    /// Upper tail 1 − Φ(x) (`gsl_cdf_ugaussian_Q`), accurate in the far tail.
    public static func normalSurvival(_ x: Double) -> Double { gslAbortHandlerDisabled; return gsl_cdf_ugaussian_Q(x) }

    /// Standard normal quantile Φ⁻¹(p) (`gsl_cdf_ugaussian_Pinv`, Wichura's AS241).
    public static func normalQuantile(_ p: Double) -> Double { gslAbortHandlerDisabled; return gsl_cdf_ugaussian_Pinv(p) }

    /// Student-t upper tail P(T > t) with `df` degrees of freedom (`gsl_cdf_tdist_Q`).
    public static func studentTSurvival(_ t: Double, df: Double) -> Double { gslAbortHandlerDisabled; return gsl_cdf_tdist_Q(t, df) }
}

/// Turns GSL's aborting error handler off once per process; every GSL call here checks status
/// codes or returns NaN instead of aborting.
let gslAbortHandlerDisabled: Void = { crucible_gsl_disable_abort() }()
