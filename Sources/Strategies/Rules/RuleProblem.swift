/// A problem found at a place in one expression (the lexer's, parser's and checker's unit).
struct RuleDiagnostic: Sendable, Hashable {
    var range: RuleRange
    var message: String

    init(_ range: RuleRange, _ message: String) {
        self.range = range
        self.message = message
    }
}

/// One thing wrong with a rule program, located so a user can act on it: the rule (entry,
/// exit or another named expression) and the column in its text, or the declared parameter.
public struct RuleProblem: Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is.
    public enum Location: Sendable, Hashable {
        /// In the expression of rule `rule` (e.g. `long_entry`), at `range` of `text`.
        case expression(rule: String, text: String, range: RuleRange)
        /// At the declaration of parameter `name` (declared but unused, bad domain).
        case parameter(String)
        /// The program as a whole (no entry rule).
        case program
    }

    public var location: Location
    public var message: String

    public init(_ location: Location, _ message: String) {
        self.location = location
        self.message = message
    }

    /// 1-based column of the problem's start in the expression (nil outside expressions).
    public var column: Int? {
        if case let .expression(_, _, range) = location { return range.lower + 1 }
        return nil
    }

    /// `column N: message` followed by the expression and a caret line under the range.
    public var detail: String {
        guard case let .expression(_, text, range) = location else { return message }
        let width = max(1, range.upper - range.lower)
        let caret = String(repeating: " ", count: range.lower) + String(repeating: "^", count: width)
        return "column \(range.lower + 1): \(message)\n    \(text)\n    \(caret)"
    }

    public var description: String {
        switch location {
        case let .expression(rule, _, _): return "\(rule): \(detail)"
        case let .parameter(name): return "parameter \(name): \(message)"
        case .program: return message
        }
    }
}

/// Every problem of a rule program, in rule order, then parameter order.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    public var problems: [RuleProblem]

    public init(_ problems: [RuleProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
