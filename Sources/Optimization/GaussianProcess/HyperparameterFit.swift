@preconcurrency import CGSL
import MarketData

/// Maximizes the (penalized) log marginal likelihood over the hyperparameters with GSL's
/// vector BFGS (`gsl_multimin_fdfminimizer_vector_bfgs2`) and analytic gradients, from the
/// prior's centre and from `restarts − 1` seeded draws of the prior, keeping the best.
///
/// With more than `coarseRows` rows, the starts run on an even subset of `coarseRows` of them
/// (`EvenSubset`) and the best is polished on all rows with up to `polishIterations` steps;
/// the result is still a function of the rows alone.
public enum HyperparameterFit {
    /// Fits hyperparameters to rows `x` (row-major, `y.count` rows) and outputs `y`.
    public static func fit(x: [Double], y: [Double], dimension: Int, seed: UInt64, restarts: Int = 3, maxIterations: Int = 60,
                           coarseRows: Int = .max, polishIterations: Int = 10) -> GPHyperparameters {
        crucible_gsl_disable_abort()
        BLASThreads.single
        let objective = MarginalLikelihood(x: x, y: y, dimension: dimension)
        let theta: [Double]
        if y.count > coarseRows, coarseRows >= 2,
           let polished = minimize(objective, from: coarseStart(x: x, y: y, dimension: dimension, rows: coarseRows, seed: seed,
                                                                restarts: restarts, maxIterations: maxIterations),
                                   maxIterations: polishIterations) {
            theta = polished.theta
        } else {
            theta = bestStart(objective, seed: seed, restarts: restarts, maxIterations: maxIterations)
        }
        return theta.withUnsafeBufferPointer { GPHyperparameters(theta: $0) }
    }

    /// The best start fitted on an even subset of `rows` rows.
    static func coarseStart(x: [Double], y: [Double], dimension: Int, rows: Int, seed: UInt64, restarts: Int,
                            maxIterations: Int) -> [Double] {
        let subset = EvenSubset.rows(x: x, y: y, dimension: dimension, limit: rows)
        return bestStart(MarginalLikelihood(x: subset.x, y: subset.y, dimension: dimension), seed: seed,
                         restarts: restarts, maxIterations: maxIterations)
    }

    /// The best θ of BFGS runs from the prior's centre and `restarts − 1` seeded prior draws
    /// (clipped at two standard deviations); the prior's centre when no start is finite.
    static func bestStart(_ objective: MarginalLikelihood, seed: UInt64, restarts: Int, maxIterations: Int) -> [Double] {
        let p = objective.dimension + 2
        let rng = SeededGenerator(seed: seed)
        var best: (value: Double, theta: [Double]) = (.infinity, objective.prior.mean)
        for start in 0..<max(restarts, 1) {
            var theta0 = objective.prior.mean
            if start > 0 {
                for i in 0..<p { theta0[i] += objective.prior.sd[i] * max(-2, min(2, rng.normal())) }
            }
            if let result = minimize(objective, from: theta0, maxIterations: maxIterations), result.value < best.value {
                best = result
            }
        }
        return best.theta
    }

    /// One BFGS run; nil if the start itself is not finite.
    static func minimize(_ objective: MarginalLikelihood, from theta0: [Double], maxIterations: Int) -> (value: Double, theta: [Double])? {
        let p = theta0.count
        let context = Unmanaged.passUnretained(objective).toOpaque()
        var function = gsl_multimin_function_fdf(
            f: { v, params in
                let objective = Unmanaged<MarginalLikelihood>.fromOpaque(params!).takeUnretainedValue()
                return HyperparameterFit.withVector(v!) { objective.evaluate($0, gradient: nil) }
            },
            df: { v, params, g in
                let objective = Unmanaged<MarginalLikelihood>.fromOpaque(params!).takeUnretainedValue()
                _ = HyperparameterFit.withVector(v!) { theta in HyperparameterFit.withGradient(g!, count: theta.count) { objective.evaluate(theta, gradient: $0) } }
            },
            fdf: { v, params, f, g in
                let objective = Unmanaged<MarginalLikelihood>.fromOpaque(params!).takeUnretainedValue()
                f!.pointee = HyperparameterFit.withVector(v!) { theta in HyperparameterFit.withGradient(g!, count: theta.count) { objective.evaluate(theta, gradient: $0) } }
            },
            n: p, params: context)
        let start = gsl_vector_alloc(p)!
        defer { gsl_vector_free(start) }
        for i in 0..<p { gsl_vector_set(start, i, theta0[i]) }
        let initial = theta0.withUnsafeBufferPointer { objective.evaluate($0, gradient: nil) }
        guard initial.isFinite else { return nil }
        let minimizer = gsl_multimin_fdfminimizer_alloc(crucible_gsl_multimin_lbfgs(), p)!
        defer { gsl_multimin_fdfminimizer_free(minimizer) }
        var best = (value: initial, theta: theta0)
        guard gsl_multimin_fdfminimizer_set(minimizer, &function, start, 0.1, 0.1) == GSL_SUCCESS else { return best }
        for _ in 0..<maxIterations {
            let status = gsl_multimin_fdfminimizer_iterate(minimizer)
            let value = gsl_multimin_fdfminimizer_minimum(minimizer)
            if value.isFinite, value < best.value {
                let xv = gsl_multimin_fdfminimizer_x(minimizer)!
                best = (value, (0..<p).map { gsl_vector_get(xv, $0) })
            }
            if status != GSL_SUCCESS { break }        // GSL_ENOPROG: no further progress possible
            if gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(minimizer), 1e-4) == GSL_SUCCESS { break }
        }
        return best
    }

    fileprivate static func withVector<R>(_ v: UnsafePointer<gsl_vector>, _ body: (UnsafeBufferPointer<Double>) -> R) -> R {
        let n = v.pointee.size
        var theta = [Double](repeating: 0, count: n)
        for i in 0..<n { theta[i] = gsl_vector_get(v, i) }
        return theta.withUnsafeBufferPointer(body)
    }

    fileprivate static func withGradient(_ g: UnsafeMutablePointer<gsl_vector>, count: Int,
                                     _ body: (UnsafeMutableBufferPointer<Double>) -> Double) -> Double {
        var gradient = [Double](repeating: 0, count: count)
        let value = gradient.withUnsafeMutableBufferPointer { body($0) }
        for i in 0..<count { gsl_vector_set(g, i, value.isFinite ? gradient[i] : 0) }
        return value.isFinite ? value : 1e300
    }
}
