/// Everything that can go wrong reading, validating or storing market data.
/// Each case carries enough context (file, line, column) for a message a user can act on;
/// `description` renders all of them in one place.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    /// An output file (export, resample, synth) cannot be written.
    case unwritable(path: String, reason: String)
    case empty(path: String)
    case headerOnly(path: String)
    case malformed(path: String, line: Int, column: String, expected: String, found: String)
    /// A row with fewer fields than the layout has columns.
    case fieldCount(path: String, line: Int, expected: Int, found: Int)
    /// A well-formed row that the validation policy `fail` refuses (e.g. time going backwards).
    case rejected(path: String, line: Int, column: String, problem: String)
    /// Integer timestamps whose magnitude fits no unit (or several); pass `--time-unit`.
    case ambiguousTimeUnit(path: String, line: Int, found: String)
    case unknownTimeframe(String)
    /// The spacing of the timestamps matches no timeframe; pass `--timeframe`.
    case cannotInferTimeframe(path: String, stepMilliseconds: Int64?)
    /// The SQLite store cannot be opened or written.
    case storeUnavailable(path: String, reason: String)
    /// An SQLite statement failed; the transaction was rolled back.
    case store(path: String, message: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .fileNotFound(path): return "\(path): no such file"
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .unwritable(path, reason): return "\(path): cannot write: \(reason)"
        case let .empty(path): return "\(path): the file is empty; expected a header line and bars"
        case let .headerOnly(path): return "\(path): the file has a header but no bars"
        case let .fieldCount(path, line, expected, found):
            return "\(path):\(line): row: expected \(expected) fields, found \(found)"
        case let .malformed(path, line, column, expected, found):
            // The offending field only, and at most its start: never more of the file than that.
            let shown = found.count <= 40 ? found : String(found.prefix(40)) + "…"
            return "\(path):\(line): \(column): expected \(expected), found \"\(shown)\""
        case let .rejected(path, line, column, problem):
            return "\(path):\(line): \(column): \(problem)"
        case let .ambiguousTimeUnit(path, line, found):
            return "\(path):\(line): timestamp: cannot tell the time unit of \"\(found)\"; "
                + "expected epoch seconds, milliseconds, microseconds or ISO-8601 (pass --time-unit s|ms|us|iso)"
        case let .unknownTimeframe(text):
            let month = text.lowercased() != text ? " (case matters: \"1m\" is a minute, \"1M\" a month)" : ""
            return "unknown timeframe \"\(text)\"\(month); expected one of \(Timeframe.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .cannotInferTimeframe(path, step):
            let seen = step.map { "the most common step is \($0) ms, " } ?? "there are fewer than two distinct timestamps, "
            return "\(path): cannot infer the timeframe: \(seen)which matches none of "
                + "\(Timeframe.allCases.map(\.rawValue).joined(separator: ", ")) (pass --timeframe)"
        case let .storeUnavailable(path, reason): return "\(path): cannot open the store: \(reason)"
        case let .store(path, message): return "\(path): store error: \(message)"
        case let .invalidArgument(message): return message
        }
    }
}
