import MarketData

/// Performance metrics of one per-period return series, following empyrical's definitions
/// (risk-free rate and required return 0). `r₁…rₙ` are simple returns, `A` is the number of
/// periods per year (8760 for 1h bars on a 24/7 calendar), `s` the sample standard deviation
/// with ddof = 1.
///
/// Semantics: a metric that is mathematically undefined for the input (a Sharpe ratio of a
/// constant series, a Calmar ratio without a drawdown, an Omega ratio without losses) is `nil`
/// and `undefinedReasons` says why — never inf or NaN.
public struct ReturnMetrics: Sendable, Equatable {
    /// Number of returns n.
    public var count: Int
    /// mean = (1/n) Σ rᵢ.
    public var mean: Double
    /// s = √(Σ (rᵢ − mean)² / (n − 1)).
    public var stdDev: Double
    /// cum_returns_final = Π (1 + rᵢ) − 1.
    public var cumReturnsFinal: Double
    /// annual_return (CAGR) = (Π (1 + rᵢ))^(A/n) − 1 (−1 once the wealth is wiped out, Π ≤ 0).
    public var annualReturn: Double
    /// annual_volatility = s √A.
    public var annualVolatility: Double
    /// sharpe_ratio = mean / s · √A (nil when s = 0).
    public var sharpeRatio: Double?
    /// downside_risk = √((1/n) Σ min(rᵢ, 0)²) · √A (mean over all n observations).
    public var downsideRisk: Double
    /// sortino_ratio = mean · A / downside_risk (nil when there is no loss).
    public var sortinoRatio: Double?
    /// max_drawdown = min_t (V_t − max_{u≤t} V_u) / max_{u≤t} V_u with V₀ = 1 (≤ 0).
    public var maxDrawdown: Double
    /// calmar_ratio = annual_return / |max_drawdown| (nil when max_drawdown = 0).
    public var calmarRatio: Double?
    /// omega_ratio = Σ_{rᵢ>0} rᵢ / (−Σ_{rᵢ<0} rᵢ) (nil without losses).
    public var omegaRatio: Double?
    /// tail_ratio = |P₉₅(r)| / |P₅(r)| with numpy's linear percentiles (nil when P₅ = 0).
    public var tailRatio: Double?
    /// value_at_risk = P₅(r) (historical, interpolated; a loss is negative).
    public var valueAtRisk: Double
    /// conditional_value_at_risk = mean of the k + 1 smallest returns, k = ⌊(n − 1) · 0.05⌋.
    public var conditionalValueAtRisk: Double
    /// stability_of_timeseries = R² of the OLS fit of yₜ = Σ_{i≤t} ln(1 + rᵢ) on t.
    public var stabilityOfTimeseries: Double?
    /// skew = m₃ / m₂^1.5 (biased, scipy's default), m_k = (1/n) Σ (rᵢ − mean)^k.
    public var skew: Double?
    /// Adjusted skew G₁ = g₁ √(n(n−1)) / (n − 2).
    public var skewUnbiased: Double?
    /// Excess kurtosis m₄ / m₂² − 3 (biased, scipy's default).
    public var excessKurtosis: Double?
    /// Unbiased excess kurtosis ((n²−1) m₄/m₂² − 3(n−1)²) / ((n−2)(n−3)).
    public var excessKurtosisUnbiased: Double?
    /// Drawdown spells and durations (peak to recovery).
    public var drawdowns: DrawdownDurations
    /// Longest drawdown duration in days on a 24/7 calendar: periods · 365 / A.
    public var maxDrawdownDurationDays: Double
    /// Metric name → why it is nil.
    public var undefinedReasons: [String: String]

