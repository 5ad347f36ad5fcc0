import Foundation

/// How observed values are mapped before the Gaussian process sees them.
///
/// Semantics: all transforms are monotone increasing, so the order of points (and the best
/// point) is unchanged. `standardize` only centres and scales. `robust` first compresses the
/// bad (upper) tail with `m + s·asinh((y − m)/s)` above the median `m` (`s`: the median
/// absolute deviation), so a few catastrophic values (Sharpe ratios of broken strategies,
/// Branin's corners) do not flatten the landscape near the optimum; then standardizes.
/// `rank` replaces values by normal quantiles of their ranks (a Gaussian copula).
public enum OutputTransform: Hashable, Sendable {
    case standardize
    case robust
    case rank

    /// Transformed copy of `y`, mean 0 and unit variance (or the copula's scale).
    public func apply(_ y: [Double]) -> [Double] {
        guard !y.isEmpty else { return [] }
        switch self {
        case .standardize: return Self.standardized(y)
        case .robust:
            let m = Self.median(y)
            var s = Self.median(y.map { abs($0 - m) })
            if s <= 0 { s = max(Self.standardDeviation(y), 1e-12) }
            return Self.standardized(y.map { $0 > m ? m + s * asinh(($0 - m) / s) : $0 })
        case .rank:
            let n = y.count
            let order = y.indices.sorted { (y[$0], $0) < (y[$1], $1) }
            var out = [Double](repeating: 0, count: n)
            var i = 0
            while i < n {                                   // ties share their mean rank
                var j = i
                while j + 1 < n, y[order[j + 1]] == y[order[i]] { j += 1 }
                let rank = (Double(i + j) / 2 + 0.5) / Double(n)
                for k in i...j { out[order[k]] = NormalQuantile.of(rank) }
                i = j + 1
            }
            return out
        }
    }

    static func median(_ y: [Double]) -> Double {
        let s = y.sorted()
        let n = s.count
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2])
    }

    static func standardDeviation(_ y: [Double]) -> Double {
        let mean = y.reduce(0, +) / Double(y.count)
        return (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(y.count)).squareRoot()
    }

    static func standardized(_ y: [Double]) -> [Double] {
        let mean = y.reduce(0, +) / Double(y.count)
        let sd = standardDeviation(y)
        let scale = sd > 0 ? sd : 1
        return y.map { ($0 - mean) / scale }
    }
}
