/// How votes are combined.
@frozen
public enum CombineMode: String, Sendable, Hashable, CaseIterable {
    /// score = Σ wₖ·vₖ ÷ Σ |wₖ| over the members with a non-zero weight.
    case weighted
    /// score = +1 if more than half of the members vote +, −1 if more than half vote −, else 0.
    case majority
    /// score = +1 if every member votes +, −1 if every member votes −, else 0.
    case unanimous
}

/// Combines up to eight votes in [−1, 1] (positive = long) into one score and turns the score
/// into signals with entry and exit thresholds.
///
/// Semantics: members with weight 0 take no part. While any member's vote is NaN (its
/// indicator is warming up) the score is NaN and there is no signal. Signals from score x:
/// entry long when x ≥ `entry`, exit long when x ≤ `exit`; entry short when x ≤ −`entry`,
/// exit short when x ≥ −`exit`.
public struct SignalCombiner: Sendable, Hashable {
    public let mode: CombineMode
    public let weights: SIMD8<Double>
    public let entry: Double
    public let exit: Double

    public init(mode: CombineMode, weights: [Double], entry: Double, exit: Double) throws(StrategyError) {
        guard weights.count <= 8, weights.allSatisfy({ $0 >= 0 && $0.isFinite }), weights.contains(where: { $0 > 0 }) else {
            throw .constraint(strategy: "composite", message: "need 1 to 8 non-negative weights with at least one positive, got \(weights)")
        }
        guard entry > 0, exit < entry else {
            throw .constraint(strategy: "composite", message: "need entry threshold > 0 and exit threshold < entry, got \(entry), \(exit)")
        }
        var w = SIMD8<Double>(repeating: 0)
        for (k, v) in weights.enumerated() { w[k] = v }
        self.mode = mode
        self.weights = w
        self.entry = entry
        self.exit = exit
    }

    /// The combined score of `votes` (NaN while a participating vote is NaN).
    @inlinable
    public func score(_ votes: SIMD8<Double>) -> Double {
        var n = 0, positive = 0, negative = 0
        var sum = 0.0, total = 0.0
        for k in 0..<8 where weights[k] > 0 {
            let v = votes[k]
            if v.isNaN { return .nan }
            n += 1
            if v > 0 { positive += 1 } else if v < 0 { negative += 1 }
            sum += weights[k] * v
            total += weights[k]
        }
        switch mode {
        case .weighted: return sum / total
        case .majority: return 2 * positive > n ? 1 : (2 * negative > n ? -1 : 0)
        case .unanimous: return positive == n ? 1 : (negative == n ? -1 : 0)
        }
    }

    /// The signals of a score.
    @inlinable
    public func signal(_ x: Double) -> SignalFlags {
        guard !x.isNaN else { return [] }
        var s: SignalFlags = []
        if x >= entry { s.insert(.entryLong) }
        if x <= exit { s.insert(.exitLong) }
        if x <= -entry { s.insert(.entryShort) }
        if x >= -exit { s.insert(.exitShort) }
        return s
    }
}
