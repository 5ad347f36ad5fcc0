/// Hansen's (2005) test for superior predictive ability of K strategies against a benchmark,
/// with White's (2000) reality check as its upper p-value.
///
/// Semantics: H₀: no strategy beats the benchmark in expected return. With dₖ,ₜ = rₖ,ₜ − bₜ
/// and d̄ₖ its mean, the studentized statistic (Hansen's published test, the default) is
/// T_SPA = max(0, maxₖ √T d̄ₖ/ωₖ) with bootstrap replicates
/// T*ᵦ = max(0, maxₖ √T (d̄*ₖ,ᵦ − g(d̄ₖ))/ωₖ); the unstudentized statistic (arch 8.0's) is
/// maxₖ d̄ₖ with Z*ᵦ = maxₖ (d̄*ₖ,ᵦ − g(d̄ₖ)). p = #{b : replicate > statistic} / B for each
/// re-centring g (lower ≤ consistent ≤ upper). The reality check p-value is always White's
/// unstudentized upper p-value. Bootstraps are stationary (mean block size b), seeded.
public struct SuperiorPredictiveAbility: Sendable, Equatable {
    /// Whether the statistic was studentized (divided by its standard error).
    public var studentized: Bool
    /// The observed statistic.
    public var statistic: Double
    /// p-values by re-centring.
    public var lower: Double
    public var consistent: Double
    public var upper: Double
    /// White's reality check p-value (unstudentized, upper re-centring).
    public var realityCheck: Double
    /// Mean differential d̄ₖ of each strategy against the benchmark.
    public var meanDifferentials: [Double]

    /// Runs the test on `strategies[k][t]` against `benchmark[t]` (per-period returns).
    public init(strategies: [[Double]], benchmark: [Double], studentized: Bool = true,
                blockSize: Double = 10, replicates: Int = 10_000, seed: UInt64) throws(AnalyticsError) {
        let diff = try LossDifferentials(strategies: strategies, benchmark: benchmark, blockSize: blockSize,
                                         replicates: replicates, seed: seed)
        self.init(diff, studentized: studentized)
    }

    init(_ diff: LossDifferentials, studentized: Bool) {
        self.studentized = studentized
        self.meanDifferentials = diff.meanDifferential
        let p = Self.pValues(diff, studentized: studentized)
        statistic = p.statistic
        lower = p.values[0]; consistent = p.values[1]; upper = p.values[2]
        realityCheck = studentized ? Self.pValues(diff, studentized: false).values[2] : upper
    }

    /// Statistic and p-values for lower, consistent, upper.
    static func pValues(_ diff: LossDifferentials, studentized: Bool) -> (statistic: Double, values: [Double]) {
        let k = diff.strategies
        let scale = diff.scales(studentized: studentized)
        var stat = -Double.infinity
        for j in 0..<k { stat = max(stat, diff.meanDifferential[j] * scale[j]) }
        if studentized { stat = max(stat, 0) }
        var values: [Double] = []
        for kind in SPARecentring.allCases {
            let g = diff.recentring(kind)
            var exceed = 0
            diff.bootstrapMeans.withUnsafeBufferPointer { m in
                for b in 0..<diff.replicates {
                    let row = m.baseAddress! + b * k
                    var z = studentized ? 0.0 : -Double.infinity
                    for j in 0..<k { z = max(z, (row[j] - g[j]) * scale[j]) }
                    if z > stat { exceed += 1 }
                }
            }
            values.append(Double(exceed) / Double(diff.replicates))
        }
        return (stat, values)
    }
}
