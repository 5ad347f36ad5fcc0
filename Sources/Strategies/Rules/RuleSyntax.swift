/// The parse tree of one expression: each node carries the character range it spans and its
/// depth (1 for a leaf), which the parser bounds by `RuleLimits.maxDepth`.
struct RuleSyntax: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case number(Double)
        case name(String)
        /// A quoted name (only meaningful as the argument of `model("name")`).
        case string(String)
        /// `-x` or `not x`.
        case unary(RuleUnary)
        case binary(RuleBinary)
        /// `name(args)`; `keywords[k]` is the `name=` of argument k, if given.
        case call(String, keywords: [String?])
        /// `base.name` (an indicator output).
        case field(String)
    }

    var kind: Kind
    var range: RuleRange
    var children: [RuleSyntax]
    var depth: Int

    init(_ kind: Kind, _ range: RuleRange, _ children: [RuleSyntax] = []) {
        self.kind = kind
        self.range = range
        self.children = children
        self.depth = 1 + (children.map(\.depth).max() ?? 0)
    }
}

/// Prefix operators.
enum RuleUnary: String, Sendable, Hashable { case negate = "-", not }

/// Infix operators, by the precedence groups of the grammar (lowest first): `or`, `and`,
/// comparisons, `+ -`, `* /`.
enum RuleBinary: String, Sendable, Hashable, CaseIterable {
    case or, and
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "==", notEqual = "!="
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    var isComparison: Bool {
        switch self {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: return true
        default: return false
        }
    }
}
