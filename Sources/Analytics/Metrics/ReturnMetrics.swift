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
    /// The moments the Sharpe inference needs (nil for fewer than 3 returns or a constant
    /// series), from the same central moments as the figures above.
    public var sharpeMoments: SharpeMoments?

    /// Computes every metric of `returns` annualized with `periodsPerYear`.
    /// Throws on NaN/inf or fewer than 2 observations.
    ///
    /// Two passes over the series feed every sum (each compensated sum still sees its values in
    /// series order, so the figures equal one pass per metric bit for bit), then the drawdown
    /// scan and the tail's order statistics.
    public init(returns: [Double], periodsPerYear: Double) throws(AnalyticsError) {
        let n = returns.count
        let first = returns.first ?? 0
        var isConstant = true
        // Pass 1: finiteness, the mean's sum, the product, the downside / gain / loss sums and
        // the log-wealth path yₜ = Σ_{i≤t} ln(1 + rᵢ) with the sums of its OLS means.
        var total = Moments.CompensatedSum()
        var growth = 1.0
        var downside = Moments.CompensatedSum(), gainSum = Moments.CompensatedSum(), lossSum = Moments.CompensatedSum()
        var indexSum = Moments.CompensatedSum(), logSum = Moments.CompensatedSum()
        var logWealth = [Double](repeating: 0, count: n)
        var acc = 0.0
        for i in 0..<n {
            let r = returns[i]
            guard r.isFinite else { throw .nonFinite(series: "returns", index: i) }
            if r != first { isConstant = false }
            // A flat bar (r = 0, most of a strategy's) changes none of these: adding 0 leaves a
            // compensated sum's value as it was, 1 + 0 leaves the product, and log1p(0) = 0.
            if r != 0 {
                total.add(r)
                growth *= 1 + r
                if r > 0 { gainSum.add(r) } else { downside.add(r * r); lossSum.add(r) }
                acc += log1p(r)
            }
            logWealth[i] = acc
            indexSum.add(Double(i)); logSum.add(acc)
        }
        try AnalyticsError.checkCount(n, atLeast: 2, for: "return metrics")
        guard periodsPerYear > 0 && periodsPerYear.isFinite else {
            throw .invalidArgument(name: "periodsPerYear", expected: "a positive number", got: "\(periodsPerYear)")
        }
        let a = periodsPerYear
        let nd = Double(n)
        var reasons: [String: String] = [:]

        // Pass 2: deviations from the mean (central moments) and from the OLS means.
        let mean = total.value / nd
        let meanIndex = indexSum.value / nd, meanLog = logSum.value / nd
        var powers = Moments.DeviationPowerSums(), cross = Moments.CrossDeviationSums()
        for i in 0..<n {
            powers.add(returns[i] - mean)
            cross.add(Double(i) - meanIndex, logWealth[i] - meanLog)
        }
        let central = powers.moments(count: n)
        let moments = (mean: mean, m2: central.m2, m3: central.m3, m4: central.m4)

        count = n
        self.mean = mean
        stdDev = (moments.m2 * nd / (nd - 1)).squareRoot()
        sharpeMoments = SharpeMoments(moments: moments, count: n, isConstant: isConstant)

        cumReturnsFinal = growth - 1
        annualReturn = growth < 0 ? -1 : pow(growth, 1 / (nd / a)) - 1
        annualVolatility = stdDev * a.squareRoot()
        if isConstant || stdDev == 0 {
            sharpeRatio = nil
            reasons["sharpe_ratio"] = "constant series: zero standard deviation"
        } else {
            sharpeRatio = mean / stdDev * a.squareRoot()
        }

        downsideRisk = (downside.value / nd).squareRoot() * a.squareRoot()
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

        let gains = gainSum.value
        let losses = -lossSum.value
        if losses > 0 {
            omegaRatio = gains / losses
        } else {
            omegaRatio = nil
            reasons["omega_ratio"] = "no negative return"
        }

        let tail = Self.tail(returns)
        valueAtRisk = tail.p5
        if tail.p5 != 0 {
            tailRatio = abs(tail.p95) / abs(tail.p5)
        } else {
            tailRatio = nil
            reasons["tail_ratio"] = "5th percentile is zero"
        }
        conditionalValueAtRisk = tail.cvar

        if isConstant {
            stabilityOfTimeseries = nil
            skew = nil; skewUnbiased = nil; excessKurtosis = nil; excessKurtosisUnbiased = nil
            reasons["stability_of_timeseries"] = "constant series"
            for name in ["skew", "skew_unbiased", "excess_kurtosis", "excess_kurtosis_unbiased"] {
                reasons[name] = "constant series: zero variance"
            }
        } else {
            stabilityOfTimeseries = cross.fit(meanX: meanIndex, meanY: meanLog).rSquared
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

    /// The 5th and 95th percentiles (numpy's linear interpolation) and the CVaR (mean of the
    /// k + 1 smallest, k = ⌊(n − 1) · 0.05⌋, summed in ascending order), from the same order
    /// statistics and sums as a full sort, in linear time: one copy holds the negative returns
    /// first and the positive ones last (the zeros, often most of a strategy's bars, are only
    /// counted). Each percentile selects its lower order statistic inside its part and takes the
    /// next one as the minimum above it; the CVaR's selection reuses the 5th percentile's.
    static func tail(_ returns: [Double]) -> (p5: Double, p95: Double, cvar: Double) {
        let n = returns.count
        var scratch = [Double](repeating: 0, count: n)
        return scratch.withUnsafeMutableBufferPointer { x in
            var negatives = 0, positives = 0
            // Branch-free (signs of returns are close to coin flips): every return is written to
            // the next free slot of both ends and only its own end's count advances. The two
            // slots are unclaimed (negatives + positives < n before each step) and meet only at
            // the last one, where both writes store the same value.
            for r in returns {
                x[negatives] = r
                x[n - 1 - positives] = r
                negatives &+= r < 0 ? 1 : 0
                positives &+= r > 0 ? 1 : 0
            }
            let zerosEnd = n - positives
            var low = TailPart(values: UnsafeMutableBufferPointer(rebasing: x[0..<negatives]), offset: 0)
            var high = TailPart(values: UnsafeMutableBufferPointer(rebasing: x[zerosEnd..<n]), offset: zerosEnd)
            /// Order statistics i and i + 1 (0-based) of the returns.
            func adjacent(_ i: Int) -> (Double, Double) {
                if i < negatives {
                    let a = low.select(i)
                    return (a, i + 1 < negatives ? low.minimumAbove(i) : (i + 1 < zerosEnd ? 0 : high.minimum))
                }
                if i < zerosEnd { return (0, i + 1 < zerosEnd ? 0 : high.minimum) }
                let a = high.select(i)
                return (a, high.minimumAbove(i))
            }
            func percentile(_ q: Double) -> Double {
                let h = Double(n - 1) * q / 100
                let j = Int(h.rounded(.down))
                if j >= n - 1 { return n - 1 < negatives ? low.select(n - 1) : (n - 1 < zerosEnd ? 0 : high.select(n - 1)) }
                let (a, b) = adjacent(j)
                return a + (h - Double(j)) * (b - a)
            }
            let p5 = percentile(5), p95 = percentile(95)
            // The k + 1 smallest in ascending order: negatives (selected and sorted), then zeros,
            // then positives.
            let k = Int((Double(n - 1) * 0.05).rounded(.down))
            var smallest = Moments.CompensatedSum()
            let fromLow = min(k + 1, negatives)
            if fromLow > 0 { for v in low.sortedSmallest(fromLow) { smallest.add(v) } }
            for _ in fromLow..<min(k + 1, zerosEnd) { smallest.add(0) }
            let fromHigh = k + 1 - min(k + 1, zerosEnd)
            if fromHigh > 0 { for v in high.sortedSmallest(fromHigh) { smallest.add(v) } }
            return (p5, p95, smallest.value / Double(k + 1))
        }
    }

    /// One sign's returns inside the tail's scratch copy, addressed by the whole series' order
    /// statistic index (`offset` = how many returns sort before this part). It remembers its
    /// last selection, so asking again for it, or for the next order statistic, scans instead
    /// of selecting again.
    private struct TailPart {
        var values: UnsafeMutableBufferPointer<Double>
        let offset: Int
        /// Local index whose element is in its sorted place with ≤ before and ≥ after it.
        var selected: Int?

        /// Order statistic `i` of the whole series (i in this part).
        mutating func select(_ i: Int) -> Double {
            let local = i - offset
            if selected != local { Moments.select(values, local); selected = local }
            return values[local]
        }

        /// Order statistic i + 1 after `select(i)`: the smallest element after the selected one.
        func minimumAbove(_ i: Int) -> Double {
            let local = i - offset
            var m = values[local + 1]
            for v in values[(local + 2)...] where v < m { m = v }
            return m
        }

        /// The part's smallest element (the first order statistic inside it).
        var minimum: Double { values.min()! }

        /// The `m` smallest elements in ascending order.
        mutating func sortedSmallest(_ m: Int) -> UnsafeMutableBufferPointer<Double> {
            if m < values.count && selected != m - 1 { Moments.select(values, m - 1); selected = m - 1 }
            // Sorting the prefix (or the whole part) keeps every element ≤ the ones after it, so
            // the selection stays in its place.
            var part = UnsafeMutableBufferPointer(rebasing: values[0..<m])
            part.sort()
            return part
        }
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
