/// Metrics of a return series against a benchmark series of the same length (by default the
/// buy-and-hold return of the traded asset), following empyrical.
///
/// Semantics: β = Σ (bₜ − b̄) rₜ / Σ (bₜ − b̄)² (empyrical's beta);
/// alpha = (1 + mean(rₜ − β bₜ))^A − 1 (annualized, empyrical's alpha);
/// excess_sharpe = mean(rₜ − bₜ) / std(rₜ − bₜ, ddof = 1) per period (empyrical's excess_sharpe);
/// information_ratio = excess_sharpe · √A. Undefined values are nil.
public struct BenchmarkMetrics: Sendable, Equatable {
    public var alpha: Double?
    public var beta: Double?
    public var excessSharpe: Double?
    public var informationRatio: Double?

    public init(returns: [Double], benchmark: [Double], periodsPerYear: Double) throws(AnalyticsError) {
        try AnalyticsError.checkFinite(returns, series: "returns")
        try AnalyticsError.checkFinite(benchmark, series: "benchmark")
        guard returns.count == benchmark.count else {
            throw .lengthMismatch(what: "benchmark metrics", lengths: [returns.count, benchmark.count])
        }
        try AnalyticsError.checkCount(returns.count, atLeast: 2, for: "benchmark metrics")
        let n = Double(returns.count)
        let bMean = Moments.mean(benchmark)
        let residual = benchmark.map { $0 - bMean }
        let cov = Moments.sum(zip(residual, returns).map { $0 * $1 }) / n
        let varB = Moments.sum(residual.map { $0 * $0 }) / n
        if varB > 0 {
            let b = cov / varB
            beta = b
            let alphaSeries = zip(returns, benchmark).map { $0 - b * $1 }
            alpha = pow(Moments.mean(alphaSeries) + 1, periodsPerYear) - 1
        } else {
            beta = nil; alpha = nil
        }
        let active = zip(returns, benchmark).map { $0 - $1 }
        let te = Moments.std(active)
        if te > 0 {
            let es = Moments.mean(active) / te
            excessSharpe = es
            informationRatio = es * periodsPerYear.squareRoot()
        } else {
            excessSharpe = nil; informationRatio = nil
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
