/// A parameter a rule program may name, with the domain it will be searched over (so lags,
/// windows and indicator parameters can be checked before any run).
public struct RuleParameter: Sendable, Hashable {
    public var name: String
    /// Whether every value of the domain is a whole number.
    public var isInteger: Bool
    public var minimum: Double
    public var maximum: Double

    public init(name: String, isInteger: Bool, minimum: Double, maximum: Double) {
        self.name = name
        self.isInteger = isInteger
        self.minimum = minimum
        self.maximum = maximum
    }

    var minimumText: String { isInteger ? String(Int(minimum)) : "\(minimum)" }
    var maximumText: String { isInteger ? String(Int(maximum)) : "\(maximum)" }
}

/// One named expression of a program and the type it must have.
public struct RuleExpression: Sendable, Hashable {
    /// The name errors are reported under (`long_entry`, `take_profit`, ...).
    public var name: String
    public var text: String
    public var type: RuleType

    public init(name: String, text: String, type: RuleType) {
        self.name = name
        self.text = text
        self.type = type
    }
}

/// Compiled rule expressions: one node list in topological order shared by every expression
/// (common subexpressions are one node), the parameters they read and the imported columns
/// they name. Both evaluators (`RuleColumns`, vectorized; `RuleStream`, bar by bar) run this
/// one program, so they mean the same thing.
///
/// Compilation reports every problem at once (`RuleError`): syntax errors (one per
/// expression), unknown names with suggestions, type errors, bad lags and windows, parameters
/// named but not declared and — with `requireAllParametersUsed` — declared but unused by the
/// expressions and not among `alsoUsed` (names read elsewhere, e.g. by exit or sizing settings).
public struct RuleProgram: Sendable, Equatable {
    public let expressions: [RuleExpression]
    public let parameters: [RuleParameter]
    /// Names of the imported columns, in the order evaluators receive their values.
    public let columns: [String]
    /// The declared parameters the expressions read, in declaration order.
    public let usedParameters: [String]
    let nodes: [RuleNode]
    /// The root node of each expression (aligned with `expressions`).
    let roots: [Int]

    public init(expressions: [RuleExpression], parameters: [RuleParameter], columns: [String] = [],
                requireAllParametersUsed: Bool = true, alsoUsed: Set<String> = []) throws(RuleError) {
        var problems: [RuleProblem] = []
        var seen = Set<String>()
        for p in parameters where !seen.insert(p.name).inserted {
            problems.append(RuleProblem(.parameter(p.name), "declared twice"))
        }
        if parameters.count > RuleLimits.maxParameters {
            problems.append(RuleProblem(.program, "\(parameters.count) parameters declared; at most \(RuleLimits.maxParameters) are supported"))
        }
        for p in parameters where RuleSeries(rawValue: p.name) != nil || RuleFunction(rawValue: p.name) != nil
            || ["true", "false", "and", "or", "not"].contains(p.name) {
            problems.append(RuleProblem(.parameter(p.name), "\"\(p.name)\" is a reserved word of the rule language; choose another name"))
        }
        for c in columns where RuleSeries(rawValue: c) != nil || parameters.contains(where: { $0.name == c }) {
            problems.append(RuleProblem(.program, "imported column \"\(c)\" has the name of a series or parameter; give it another \"as\" name"))
        }
        guard problems.isEmpty else { throw RuleError(problems) }

        var checker = RuleChecker(parameters: parameters, columns: columns)
        var roots: [Int] = []
        for e in expressions {
            let located = { (d: RuleDiagnostic) in RuleProblem(.expression(rule: e.name, text: e.text, range: d.range), d.message) }
            switch RuleParser.parse(e.text) {
            case let .failure(d):
                problems.append(located(d))
            case let .success(tree):
                let before = checker.diagnostics.count
                if let root = checker.check(tree, expecting: e.type) { roots.append(root) }
                problems += checker.diagnostics[before...].map(located)
            }
        }
        if requireAllParametersUsed {
            for (k, p) in parameters.enumerated() where !checker.used.contains(k) && !alsoUsed.contains(p.name) {
                problems.append(RuleProblem(.parameter(p.name), "declared but not used by any rule or by the exits, sizing or risk settings; remove it or use it"))
            }
        }
        guard problems.isEmpty else { throw RuleError(problems) }
        self.expressions = expressions
        self.parameters = parameters
        self.columns = columns
        self.usedParameters = parameters.indices.filter { checker.used.contains($0) }.map { parameters[$0].name }
        self.nodes = checker.nodes
        self.roots = roots
    }

