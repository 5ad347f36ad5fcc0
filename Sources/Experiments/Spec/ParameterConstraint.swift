import Strategies

/// A constraint between parameters such as `fast < slow` or `take_profit >= 2 * stop_loss`.
///
/// Semantics: both sides are arithmetic expressions (`+ - * /`, unary minus, parentheses,
/// numbers, names of int or double parameters) evaluated in Double; the comparison is exact.
/// A parameter set that violates any constraint is never evaluated: the grid skips it and
/// samplers redraw.
public struct ParameterConstraint: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="
    }

    public indirect enum Expression: Sendable, Equatable {
        case number(Double)
        case parameter(String)
        case negate(Expression)
        case binary(Character, Expression, Expression)

        /// The value with `value(name)` for each parameter.
        public func evaluate(_ value: (String) -> Double) -> Double {
            switch self {
            case let .number(x): return x
            case let .parameter(name): return value(name)
            case let .negate(e): return -e.evaluate(value)
            case let .binary(op, l, r):
                let a = l.evaluate(value), b = r.evaluate(value)
                switch op {
                case "+": return a + b
                case "-": return a - b
                case "*": return a * b
                default: return a / b
                }
            }
        }

        /// Parameter names in order of appearance.
        public var names: [String] {
            switch self {
            case .number: return []
            case let .parameter(name): return [name]
            case let .negate(e): return e.names
            case let .binary(_, l, r): return l.names + r.names
            }
        }
    }

    /// The text as written in the spec.
    public var text: String
    public var left: Expression
    public var comparison: Comparison
    public var right: Expression

    public init(text: String, left: Expression, comparison: Comparison, right: Expression) {
        self.text = text
        self.left = left
        self.comparison = comparison
        self.right = right
    }

    public var description: String { text }

    /// Every parameter name the constraint reads.
    public var names: [String] { left.names + right.names }

    /// Whether the values `value(name)` satisfy the constraint.
    public func isSatisfied(_ value: (String) -> Double) -> Bool {
        let a = left.evaluate(value), b = right.evaluate(value)
        switch comparison {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }

    /// Whether `parameters` satisfy the constraint (int and double parameters by name).
    public func isSatisfied(by parameters: ParameterSet) -> Bool {
        isSatisfied { parameters.double($0) }
    }
}
