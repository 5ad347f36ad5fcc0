/// Two-sided tests on two paired return series x, y (d = x − y).
public enum PairedTests {
    /// Result of a paired t-test.
    public struct TTest: Sendable, Equatable {
        public var statistic: Double
        public var degreesOfFreedom: Int
        public var pValue: Double
    }

    /// Paired t-test (scipy.stats.ttest_rel): t = mean(d) / (std(d, ddof = 1)/√n), df = n − 1,
    /// p = 2 · P(T_df > |t|) from GSL's Student-t. Throws when n < 2 or d is constant.
    public static func tTest(_ x: [Double], _ y: [Double]) throws(AnalyticsError) -> TTest {
        let d = try differences(x, y, what: "paired t-test", minimum: 2)
        let sd = Moments.std(d)
        guard sd > 0 else {
            throw .invalidArgument(name: "paired t-test", expected: "differences with non-zero variance", got: "constant differences")
        }
        let t = Moments.mean(d) / (sd / Double(d.count).squareRoot())
        let df = d.count - 1
        return TTest(statistic: t, degreesOfFreedom: df, pValue: min(1, 2 * Distributions.studentTSurvival(abs(t), df: Double(df))))
    }

    /// Result of a Wilcoxon signed-rank test.
    public struct Wilcoxon: Sendable, Equatable {
        /// Non-zero differences used (zeros are dropped).
        public var count: Int
        /// Zero differences dropped.
        public var zeros: Int
        /// min(R⁺, R⁻).
        public var statistic: Double
        /// −|z| of the normal approximation (nil for the exact test).
        public var zStatistic: Double?
        public var pValue: Double
    }

    /// Wilcoxon signed-rank test (scipy.stats.wilcoxon, zero_method 'wilcox', no continuity
    /// correction): zeros dropped, ranks of |d| averaged over ties, R⁺ = Σ ranks of d > 0.
    /// `exact: false` — z = (R⁺ − n(n+1)/4) / √((n(n+1)(2n+1) − Σ(t³ − t)/2)/24), p = 2Φ(−|z|).
    /// `exact: true` — p = 2 min(P(R⁺ ≥ r), P(R⁺ ≤ r)) under the exact null distribution of R⁺
    /// (subsets of ranks 1…n counted by dynamic programming), clipped to 1; requires no ties
    /// among |d| and n ≤ 400.
    public static func wilcoxon(_ x: [Double], _ y: [Double], exact: Bool = false) throws(AnalyticsError) -> Wilcoxon {
        let all = try differences(x, y, what: "Wilcoxon signed-rank test", minimum: 1)
        let d = all.filter { $0 != 0 }
        try AnalyticsError.checkCount(d.count, atLeast: 1, for: "Wilcoxon signed-rank test (non-zero differences)")
        let ranks = Moments.averageRanks(d.map(abs))
        var rPlus = 0.0, rMinus = 0.0
        for i in d.indices { if d[i] > 0 { rPlus += ranks[i] } else { rMinus += ranks[i] } }
        let n = Double(d.count)
        let statistic = min(rPlus, rMinus)
        if exact {
            guard Set(d.map(abs)).count == d.count, d.count <= 400 else {
                throw .invalidArgument(name: "exact Wilcoxon", expected: "no ties among |x − y| and at most 400 pairs", got: "ties or \(d.count) pairs")
            }
            let p = exactSignedRankPValue(rPlus: Int(rPlus), n: d.count)
            return Wilcoxon(count: d.count, zeros: all.count - d.count, statistic: statistic, zStatistic: nil, pValue: p)
        }
        var tieTerm = 0.0
        let sortedRanks = ranks.sorted()
        var i = 0
        while i < sortedRanks.count {
            var j = i
            while j + 1 < sortedRanks.count && sortedRanks[j + 1] == sortedRanks[i] { j += 1 }
            let t = Double(j - i + 1)
            tieTerm += t * t * t - t
            i = j + 1
        }
        let variance = (n * (n + 1) * (2 * n + 1) - tieTerm / 2) / 24
        let z = (rPlus - n * (n + 1) / 4) / variance.squareRoot()
        return Wilcoxon(count: d.count, zeros: all.count - d.count, statistic: statistic,
                        zStatistic: -abs(z), pValue: min(1, 2 * Distributions.normalCDF(-abs(z))))
    }