    /// Computes every metric of `returns` annualized with `periodsPerYear`.
    /// Throws on NaN/inf or fewer than 2 observations.
    public init(returns: [Double], periodsPerYear: Double) throws(AnalyticsError) {
        try AnalyticsError.checkFinite(returns, series: "returns")
        try AnalyticsError.checkCount(returns.count, atLeast: 2, for: "return metrics")
        guard periodsPerYear > 0 && periodsPerYear.isFinite else {
            throw .invalidArgument(name: "periodsPerYear", expected: "a positive number", got: "\(periodsPerYear)")
        }
        let a = periodsPerYear
        let n = returns.count
        let nd = Double(n)
        var reasons: [String: String] = [:]

        count = n
        let moments = Moments.centralMoments(returns)
        mean = moments.mean
        stdDev = (moments.m2 * nd / (nd - 1)).squareRoot()
        let isConstant = returns.allSatisfy { $0 == returns[0] }

        var growth = 1.0
        for r in returns { growth *= 1 + r }
        cumReturnsFinal = growth - 1
        annualReturn = growth < 0 ? -1 : pow(growth, 1 / (nd / a)) - 1
        annualVolatility = stdDev * a.squareRoot()

        if isConstant || stdDev == 0 {
            sharpeRatio = nil
            reasons["sharpe_ratio"] = "constant series: zero standard deviation"
        } else {
            sharpeRatio = mean / stdDev * a.squareRoot()
        }

        downsideRisk = (Moments.sum(returns.map { min($0, 0) * min($0, 0) }) / nd).squareRoot() * a.squareRoot()
        if downsideRisk > 0 {
            sortinoRatio = mean * a / downsideRisk
        } else {
            sortinoRatio = nil
            reasons["sortino_ratio"] = "no negative return: zero downside risk"
        }

        drawdowns = DrawdownDurations(returns: returns)
        maxDrawdownDurationDays = Double(drawdowns.maxDuration) * 365 / a
        maxDrawdown = drawdowns.maxDrawdown
        if maxDrawdown < 0 {
            let c = annualReturn / abs(maxDrawdown)
            calmarRatio = c.isFinite ? c : nil
        } else {
            calmarRatio = nil
            reasons["calmar_ratio"] = "no drawdown"
        }

        let gains = Moments.sum(returns.filter { $0 > 0 })
        let losses = -Moments.sum(returns.filter { $0 < 0 })
        if losses > 0 {
            omegaRatio = gains / losses
        } else {
            omegaRatio = nil
            reasons["omega_ratio"] = "no negative return"
        }

        let sorted = returns.sorted()
        let p5 = Moments.percentile(sorted: sorted, 5)
        let p95 = Moments.percentile(sorted: sorted, 95)
        valueAtRisk = p5
        if p5 != 0 {
            tailRatio = abs(p95) / abs(p5)
        } else {
            tailRatio = nil
            reasons["tail_ratio"] = "5th percentile is zero"
        }
        let k = Int((Double(n - 1) * 0.05).rounded(.down))
        conditionalValueAtRisk = Moments.sum(Array(sorted[0...k])) / Double(k + 1)

        if isConstant {
            stabilityOfTimeseries = nil
            skew = nil; skewUnbiased = nil; excessKurtosis = nil; excessKurtosisUnbiased = nil
            reasons["stability_of_timeseries"] = "constant series"
            for name in ["skew", "skew_unbiased", "excess_kurtosis", "excess_kurtosis_unbiased"] {
                reasons[name] = "constant series: zero variance"
            }
        } else {
            var logWealth = [Double](); logWealth.reserveCapacity(n)
            var acc = 0.0
            for r in returns { acc += log1p(r); logWealth.append(acc) }
            stabilityOfTimeseries = Moments.linearRegression(x: (0..<n).map(Double.init), y: logWealth).rSquared
            let g1 = moments.m3 / pow(moments.m2, 1.5)
            let g2 = moments.m4 / (moments.m2 * moments.m2)
            skew = g1
            excessKurtosis = g2 - 3
            if n > 2 { skewUnbiased = g1 * (nd * (nd - 1)).squareRoot() / (nd - 2) } else {
                skewUnbiased = nil; reasons["skew_unbiased"] = "needs at least 3 observations"
            }
            if n > 3 {
                excessKurtosisUnbiased = ((nd * nd - 1) * g2 - 3 * (nd - 1) * (nd - 1)) / ((nd - 2) * (nd - 3))
            } else {
                excessKurtosisUnbiased = nil; reasons["excess_kurtosis_unbiased"] = "needs at least 4 observations"
            }
        }
        undefinedReasons = reasons
    }

    /// The metrics as (empyrical name, value) pairs in a fixed order; nil = undefined.
    public var named: [(name: String, value: Double?)] {
        [
            ("cum_returns_final", cumReturnsFinal), ("annual_return", annualReturn),
            ("annual_volatility", annualVolatility), ("sharpe_ratio", sharpeRatio),
            ("sortino_ratio", sortinoRatio), ("downside_risk", downsideRisk),
            ("max_drawdown", maxDrawdown), ("max_drawdown_duration", Double(drawdowns.maxDuration)),
            ("max_drawdown_duration_days", maxDrawdownDurationDays),
            ("calmar_ratio", calmarRatio), ("omega_ratio", omegaRatio), ("tail_ratio", tailRatio),
            ("value_at_risk", valueAtRisk), ("conditional_value_at_risk", conditionalValueAtRisk),
            ("stability_of_timeseries", stabilityOfTimeseries), ("skew", skew),
            ("excess_kurtosis", excessKurtosis), ("mean", mean), ("std", stdDev),
        ]
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
