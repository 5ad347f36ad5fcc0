import MarketData

/// The truncate-and-compare test for features (freqtrade's lookahead analysis): a feature is
/// causal when its value at bar `i` is the same whether the data ends at `i` or runs on.
///
/// Semantics: for each cut `t`, `compute` runs on bars `0...t` and its rows `0...t` are compared
/// with the full computation's, value by value (NaN equals NaN; anything else must be equal to
/// the bit). A column that reads later bars — an expression with a negative lag, an imported
/// column aligned with a future timestamp — differs at some row and is reported.
public enum LookAheadAudit {
    /// The first row at which a feature changed when bars after `cut` were removed.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public let feature: String
        public let cut: Int
        public let row: Int
        public let full: Double
        public let truncated: Double

        public var description: String {
            "feature '\(feature)' looks ahead: at bar \(row) it is \(full) on the full data but \(truncated) when the data ends at bar \(cut)"
        }
    }

    /// Findings for every feature and cut, in feature then cut order (empty when every column
    /// is causal at these cuts). Cuts outside `0..<bars.count` are refused.
    public static func check(bars: BarSeries, cuts: [Int],
                             compute: (BarSeries) throws(LearningError) -> FeatureMatrix) throws(LearningError) -> [Finding] {
        if let bad = cuts.first(where: { $0 < 0 || $0 >= bars.count }) {
            throw .invalidArgument(name: "cuts", expected: "bar indices in 0..<\(bars.count)", got: "\(bad)")
        }
        let full = try compute(bars)
        var findings: [Finding] = []
        var byFeature: [String: [Finding]] = [:]
        for cut in cuts.sorted() {
            let short = try compute(bars.slice(0..<(cut + 1)))
            guard short.names == full.names, short.rowCount == cut + 1 else {
                throw .invalidArgument(name: "features at cut \(cut)", expected: "the same columns \(full.names) on \(cut + 1) rows",
                                       got: "\(short.names) on \(short.rowCount) rows")
            }
            for j in 0..<full.columnCount {
                let a = full.column(j), b = short.column(j)
                for i in 0...cut {
                    let x = a[a.startIndex + i], y = b[b.startIndex + i]
                    if x.bitPattern != y.bitPattern && !(x.isNaN && y.isNaN) {
                        byFeature[full.names[j], default: []].append(Finding(feature: full.names[j], cut: cut, row: i, full: x, truncated: y))
                        break
                    }
                }
            }
        }
        for name in full.names { findings += byFeature[name] ?? [] }
        return findings
    }
}
