/// Failures of walk-forward and Monte Carlo validation, each rendered to a message naming the
/// setting, fold or path that went wrong.
public enum ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A setting cannot work (a negative length, a step shorter than the test window, ...).
    case invalidSetting(String)
    /// The data is too short for what was asked (no complete fold, too few returns or trades).
    case insufficientData(String)
    /// The inner optimizer failed.
    case optimizer(OptimizationError)
    /// An evaluation that must succeed failed (the chosen point on a test window, a baseline).
    case evaluation(String)
    /// An evaluator broke the window contract: it filled an order before the counted window.
    case lookAhead(String)

    public var description: String {
        switch self {
        case let .invalidSetting(message): return "invalid setting: \(message)"
        case let .insufficientData(message): return "insufficient data: \(message)"
        case let .optimizer(error): return "optimizer: \(error)"
        case let .evaluation(message): return "evaluation failed: \(message)"
        case let .lookAhead(message): return "look-ahead: \(message)"
        }
    }
}
