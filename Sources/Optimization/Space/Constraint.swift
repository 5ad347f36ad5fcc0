/// A relation between parameters that every proposed point must satisfy, e.g. `fast < slow`
/// or `fast * 2 <= slow && (kind == "ema" || fast > 3)`.
///
/// Semantics: expressions combine parameter names, numbers, double-quoted category names,
/// `+ - * /`, parentheses, comparisons `< <= > >= == !=` and `! && ||`. Comparisons of
/// numbers are exact (a point's values are the space's levels). Names are resolved when the
/// constraint is built, so evaluation never looks anything up by string.
public struct Constraint: Hashable, Sendable, CustomStringConvertible {
    /// The text as written.
    public let text: String
    let root: ConstraintNode

    /// Parses `text` against the parameters (declaration order) of a space.
    public init(_ text: String, parameters: [Parameter]) throws(SpaceError) {
        self.text = text
        var parser = ConstraintParser(text: text, parameters: parameters)
        self.root = try parser.parseConstraint()
    }

    /// Whether the values (aligned with the space's parameters) satisfy the constraint.
    public func isSatisfied(by values: [ParameterValue]) -> Bool {
        root.truth(values)
    }

    public var description: String { text }
}

/// Parsed constraint expression; parameter references are indices into the point's values.
indirect enum ConstraintNode: Hashable, Sendable {
    enum Arithmetic: Hashable, Sendable { case add, subtract, multiply, divide }
    enum Comparison: Hashable, Sendable { case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual }

    case number(Double)
    case text(String)
    case parameter(Int)
    case negate(ConstraintNode)
    case arithmetic(Arithmetic, ConstraintNode, ConstraintNode)
    case compare(Comparison, ConstraintNode, ConstraintNode)
    case not(ConstraintNode)
    case and(ConstraintNode, ConstraintNode)
    case or(ConstraintNode, ConstraintNode)

    /// Levels of the tree (a leaf is 1); computed from the children's, which the parser
    /// bounds as it builds, so this never recurses deeply.
    var depth: Int {
        switch self {
        case .number, .text, .parameter: return 1
        case let .negate(x), let .not(x): return 1 + x.depth
        case let .arithmetic(_, l, r), let .compare(_, l, r), let .and(l, r), let .or(l, r): return 1 + max(l.depth, r.depth)
        }
    }

    func truth(_ values: [ParameterValue]) -> Bool {
        switch self {
        case let .not(x): return !x.truth(values)
        case let .and(l, r): return l.truth(values) && r.truth(values)
        case let .or(l, r): return l.truth(values) || r.truth(values)
        case let .compare(op, l, r):
            if let a = l.word(values), let b = r.word(values) {
                return op == .equal ? a == b : a != b
            }
            let a = l.number(values), b = r.number(values)
            switch op {
            case .less: return a < b
            case .lessOrEqual: return a <= b
            case .greater: return a > b
            case .greaterOrEqual: return a >= b
            case .equal: return a == b
            case .notEqual: return a != b
            }
        default: preconditionFailure("type-checked at parse time: not a boolean node")
        }
    }

    func word(_ values: [ParameterValue]) -> String? {
        switch self {
        case let .text(s): return s
        case let .parameter(i): if case let .string(s) = values[i] { return s } else { return nil }
        default: return nil
        }
    }

    func number(_ values: [ParameterValue]) -> Double {
        switch self {
        case let .number(v): return v
        case let .parameter(i): return values[i].number ?? .nan
        case let .negate(x): return -x.number(values)
        case let .arithmetic(op, l, r):
            let a = l.number(values), b = r.number(values)
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return a / b
            }
        default: preconditionFailure("type-checked at parse time: not a numeric node")
        }
    }
}
