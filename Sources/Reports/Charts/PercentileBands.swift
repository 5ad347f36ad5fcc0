/// The 5th, 25th, 50th, 75th and 95th percentiles of many simulated paths at each timestamp.
public struct PercentileBands: Sendable, Equatable {
    public var ts: [Int64]
    public var p5: [Double]
    public var p25: [Double]
    public var p50: [Double]
    public var p75: [Double]
    public var p95: [Double]

    public init(ts: [Int64], p5: [Double], p25: [Double], p50: [Double], p75: [Double], p95: [Double]) {
        self.ts = ts
        self.p5 = p5
        self.p25 = p25
        self.p50 = p50
        self.p75 = p75
        self.p95 = p95
    }

    /// Percentiles across `paths` (each the same length as `ts`) at every step, by linear
    /// interpolation between order statistics; NaN values are ignored.
    public init(ts: [Int64], paths: [[Double]]) {
        var columns: [[Double]] = [[], [], [], [], []]
        let quantiles = [0.05, 0.25, 0.5, 0.75, 0.95]
        for i in ts.indices {
            let sample = paths.compactMap { i < $0.count && $0[i].isFinite ? $0[i] : nil }.sorted()
            for (k, q) in quantiles.enumerated() {
                columns[k].append(sample.isEmpty ? .nan : HistogramBins.quantile(sample, q))
            }
        }
        self.init(ts: ts, p5: columns[0], p25: columns[1], p50: columns[2], p75: columns[3], p95: columns[4])
    }

    var count: Int { [ts.count, p5.count, p25.count, p50.count, p75.count, p95.count].min() ?? 0 }
}
