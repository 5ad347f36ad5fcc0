/// What a model learns to predict at bar `i`. Every label at bar `i` is computed from bars
/// `(i, end_i]` only, entering at `close[i]` (the strategy decides at bar i's close), and the
/// pipeline keeps each label's end index `end_i` for purging.
public enum LabelSpec: Sendable, Equatable {
    /// `close[i+h] / close[i] − 1` (regression). End index `i + h`.
    case forwardReturn(horizon: Int)
    /// 1 when `close[i+h] / close[i] − 1 > 0`, else 0 (binary classification). End index `i + h`.
    case forwardReturnSign(horizon: Int)
    /// Triple barrier (López de Prado, *Advances in Financial Machine Learning*, §3.4): from
    /// `close[i]`, an upper barrier at `close[i]·(1 + takeProfit)`, a lower one at
    /// `close[i]·(1 − stopLoss)` and a vertical one `maxBars` bars later.
    ///
    /// Semantics: bars `j = i+1 … i+maxBars` are scanned in order; `high[j]` at or above the
    /// upper barrier hits the take-profit, `low[j]` at or below the lower barrier the stop-loss;
    /// when both are inside one bar the stop-loss is taken as first (the pessimistic rule the
    /// engines use for brackets). Label 1 for a take-profit, 0 for a stop-loss; at the vertical
    /// barrier, 1 when `close[i+maxBars] > close[i]`, else 0. The end index is the bar of the hit
    /// (or `i + maxBars`), so a label that resolves early stops constraining purging early.
    case tripleBarrier(takeProfit: Double, stopLoss: Double, maxBars: Int)

    /// The task the label defines.
    public var task: Task {
        switch self {
        case .forwardReturn: return .regression
        case .forwardReturnSign, .tripleBarrier: return .classification
        }
    }

    /// The spec spelling of the label's kind.
    public var kind: String {
        switch self {
        case .forwardReturn: return "forward_return"
        case .forwardReturnSign: return "forward_return_sign"
        case .tripleBarrier: return "triple_barrier"
        }
    }

    /// The longest span `end_i − i` a label can have.
    public var maxSpan: Int {
        switch self {
        case let .forwardReturn(h), let .forwardReturnSign(h): return h
        case let .tripleBarrier(_, _, maxBars): return maxBars
        }
    }

    /// Upper bound on horizons and barrier lengths, in bars.
    public static let maxHorizon = 1_000_000

    /// Throws when a horizon or barrier is outside its domain.
    public func validate() throws(LearningError) {
        switch self {
        case let .forwardReturn(h), let .forwardReturnSign(h):
            guard (1...Self.maxHorizon).contains(h) else {
                throw .invalidArgument(name: "label.horizon", expected: "an integer number of bars in 1...\(Self.maxHorizon)", got: "\(h)")
            }
        case let .tripleBarrier(tp, sl, maxBars):
            guard tp.isFinite, tp > 0 else {
                throw .invalidArgument(name: "label.take_profit", expected: "a fraction > 0 (0.02 = 2%)", got: "\(tp)")
            }
            guard sl.isFinite, sl > 0, sl < 1 else {
                throw .invalidArgument(name: "label.stop_loss", expected: "a fraction in (0, 1) (0.02 = 2%)", got: "\(sl)")
            }
            guard (1...Self.maxHorizon).contains(maxBars) else {
                throw .invalidArgument(name: "label.max_bars", expected: "an integer number of bars in 1...\(Self.maxHorizon)", got: "\(maxBars)")
            }
        }
    }
}

/// Classification (binary, labels 0/1, predictions are probabilities of 1) or regression.
public enum Task: String, Sendable, Equatable, Codable {
    case classification
    case regression
}
