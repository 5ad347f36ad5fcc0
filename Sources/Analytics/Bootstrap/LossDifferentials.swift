/// The loss differentials of K strategies against a benchmark and the bootstrap draws of
/// their means, shared by the reality check, the SPA test and StepM.
///
/// Semantics: dₖ,ₜ = rₖ,ₜ − bₜ (positive = strategy k beats the benchmark in period t, i.e.
/// losses are negative returns). ω²ₖ is the stationary-bootstrap long-run variance of dₖ
/// (Hansen 2005; arch's estimator): ω² = γ₀ + 2 Σ_{i=1}^{T−1} κᵢ γᵢ,
/// γᵢ = (1/T) Σ_{t=1}^{T−i} (dₜ − d̄)(dₜ₊ᵢ − d̄), κᵢ = (1 − i/T)(1 − p)^i + (i/T)(1 − p)^(T−i),
/// p = 1/b. Lags whose weight κᵢ is below 1e-20 are skipped: |γᵢ| ≤ γ₀ bounds their total
/// contribution below T·1e-20·γ₀, far under double precision.
struct LossDifferentials {
    let strategies: Int
    let periods: Int
    /// d̄ₖ.
    let meanDifferential: [Double]
    /// ωₖ.
    let omega: [Double]
    /// Bootstrap means d̄*ₖ,ᵦ, replicate-major.
    let bootstrapMeans: [Double]
    let replicates: Int

    init(strategies: [[Double]], benchmark: [Double], blockSize: Double, replicates: Int, seed: UInt64,
         scheme: BlockBootstrapScheme? = nil) throws(AnalyticsError) {
        try AnalyticsError.checkCount(strategies.count, atLeast: 1, for: "SPA (strategies)")
        let t = benchmark.count
        try AnalyticsError.checkCount(t, atLeast: 10, for: "SPA")
        guard strategies.allSatisfy({ $0.count == t }) else {
            throw .lengthMismatch(what: "SPA", lengths: strategies.map(\.count) + [t])
        }
        try AnalyticsError.checkFinite(benchmark, series: "benchmark")
        var d: [[Double]] = []
        for (k, s) in strategies.enumerated() {
            try AnalyticsError.checkFinite(s, series: "strategy \(k)")
            d.append(zip(s, benchmark).map { $0 - $1 })
        }
        let boot = try BootstrapMeans(series: d, scheme: scheme ?? .stationary(meanBlockLength: blockSize),
                                      replicates: replicates, seed: seed)
        self.strategies = d.count
        self.periods = t
        self.meanDifferential = boot.sampleMeans
        self.omega = zip(d, boot.sampleMeans).map { Self.longRunVariance($0, mean: $1, blockSize: blockSize).squareRoot() }
        self.bootstrapMeans = boot.means
        self.replicates = replicates
    }

    /// ω² of one differential series (see the type's doc).
    static func longRunVariance(_ d: [Double], mean: Double, blockSize: Double) -> Double {
        let t = d.count
        let q = 1 - 1 / blockSize
        let centered = d.map { $0 - mean }
        let logQ = log(q)
        return centered.withUnsafeBufferPointer { c in
            func gamma(_ lag: Int) -> Double {
                var s = 0.0
                for u in 0..<(t - lag) { s += c[u] * c[u + lag] }
                return s / Double(t)
            }
            var omega2 = gamma(0)
            guard q > 0 else { return omega2 }
            for i in 1..<t {
                let fi = Double(i), ft = Double(t)
                let w = (1 - fi / ft) * exp(fi * logQ) + (fi / ft) * exp((ft - fi) * logQ)
                if w < 1e-20 { continue }
                omega2 += 2 * w * gamma(i)
            }
            return omega2
        }
    }

    /// Re-centring g(d̄ₖ) of each strategy for `kind`.
    func recentring(_ kind: SPARecentring) -> [Double] {
        let t = Double(periods)
        let loglog = 2 * log(log(t))
        return (0..<strategies).map { k in
            let x = meanDifferential[k]
            switch kind {
            case .lower: return max(x, 0)
            case .upper: return x
            case .consistent: return x >= -(omega[k] * omega[k] / t * loglog).squareRoot() ? x : 0
            }
        }
    }

    /// Scale applied to a mean differential: √T/ωₖ when studentized, 1 otherwise. A strategy
    /// whose differential is constant (ωₖ = 0) has no standard error and gets scale 0, i.e. it
    /// is left out of the studentized statistic.
    func scales(studentized: Bool) -> [Double] {
        let rootT = Double(periods).squareRoot()
        return omega.map { studentized ? ($0 > 0 ? rootT / $0 : 0) : 1 }
    }
}

/// The three re-centrings of Hansen's SPA test.
public enum SPARecentring: String, Sendable, CaseIterable {
    /// g(x) = max(x, 0): strategies worse than the benchmark are treated as equal to it.
    case lower
    /// g(x) = x if x ≥ −√(ω²/T · 2 ln ln T), else 0 (Hansen's consistent p-value).
    case consistent
    /// g(x) = x: every strategy re-centred at its mean (White's reality check).
    case upper
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
