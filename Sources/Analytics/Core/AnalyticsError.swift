/// Everything that can go wrong at the Analytics boundary, rendered to a message in one place.
public enum AnalyticsError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A series holds NaN or ±inf at `index` (0-based).
    case nonFinite(series: String, index: Int)
    /// A computation needs at least `needed` observations and got `got`.
    case tooFewObservations(what: String, needed: Int, got: Int)
    /// Two series that must be paired have different lengths.
    case lengthMismatch(what: String, lengths: [Int])
    /// An argument is outside its domain.
    case invalidArgument(name: String, expected: String, got: String)
    /// A comparison input file could not be read or parsed.
    case input(path: String, line: Int, message: String)

    public var description: String {
        switch self {
        case let .nonFinite(series, index):
            return "series '\(series)' has a non-finite value (NaN or inf) at position \(index); remove or fill it first"
        case let .tooFewObservations(what, needed, got):
            return "\(what) needs at least \(needed) observations, got \(got)"
        case let .lengthMismatch(what, lengths):
            return "\(what): series lengths differ (\(lengths.map(String.init).joined(separator: ", "))); align them on timestamps first"
        case let .invalidArgument(name, expected, got):
            return "\(name): expected \(expected), got \(got)"
        case let .input(path, line, message):
            return line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
        }
    }
}

extension AnalyticsError {
    /// Throws `.nonFinite` at the first NaN/inf of `values`.
    static func checkFinite(_ values: [Double], series: String) throws(AnalyticsError) {
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(series: series, index: i)
        }
    }

    /// Throws `.tooFewObservations` when `count < needed`.
    static func checkCount(_ count: Int, atLeast needed: Int, for what: String) throws(AnalyticsError) {
        if count < needed { throw .tooFewObservations(what: what, needed: needed, got: count) }
    }
}