    /// Exact two-sided p-value of R⁺ = r for n untied ranks.
    static func exactSignedRankPValue(rPlus r: Int, n: Int) -> Double {
        let maxSum = n * (n + 1) / 2
        // counts[s] / 2ⁿ = P(R⁺ = s); kept as probabilities to stay finite for large n.
        var counts = [Double](repeating: 0, count: maxSum + 1)
        counts[0] = 1
        var top = 0
        for k in 1...n {
            top += k
            for s in stride(from: top, through: k, by: -1) { counts[s] = (counts[s] + counts[s - k]) * 0.5 }
            for s in stride(from: k - 1, through: 0, by: -1) { counts[s] *= 0.5 }
        }
        let upper = Moments.sum(Array(counts[r...]))
        let lower = Moments.sum(Array(counts[...r]))
        return min(1, 2 * min(upper, lower))
    }

    /// Jobson–Korkie test with Memmel's correction of H₀: SR₁ = SR₂ for paired returns.
    public struct JobsonKorkieMemmel: Sendable, Equatable {
        public var sharpe1: Double
        public var sharpe2: Double
        public var correlation: Double
        /// θ = (1/T)[2σ₁²σ₂² − 2σ₁σ₂σ₁₂ + ½μ₁²σ₂² + ½μ₂²σ₁² − (μ₁μ₂/(σ₁σ₂))σ₁₂²].
        public var theta: Double
        /// z = (σ₂μ₁ − σ₁μ₂) / √θ.
        public var statistic: Double
        /// 2Φ(−|z|).
        public var pValue: Double
    }

    /// Jobson–Korkie–Memmel z-test of the difference of two per-period Sharpe ratios
    /// (σ with ddof = 1, σ₁₂ the ddof = 1 covariance).
    public static func jobsonKorkieMemmel(_ x: [Double], _ y: [Double]) throws(AnalyticsError) -> JobsonKorkieMemmel {
        _ = try differences(x, y, what: "Jobson–Korkie–Memmel test", minimum: 3)
        let t = Double(x.count)
        let mu1 = Moments.mean(x), mu2 = Moments.mean(y)
        let s1 = Moments.std(x), s2 = Moments.std(y)
        guard s1 > 0, s2 > 0 else {
            throw .invalidArgument(name: "Jobson–Korkie–Memmel test", expected: "series with non-zero variance", got: "a constant series (Sharpe ratio undefined)")
        }
        let s12 = Moments.covariance(x, y)
        let theta = (2 * s1 * s1 * s2 * s2 - 2 * s1 * s2 * s12 + 0.5 * mu1 * mu1 * s2 * s2
            + 0.5 * mu2 * mu2 * s1 * s1 - (mu1 * mu2 / (s1 * s2)) * s12 * s12) / t
        let z = (s2 * mu1 - s1 * mu2) / theta.squareRoot()
        return JobsonKorkieMemmel(sharpe1: mu1 / s1, sharpe2: mu2 / s2, correlation: s12 / (s1 * s2),
                                  theta: theta, statistic: z, pValue: 2 * Distributions.normalCDF(-abs(z)))
    }

    /// Checks pairing and finiteness, returns d = x − y.
    private static func differences(_ x: [Double], _ y: [Double], what: String, minimum: Int) throws(AnalyticsError) -> [Double] {
        guard x.count == y.count else { throw .lengthMismatch(what: what, lengths: [x.count, y.count]) }
        try AnalyticsError.checkFinite(x, series: "x")
        try AnalyticsError.checkFinite(y, series: "y")
        try AnalyticsError.checkCount(x.count, atLeast: minimum, for: what)
        return zip(x, y).map { $0 - $1 }
    }
}
