/// Lags in 0.1 ms buckets up to 60 s (one overflow bucket above): percentiles without
/// keeping every sample.
struct LagHistogram {
    static let bucketsPerMs = 10
    static let buckets = 60_000 * bucketsPerMs
    private var counts = [Int](repeating: 0, count: buckets + 1)
    private(set) var total = 0

    mutating func add(milliseconds: Double, count: Int = 1) {
        let scaled = milliseconds * Double(Self.bucketsPerMs)
        let index = scaled.isFinite && scaled > 0 ? (scaled >= Double(Self.buckets) ? Self.buckets : Int(scaled)) : 0
        counts[index] += count
        total += count
    }

    /// The smallest lag (upper edge of its bucket, ms) that `fraction` of the samples do not exceed.
    func percentile(_ fraction: Double) -> Double {
        guard total > 0 else { return 0 }
        let target = Int((Double(total) * fraction).rounded(.up))
        var seen = 0
        for (i, c) in counts.enumerated() {
            seen += c
            if seen >= target { return Double(i + 1) / Double(Self.bucketsPerMs) }
        }
        return Double(Self.buckets) / Double(Self.bucketsPerMs)
    }
}
