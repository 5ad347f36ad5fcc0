import MarketData

/// Everything that can go wrong at the Learning boundary, rendered to a message in one place.
public enum LearningError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An argument or configuration value is outside its domain; `name` is its path
    /// (`label.horizon`, `model.params.num_round`).
    case invalidArgument(name: String, expected: String, got: String)
    /// Too few usable rows (finite label and features) for `what`.
    case tooFewRows(what: String, needed: Int, got: Int)
    /// XGBoost's C library reported a failure in `function`, with its message.
    case xgboost(function: String, message: String)
    /// A LAPACK routine returned a non-zero `info`.
    case lapack(function: String, info: Int32)
    /// Newton's method did not reach the gradient tolerance in the allowed iterations.
    case notConverged(model: String, iterations: Int, gradientNorm: Double)
    /// A score could not be computed (Analytics' message).
    case metric(message: String)
    /// Serialized model bytes could not be read back.
    case corruptModel(kind: String, reason: String)
    /// The model registry file cannot be opened or written.
    case storeUnavailable(path: String, reason: String)
    /// A registry statement failed.
    case store(path: String, message: String)
    /// No model with this id in the registry.
    case unknownModel(id: String, path: String)

    public var description: String {
        switch self {
        case let .invalidArgument(name, expected, got):
            return "\(name): expected \(expected), got \(got)"
        case let .tooFewRows(what, needed, got):
            return "\(what) needs at least \(needed) rows with a finite label and finite features, got \(got)"
        case let .xgboost(function, message):
            return "XGBoost \(function) failed: \(message)"
        case let .lapack(function, info):
            return "LAPACK \(function) failed with info \(info)"
                + (info > 0 ? " (matrix not positive definite: add l2 regularization or drop collinear features)" : "")
        case let .notConverged(model, iterations, gradientNorm):
            return "\(model) did not converge in \(iterations) Newton iterations (gradient norm \(gradientNorm)); raise max_iter or l2"
        case let .metric(message):
            return "metric: \(message)"
        case let .corruptModel(kind, reason):
            return "serialized \(kind) model is unreadable: \(reason)"
        case let .storeUnavailable(path, reason):
            return "model registry \(path) is unavailable: \(reason)"
        case let .store(path, message):
            return "model registry \(path): \(message)"
        case let .unknownModel(id, path):
            return "no model '\(id)' in registry \(path) (see the list of registered models)"
        }
    }
}

extension LearningError: SQLiteFailure {
    /// Open failures make the registry unavailable; anything else is a store error.
    package init(_ error: SQLiteError) {
        switch error.operation {
        case .open: self = .storeUnavailable(path: error.path, reason: error.message)
        default: self = .store(path: error.path, message: error.message)
        }
    }
}
