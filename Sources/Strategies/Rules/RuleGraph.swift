/// A number an indicator parameter, a lag or a window takes: a literal or a declared parameter.
public enum RuleScalar: Sendable, Hashable {
    case literal(Double)
    case parameter(Int)

    /// Its value for one column's parameter values.
    func value(_ parameters: [Double]) -> Double {
        switch self {
        case let .literal(v): return v
        case let .parameter(k): return parameters[k]
        }
    }
}

/// One registry indicator applied to input nodes with scalar parameters (all outputs at once).
struct RuleIndicatorCall: Sendable, Hashable {
    /// Registry name (upper case).
    var name: String
    /// Input nodes, aligned with the definition's `ruleInputs`.
    var inputs: [Int]
    /// One per definition parameter, in declaration order.
    var parameters: [RuleScalar]
}

/// The operation of a node of the compiled program. Operands are node indices, always smaller
/// than the node's own index (the node list is in topological order).
enum RuleOp: Sendable, Hashable {
    case constant(Double)
    case parameter(Int)
    case series(RuleSeries)
    case imported(Int)
    case calendar(RuleCalendar)
    case negate(Int)
    case not(Int)
    case math(RuleMath, Int)
    case binary(RuleBinary, Int, Int)
    case extremum(maximum: Bool, Int, Int)
    case choose(Int, Int, Int)
    /// `x[i - n]` (false for a bool before bar n, NaN for a number).
    case prev(Int, RuleScalar)
    case cross(above: Bool, Int, Int)
    case barsSince(Int)
    /// All outputs of an indicator; read through `.output`.
    case indicator(RuleIndicatorCall)
    /// Output `k` of the indicator node.
    case output(Int, Int)
}

/// A node: its operation, type, the parameters it depends on (bit k = parameter k) and whether
/// it is a scalar (the same value at every bar: literals, parameters and arithmetic of them).
struct RuleNode: Sendable, Hashable {
    var op: RuleOp
    var type: RuleType
    var dependencies: UInt64
    var isScalar: Bool
}

/// Element-wise operations, one definition shared by both evaluators so they agree bit for bit.
/// Bools are 0 and 1. A comparison involving NaN is false (`!=` included).
enum RuleArithmetic {
    @inline(__always)
    static func binary(_ op: RuleBinary, _ a: Double, _ b: Double) -> Double {
        switch op {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return a / b
        case .less: return a < b ? 1 : 0
        case .lessEqual: return a <= b ? 1 : 0
        case .greater: return a > b ? 1 : 0
        case .greaterEqual: return a >= b ? 1 : 0
        case .equal: return a == b ? 1 : 0
        case .notEqual: return (a.isNaN || b.isNaN || a == b) ? 0 : 1
        case .and: return (a != 0 && b != 0) ? 1 : 0
        case .or: return (a != 0 || b != 0) ? 1 : 0
        }
    }

    /// min/max; NaN if either is NaN.
    @inline(__always)
    static func extremum(maximum: Bool, _ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return .nan }
        return maximum ? Swift.max(a, b) : Swift.min(a, b)
    }

    /// Upward cross between the previous and the current bar: a > b now and a ≤ b before.
    @inline(__always)
    static func cross(above: Bool, previousA: Double, previousB: Double, a: Double, b: Double) -> Double {
        if above { return (a > b && previousA <= previousB) ? 1 : 0 }
        return (a < b && previousA >= previousB) ? 1 : 0
    }

    /// Bars since the condition was last true: 0 on a true bar, NaN before the first one.
    static func barsSince(_ condition: Double, previous: Double) -> Double {
        condition != 0 ? 0 : previous + 1
    }
}
