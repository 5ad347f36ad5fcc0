/// Everything that can go wrong reading, validating or storing market data.
/// Each case carries enough context (file, line, column) for a message a user can act on.
public enum DataError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case empty(path: String)
    case headerOnly(path: String)
    case malformed(path: String, line: Int, column: String, expected: String, found: String)
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .fileNotFound(path): return "\(path): no such file"
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .empty(path): return "\(path): the file is empty; expected a header line and bars"
        case let .headerOnly(path): return "\(path): the file has a header but no bars"
        case let .malformed(path, line, column, expected, found):
            return "\(path):\(line): \(column): expected \(expected), found \"\(found)\""
        case let .invalidArgument(message): return message
        }
    }
}