    /// The imported columns the expressions read, in `columns` order.
    public var usedColumns: [String] {
        var read = Set<Int>()
        for node in nodes { if case let .imported(k) = node.op { read.insert(k) } }
        return columns.indices.filter(read.contains).map { columns[$0] }
    }

    /// The imported-column name under which `model("name")` finds model `name`'s predictions
    /// (not a plain name, so no rule can name it directly and no data column can collide).
    public static func modelColumn(_ name: String) -> String { "model(\"\(name)\")" }

    /// The model name of a column named by `modelColumn`, else nil.
    public static func modelName(ofColumn column: String) -> String? {
        guard column.hasPrefix("model(\""), column.hasSuffix("\")"), column.count >= 9 else { return nil }
        return String(column.dropFirst(7).dropLast(2))
    }

    /// The index of the expression called `name`.
    public func expressionIndex(_ name: String) -> Int? { expressions.firstIndex { $0.name == name } }

    /// Number of distinct nodes (subexpressions) of the program.
    public var nodeCount: Int { nodes.count }

    /// Nodes needed by the given roots, in topological order.
    func reachable(from roots: [Int]) -> [Int] {
        var needed = [Bool](repeating: false, count: nodes.count)
        for r in roots { needed[r] = true }
        for k in stride(from: nodes.count - 1, through: 0, by: -1) where needed[k] {
            for o in nodes[k].operands { needed[o] = true }
        }
        return needed.indices.filter { needed[$0] }
    }

    /// The value of scalar node `k` (literals, parameters and arithmetic of them) for one
    /// column's parameter values; the one definition both evaluators use.
    func scalarValue(_ k: Int, _ p: [Double]) -> Double {
        switch nodes[k].op {
        case let .constant(v): return v
        case let .parameter(i): return p[i]
        case let .negate(x): return -scalarValue(x, p)
        case let .not(x): return scalarValue(x, p) != 0 ? 0 : 1
        case let .math(f, x): return RuleMath.apply(f, scalarValue(x, p))
        case let .binary(op, a, b): return RuleArithmetic.binary(op, scalarValue(a, p), scalarValue(b, p))
        case let .extremum(maximum, a, b): return RuleArithmetic.extremum(maximum: maximum, scalarValue(a, p), scalarValue(b, p))
        case let .choose(c, a, b): return scalarValue(c, p) != 0 ? scalarValue(a, p) : scalarValue(b, p)
        default: preconditionFailure("node \(k) is not a scalar")
        }
    }

    /// The parameter values of `set` in this program's order (ints widened).
    public func values(_ lookup: (String) -> Double?) -> [Double]? {
        var out: [Double] = []
        for p in parameters {
            guard let v = lookup(p.name) else { return nil }
            out.append(v)
        }
        return out
    }
}

extension RuleNode {
    /// Operand node indices.
    var operands: [Int] {
        switch op {
        case .constant, .parameter, .series, .imported, .calendar: return []
        case let .negate(x), let .not(x), let .math(_, x), let .prev(x, _), let .barsSince(x), let .output(x, _): return [x]
        case let .binary(_, a, b), let .extremum(_, a, b), let .cross(_, a, b): return [a, b]
        case let .choose(c, a, b): return [c, a, b]
        case let .indicator(call): return call.inputs
        }
    }
}
