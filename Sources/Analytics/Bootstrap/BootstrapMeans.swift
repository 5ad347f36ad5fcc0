import MarketData
/// Means of several series over the same bootstrap replicates: one index stream shared by
/// all columns, block sums taken from time-major prefix sums (O(blocks × columns) per
/// replicate instead of O(T × columns)).
public struct BootstrapMeans: Sendable {
    /// Number of replicates B.
    public let replicates: Int
    /// Number of columns K.
    public let columns: Int
    /// Number of periods T.
    public let periods: Int
    /// Sample mean of each column.
    public let sampleMeans: [Double]
    /// Replicate means, replicate-major: `means[b * columns + k]`.
    public let means: [Double]

    /// `series[k]` is column k (all of one length T); draws `replicates` replicates of
    /// `scheme` seeded with `seed`.
    public init(series: [[Double]], scheme: BlockBootstrapScheme, replicates: Int, seed: UInt64) throws(AnalyticsError) {
        try AnalyticsError.checkCount(series.count, atLeast: 1, for: "bootstrap (series)")
        try AnalyticsError.checkCount(replicates, atLeast: 1, for: "bootstrap (replicates)")
        if let reason = AllocationLimit.exceeded(replicates, bytesEach: 8 * series.count, what: "bootstrap replicates") {
            throw .invalidArgument(name: "replicates", expected: "a count whose means fit in memory", got: reason)
        }
        let t = series[0].count
        guard series.allSatisfy({ $0.count == t }) else { throw .lengthMismatch(what: "bootstrap", lengths: series.map(\.count)) }
        for (k, s) in series.enumerated() { try AnalyticsError.checkFinite(s, series: "column \(k)") }
        var boot = try BlockBootstrap(scheme: scheme, periods: t, seed: seed)
        let k = series.count
        // prefix[(i) * k + j] = Σ_{u < i} series[j][u]
        var prefix = [Double](repeating: 0, count: (t + 1) * k)
        for j in 0..<k {
            var acc = 0.0
            for i in 0..<t { acc += series[j][i]; prefix[(i + 1) * k + j] = acc }
        }
        var out = [Double](repeating: 0, count: replicates * k)
        var blocks: [BlockBootstrap.Block] = []
        blocks.reserveCapacity(t)
        let invT = 1 / Double(t)
        prefix.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                for b in 0..<replicates {
                    boot.nextReplicate(into: &blocks)
                    let row = o.baseAddress! + b * k
                    for blk in blocks {
                        let end = blk.start + blk.length
                        let s0 = p.baseAddress! + blk.start * k
                        if end <= t {
                            let s1 = p.baseAddress! + end * k
                            for j in 0..<k { row[j] += s1[j] - s0[j] }
                        } else {
                            let sT = p.baseAddress! + t * k
                            let s1 = p.baseAddress! + (end - t) * k
                            for j in 0..<k { row[j] += (sT[j] - s0[j]) + s1[j] }
                        }
                    }
                    for j in 0..<k { row[j] *= invT }
                }
            }
        }
        self.replicates = replicates
        self.columns = k
        self.periods = t
        self.sampleMeans = series.map { Moments.mean($0) }
        self.means = out
    }
}
