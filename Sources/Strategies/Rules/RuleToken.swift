/// A half-open range of character offsets (0-based) in one expression.
public struct RuleRange: Sendable, Hashable {
    public var lower: Int
    public var upper: Int

    public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = max(upper, lower)
    }

    /// The range covering both.
    public func union(_ other: RuleRange) -> RuleRange { RuleRange(min(lower, other.lower), max(upper, other.upper)) }
}

/// One lexical token of the rule language.
struct RuleToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(Double)
        case name(String)
        /// A double-quoted name, the argument of `model("name")`.
        case string(String)
        case plus, minus, star, slash
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case leftParen, rightParen, comma, dot, assign
        case end
    }

    var kind: Kind
    var range: RuleRange

    /// How an error message shows it.
    var shown: String {
        switch kind {
        case let .number(v): return v.rounded() == v && abs(v) < 1e15 ? "\(Int(v))" : "\(v)"
        case let .name(n): return "\"\(n)\""
        case let .string(s): return "the quoted name \"\(s)\""
        case .plus: return "\"+\""
        case .minus: return "\"-\""
        case .star: return "\"*\""
        case .slash: return "\"/\""
        case .less: return "\"<\""
        case .lessEqual: return "\"<=\""
        case .greater: return "\">\""
        case .greaterEqual: return "\">=\""
        case .equal: return "\"==\""
        case .notEqual: return "\"!=\""
        case .leftParen: return "\"(\""
        case .rightParen: return "\")\""
        case .comma: return "\",\""
        case .dot: return "\".\""
        case .assign: return "\"=\""
        case .end: return "the end of the expression"
        }
    }
}
