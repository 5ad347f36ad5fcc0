import MarketData

/// A histogram of one metric over the Monte Carlo paths, memory bounded.
///
/// Semantics: `counts.count` equal-width bins between the smallest and largest finite value
/// (`edges` has one more entry; `edges.last` is the maximum itself). Bin k holds the values in
/// [edges[k], edges[k+1]), the last bin also the maximum. NaN and infinite values are left out
/// (`counts` sums to the finite values). A constant sample (a spread within 1e-9 of its
/// magnitude, i.e. rounding noise such as a reshuffle's final return) gets one bin centred on
/// its smallest value, 1% of its magnitude wide (at least 0.01); no finite value gives no bins.
public struct MetricHistogram: Sendable, Hashable {
    public var name: String
    public var edges: [Double]
    public var counts: [Int]

    /// The number of bins the Monte Carlo reports use.
    public static let defaultBins = 40

    /// Bins the finite `values` into `bins` equal-width bins.
    public init(name: String, values: [Double], bins: Int = MetricHistogram.defaultBins) {
        precondition(bins >= 1, "at least one bin")
        self.name = name
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = min(lo, v); hi = max(hi, v)
        }
        guard lo <= hi else { edges = []; counts = []; return }
        guard hi - lo > 1e-9 * max(abs(lo), abs(hi), 1) else {
            let half = max(abs(lo), 1) * 0.005
            edges = [lo - half, lo + half]
            counts = [values.lazy.filter(\.isFinite).count]
            return
        }
        let width = (hi - lo) / Double(bins)
        edges = (0...bins).map { $0 == bins ? hi : lo + Double($0) * width }
        var tally = [Int](repeating: 0, count: bins)
        for v in values where v.isFinite { tally[clampedInt((v - lo) / width, in: 0...(bins - 1))] += 1 }
        counts = tally
    }
}
