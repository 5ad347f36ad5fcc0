import Foundation

/// Decision latency of live bars: from a bar's receipt (the stream message carrying it) to its
/// orders decided (the engine's step done), and to its state committed. Percentiles are exact
/// (nearest rank) over the first `limit` bars; later bars are counted, not kept.
public struct DecisionLatency: Sendable {
    public static let limit = 1_000_000
    /// Nanoseconds, one per bar, in arrival order.
    public private(set) var decided: [UInt64] = []
    public private(set) var committed: [UInt64] = []
    /// Live bars measured in all (beyond `limit` too).
    public private(set) var count = 0

    public init() {}

    /// Records one bar: received, decided and committed at these uptimes (ns).
    public mutating func add(receivedAt: UInt64, decidedAt: UInt64, committedAt: UInt64) {
        count += 1
        guard decided.count < Self.limit else { return }
        decided.append(decidedAt &- receivedAt)
        committed.append(committedAt &- receivedAt)
    }

    /// The nearest-rank percentile (`fraction` in (0, 1]) of ascending `sorted` samples in
    /// milliseconds; nil when empty.
    public static func percentile(sorted: [UInt64], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((Double(sorted.count) * fraction).rounded(.up)))
        return Double(sorted[min(rank, sorted.count) - 1]) / 1e6
    }

    /// `receipt → decided p50 … p99 … max …; → committed p99 …` in ms, or nil with no live bar.
    public var summary: String? {
        let decided = decided.sorted(), committed = committed.sorted()
        guard let d50 = Self.percentile(sorted: decided, 0.5), let d99 = Self.percentile(sorted: decided, 0.99),
              let dMax = Self.percentile(sorted: decided, 1), let c99 = Self.percentile(sorted: committed, 0.99) else { return nil }
        func ms(_ v: Double) -> String { v < 10 ? String(format: "%.3f", v) : String(format: "%.1f", v) }
        return "decision latency over \(decided.count) live bar(s), receipt → orders decided: p50 \(ms(d50)) ms, p99 \(ms(d99)) ms, "
            + "max \(ms(dMax)) ms; → state committed: p99 \(ms(c99)) ms"
    }
}
