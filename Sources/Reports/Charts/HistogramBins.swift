import Foundation
import MarketData

/// Equal-width bins over the finite values of a sample.
///
/// Semantics: `freedmanDiaconis` uses width 2 × IQR × n^(-1/3) (IQR from linearly interpolated
/// quartiles); when the IQR is zero it falls back to Sturges' ⌈log2 n⌉ + 1 bins. Bin counts are
/// capped at 200. Bins are [edge[k], edge[k+1]) except the last, which includes the maximum.
/// A constant sample gets one bin of width 1 centred on the value. NaN values are ignored.
public struct HistogramBins: Sendable, Equatable {
    /// How the bin count is chosen.
    public enum Rule: Sendable, Equatable {
        case freedmanDiaconis
        case count(Int)
    }

    public var edges: [Double]
    public var counts: [Int]

    /// Bins computed elsewhere (a stored histogram); `edges` has one entry more than `counts`.
    public init(edges: [Double], counts: [Int]) {
        precondition(counts.isEmpty ? edges.isEmpty : edges.count == counts.count + 1, "one edge more than bins")
        self.edges = edges
        self.counts = counts
    }

    public init(values: [Double], rule: Rule = .freedmanDiaconis) {
        let sample = values.filter(\.isFinite).sorted()
        guard let lo = sample.first, let hi = sample.last else { edges = []; counts = []; return }
        guard hi > lo else { edges = [lo - 0.5, lo + 0.5]; counts = [sample.count]; return }
        let bins: Int
        switch rule {
        case .count(let n):
            bins = max(1, min(n, 10_000))
        case .freedmanDiaconis:
            let iqr = Self.quantile(sample, 0.75) - Self.quantile(sample, 0.25)
            let n = Double(sample.count)
            if iqr > 0 {
                bins = clampedInt(((hi - lo) / (2 * iqr * pow(n, -1.0 / 3))).rounded(.up), in: 1...200)
            } else {
                bins = min(200, Int(log2(n).rounded(.up)) + 1)
            }
        }
        let width = (hi - lo) / Double(bins)
        edges = (0...bins).map { $0 == bins ? hi : lo + Double($0) * width }
        var tally = [Int](repeating: 0, count: bins)
        for v in sample { tally[clampedInt((v - lo) / width, in: 0...(bins - 1))] += 1 }
        counts = tally
    }

    /// Quantile `q` of a sorted sample by linear interpolation between order statistics.
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let i = Int(position.rounded(.down))
        let f = position - Double(i)
        return i + 1 < sorted.count ? sorted[i] + f * (sorted[i + 1] - sorted[i]) : sorted[i]
    }
}
