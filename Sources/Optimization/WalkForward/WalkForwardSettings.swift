/// How walk-forward cuts the data and searches each fold (what a spec's `walk_forward` maps to).
///
/// Semantics: fold k trains on [a_k, b_k) and tests on [b_k, c_k) with c_k = b_k + test.
/// Rolling: a_k = first + k·step, b_k = a_k + train. Anchored: a_k = first, b_k = first +
/// train + k·step (the training window grows). Lengths are bar counts or durations in
/// milliseconds (all three of the same kind); durations are measured on the bars' open
/// times from the first bar's, and a bar belongs to the window holding its open time. A fold
/// whose test window would end after the data (the last bar's open + one bar length) is
/// dropped, never shortened; a duration fold with no bar in its training or test window (a
/// gap in the data) is skipped. `step` defaults to `test` and may not be shorter (test
/// windows must not overlap, so the out-of-sample curve can be stitched); a longer step
/// leaves bars untested between folds.
public struct WalkForwardSettings: Sendable, Hashable {
    /// A window length.
    public enum Span: Sendable, Hashable, CustomStringConvertible {
        case bars(Int)
        case milliseconds(Int64)

        /// `500 bars`, or a duration in the largest whole unit (`90d`, `12h`, `30m`, `1500 ms`).
        public var description: String {
            switch self {
            case let .bars(n): return "\(n) bars"
            case let .milliseconds(ms):
                for (unit, size) in [("w", Int64(604_800_000)), ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000)]
                where ms % size == 0 {
                    return "\(ms / size)\(unit)"
                }
                return "\(ms) ms"
            }
        }
    }

    /// Whether training windows roll forward or grow from the first bar.
    public enum Anchoring: String, Sendable, Hashable {
        case rolling, anchored
    }

    public var anchoring: Anchoring
    public var train: Span
    public var test: Span
    /// Distance between successive folds (nil: the test length).
    public var step: Span?
    /// Bars before each window fed to the strategy for indicator warm-up (they may lie before
    /// the training window, and for a test window they are training bars; never test bars of
    /// a later fold). Set it to at least the strategy's longest lookback.
    public var warmupBars: Int
    /// Trials the inner optimizer runs on each training window.
    public var trialsPerFold: Int
    /// Points asked from the optimizer at once and evaluated in parallel; part of the result
    /// (a Bayesian optimizer proposes differently in batches), never derived from the threads.
    public var batchSize: Int
    /// Run seed; fold k's optimizer gets a seed derived from (seed, k).
    public var seed: UInt64

    public init(train: Span, test: Span, step: Span? = nil, anchoring: Anchoring = .rolling, warmupBars: Int = 0,
                trialsPerFold: Int = 50, batchSize: Int = 1, seed: UInt64 = 0) {
        self.train = train
        self.test = test
        self.step = step
        self.anchoring = anchoring
        self.warmupBars = warmupBars
        self.trialsPerFold = trialsPerFold
        self.batchSize = batchSize
        self.seed = seed
    }

    /// Checks lengths, kinds and counts.
    public func validate() throws(ValidationError) {
        let spans = [("train", train), ("test", test), ("step", step ?? test)]
        let lengths = spans.map { name, span -> (String, Int64, Bool) in
            switch span {
            case let .bars(n): return (name, Int64(n), true)
            case let .milliseconds(ms): return (name, ms, false)
            }
        }
        for (name, length, _) in lengths where length <= 0 {
            throw .invalidSetting("walk_forward.\(name): expected a positive length, got \(length)")
        }
        guard Set(lengths.map(\.2)).count == 1 else {
            throw .invalidSetting("walk_forward: train, test and step must all be bar counts or all durations")
        }
        guard lengths[2].1 >= lengths[1].1 else {
            throw .invalidSetting("walk_forward.step: \(lengths[2].1) is shorter than the test window \(lengths[1].1); test windows would overlap")
        }
        guard warmupBars >= 0 else { throw .invalidSetting("walk_forward.warmup_bars: expected a non-negative integer, got \(warmupBars)") }
        guard trialsPerFold >= 1 else { throw .invalidSetting("walk_forward.trials_per_fold: expected a positive integer, got \(trialsPerFold)") }
        guard batchSize >= 1 else { throw .invalidSetting("walk_forward.batch_size: expected a positive integer, got \(batchSize)") }
    }
}
