import Indicators

/// Resolves names and checks types of parsed expressions, appending hash-consed nodes to one
/// shared node list (a subexpression written twice, in one rule or in two, is one node).
/// Problems are collected, not thrown: every unknown name and type error of an expression is
/// reported, each with a suggestion where a known name is close.
struct RuleChecker {
    let parameters: [RuleParameter]
    let columns: [String]
    private(set) var nodes: [RuleNode] = []
    private var index: [RuleNode: Int] = [:]
    private(set) var used = Set<Int>()
    private(set) var diagnostics: [RuleDiagnostic] = []

    init(parameters: [RuleParameter], columns: [String]) {
        self.parameters = parameters
        self.columns = columns
    }

    static let functionNames = RuleFunction.allCases.map(\.rawValue)
    static let indicatorNames = IndicatorRegistry.all.map { $0.name.lowercased() }

    /// Checks one tree; the root node, or nil if it had problems (they are in `diagnostics`).
    mutating func check(_ tree: RuleSyntax, expecting type: RuleType) -> Int? {
        let before = diagnostics.count
        guard let root = node(tree) else { return nil }
        guard nodes[root].type == type else {
            problem(tree.range, type == .bool
                ? "this rule must be a condition (true or false), but the expression is a number; compare it, e.g. \"... > 0\""
                : "expected a number, but the expression is a condition (true or false)")
            return nil
        }
        return diagnostics.count == before ? root : nil
    }

    private mutating func problem(_ range: RuleRange, _ message: String) {
        diagnostics.append(RuleDiagnostic(range, message))
    }

    private mutating func add(_ op: RuleOp, _ type: RuleType, operands: [Int], scalarDependencies: UInt64 = 0, scalar: Bool? = nil) -> Int {
        var deps = scalarDependencies
        for o in operands { deps |= nodes[o].dependencies }
        let isScalar = scalar ?? (!operands.isEmpty && operands.allSatisfy { nodes[$0].isScalar })
        let node = RuleNode(op: op, type: type, dependencies: deps, isScalar: isScalar)
        if let existing = index[node] { return existing }
        nodes.append(node)
        index[node] = nodes.count - 1
        return nodes.count - 1
    }

    private func typeName(_ t: RuleType) -> String { t == .bool ? "a condition (true or false)" : "a number" }

    /// A child that must have type `t`.
    private mutating func operand(_ tree: RuleSyntax, _ t: RuleType, role: String) -> Int? {
        guard let n = node(tree) else { return nil }
        guard nodes[n].type == t else {
            problem(tree.range, "\(role) must be \(typeName(t)), found \(typeName(nodes[n].type))")
            return nil
        }
        return n
    }

    private mutating func node(_ tree: RuleSyntax) -> Int? {
        switch tree.kind {
        case let .number(v):
            return add(.constant(v), .number, operands: [], scalar: true)
        case let .name(name):
            return leaf(name, tree.range)
        case .string:
            problem(tree.range, "a quoted name is only the argument of model(\"name\")")
            return nil
        case .unary(.negate):
            guard let x = operand(tree.children[0], .number, role: "the operand of \"-\"") else { return nil }
            return add(.negate(x), .number, operands: [x])
        case .unary(.not):
            guard let x = operand(tree.children[0], .bool, role: "the operand of \"not\"") else { return nil }
            return add(.not(x), .bool, operands: [x])
        case let .binary(op):
            return binary(op, tree)
        case let .call(name, keywords):
            return call(name, keywords, tree)
        case let .field(field):
            return self.field(field, tree)
        }
    }

    private mutating func leaf(_ name: String, _ range: RuleRange) -> Int? {
        if name == "true" || name == "false" { return add(.constant(name == "true" ? 1 : 0), .bool, operands: [], scalar: true) }
        if let s = RuleSeries(rawValue: name) { return add(.series(s), .number, operands: [], scalar: false) }
        if let k = parameters.firstIndex(where: { $0.name == name }) {
            used.insert(k)
            return add(.parameter(k), .number, operands: [], scalarDependencies: 1 << UInt64(k), scalar: true)
        }
        if let k = columns.firstIndex(of: name) { return add(.imported(k), .number, operands: [], scalar: false) }
        if RuleFunction(rawValue: name) != nil || Self.indicatorNames.contains(name) {
            problem(range, "\"\(name)\" is a function; call it with its arguments, e.g. \(Self.example(name))")
            return nil
        }
        let candidates = RuleSeries.allCases.map(\.rawValue) + parameters.map(\.name) + columns + ["true", "false"]
            + Self.functionNames + Self.indicatorNames
        problem(range, "unknown name \"\(name)\"" + Suggestion.hint(for: name, in: candidates, listing: false)
                + "; expected a series (\(RuleSeries.allCases.map(\.rawValue).joined(separator: " "))), a parameter declared in strategy.parameters, an imported column, a number, true or false")
        return nil
    }

    static func example(_ name: String) -> String {
        if let f = RuleFunction(rawValue: name) { return f.signature }
        guard let d = IndicatorRegistry.definition(named: name) else { return "\(name)(...)" }
        let args = d.ruleInputNames + d.parameters.map(\.name)
        return "\(name)(\(args.joined(separator: ", ")))"
    }

    private mutating func binary(_ op: RuleBinary, _ tree: RuleSyntax) -> Int? {
        let l = node(tree.children[0]), r = node(tree.children[1])
        guard let l, let r else { return nil }
        let lt = nodes[l].type, rt = nodes[r].type
        switch op {
        case .and, .or:
            var ok = true
            for (k, t) in [lt, rt].enumerated() where t != .bool {
                problem(tree.children[k].range, "the operands of \"\(op.rawValue)\" must be conditions (true or false), found a number; compare it, e.g. \"x > 0\"")
                ok = false
            }
            return ok ? add(.binary(op, l, r), .bool, operands: [l, r]) : nil
        case .equal, .notEqual:
            guard lt == rt else {
                problem(tree.range, "\"\(op.rawValue)\" compares two numbers or two conditions, found \(typeName(lt)) and \(typeName(rt))")
                return nil
            }
            return add(.binary(op, l, r), .bool, operands: [l, r])
        default:
            var ok = true
            for (k, t) in [lt, rt].enumerated() where t != .number {
                problem(tree.children[k].range, "the operands of \"\(op.rawValue)\" must be numbers, found a condition (true or false)")
                ok = false
            }
            guard ok else { return nil }
            return add(.binary(op, l, r), op.isComparison ? .bool : .number, operands: [l, r])
        }
    }

    private mutating func field(_ field: String, _ tree: RuleSyntax) -> Int? {
        let base = tree.children[0]
        guard case let .call(name, keywords) = base.kind, let definition = IndicatorRegistry.definition(named: name),
              name == name.lowercased() else {
            problem(tree.range, "\".\(field)\" selects an output of a multi-output indicator call such as macd(close).macdhist")
            return nil
        }
        guard let call = indicatorCall(definition, keywords, base) else { return nil }
        guard let k = definition.outputs.firstIndex(of: field) else {
            problem(RuleRange(base.range.upper + 1, tree.range.upper), "\(name) has no output \"\(field)\""
                    + Suggestion.hint(for: field, in: definition.outputs, listing: false) + "; its outputs are \(definition.outputs.joined(separator: ", "))")
            return nil
        }
        if definition.lookAheadOutputs.contains(field) {
            problem(tree.range, "\(name).\(field) reads future bars and cannot be used in a strategy")
            return nil
        }
        return add(.output(call, k), .number, operands: [call])
    }

    private mutating func call(_ name: String, _ keywords: [String?], _ tree: RuleSyntax) -> Int? {
        if let function = RuleFunction(rawValue: name) { return self.function(function, keywords, tree) }
        if let definition = IndicatorRegistry.definition(named: name), name == name.lowercased() {
            guard let call = indicatorCall(definition, keywords, tree) else { return nil }
            guard definition.outputs.count == 1 else {
                problem(tree.range, "\(name) has several outputs; select one: "
                        + definition.outputs.filter { !definition.lookAheadOutputs.contains($0) }.map { "\(name)(...).\($0)" }.joined(separator: ", "))
                return nil
            }
            return add(.output(call, 0), .number, operands: [call])
        }
        if RuleSeries(rawValue: name) != nil || parameters.contains(where: { $0.name == name }) || columns.contains(name) {
            problem(tree.range, "\"\(name)\" is a value, not a function; write it without parentheses")
            return nil
        }
        problem(RuleRange(tree.range.lower, tree.range.lower + name.unicodeScalars.count),
                "unknown function \"\(name)\"" + Suggestion.hint(for: name, in: Self.functionNames + Self.indicatorNames, listing: false)
                + "; expected a function (\(Self.functionNames.joined(separator: " "))) or an indicator by its lower-case TA-Lib name")
        return nil
    }

    private mutating func function(_ f: RuleFunction, _ keywords: [String?], _ tree: RuleSyntax) -> Int? {
        let args = tree.children
        if let k = keywords.firstIndex(where: { $0 != nil }) {
            problem(args[k].range, "\(f.rawValue) takes no named arguments; expected \(f.signature)")
            return nil
        }
        guard args.count == f.arity else {
            problem(tree.range, "\(f.rawValue) takes \(f.arity) argument\(f.arity == 1 ? "" : "s"), found \(args.count); expected \(f.signature)")
            return nil
        }
        switch f {
        case .hour, .weekday, .day, .month:
            return add(.calendar(RuleCalendar(rawValue: f.rawValue)!), .number, operands: [], scalar: false)
        case .model:
            guard case let .string(name) = args[0].kind else {
                problem(args[0].range, "the argument of model must be a model's name in double quotes, e.g. model(\"up\")")
                return nil
            }
            let models = columns.compactMap(RuleProgram.modelName(ofColumn:))
            guard let k = columns.firstIndex(of: RuleProgram.modelColumn(name)) else {
                problem(args[0].range, "unknown model \"\(name)\"" + Suggestion.hint(for: name, in: models, listing: false)
                        + (models.isEmpty ? "; no model's predictions can be read here (strategy rules and exit levels read the models of ml.models)"
                                          : "; the models are \(models.joined(separator: ", "))"))
                return nil
            }
            return add(.imported(k), .number, operands: [], scalar: false)
        case .crossesAbove, .crossesBelow:
            let a = operand(args[0], .number, role: "the first argument of \(f.rawValue)")
            let b = operand(args[1], .number, role: "the second argument of \(f.rawValue)")
            guard let a, let b else { return nil }
            return add(.cross(above: f == .crossesAbove, a, b), .bool, operands: [a, b], scalar: false)
        case .prev:
            let x = node(args[0])
            let n = count(args[1], role: "the lag of prev", minimum: 1)
            guard let x, let n else { return nil }
            return add(.prev(x, n), nodes[x].type, operands: [x], scalarDependencies: dependencies(n), scalar: false)
        case .highest, .lowest, .sum, .stdev, .zscore, .percentRank, .change:
            let x = operand(args[0], .number, role: "the first argument of \(f.rawValue)")
            let n = count(args[1], role: "the window of \(f.rawValue)", minimum: 1)
            guard let x, let n else { return nil }
            let definition = IndicatorRegistry.definition(named: f.indicator!)!
            var scalars = definition.parameters.map { RuleScalar.literal($0.defaultValue) }
            scalars[0] = n
            let call = add(.indicator(RuleIndicatorCall(name: definition.name, inputs: [x], parameters: scalars)), .number,
                           operands: [x], scalarDependencies: dependencies(n), scalar: false)
            let value = add(.output(call, 0), .number, operands: [call])
            guard f == .sum else { return value }
            // sum(x, n) = n × sma(x, n).
            let factor: Int
            switch n {
            case let .literal(v): factor = add(.constant(v), .number, operands: [], scalar: true)
            case let .parameter(k): factor = add(.parameter(k), .number, operands: [], scalarDependencies: 1 << UInt64(k), scalar: true)
            }
            return add(.binary(.multiply, factor, value), .number, operands: [factor, value])
        case .barsSince:
            guard let c = operand(args[0], .bool, role: "the argument of bars_since") else { return nil }
            return add(.barsSince(c), .number, operands: [c], scalar: false)
        case .if:
            let c = operand(args[0], .bool, role: "the condition of if")
            let a = node(args[1]), b = node(args[2])
            guard let c, let a, let b else { return nil }
            guard nodes[a].type == nodes[b].type else {
                problem(args[2].range, "both branches of if must have one type, found \(typeName(nodes[a].type)) and \(typeName(nodes[b].type))")
                return nil
            }
            return add(.choose(c, a, b), nodes[a].type, operands: [c, a, b])
        case .abs, .log, .exp, .sqrt:
            guard let x = operand(args[0], .number, role: "the argument of \(f.rawValue)") else { return nil }
            return add(.math(RuleMath(rawValue: f.rawValue)!, x), .number, operands: [x])
        case .min, .max:
            let a = operand(args[0], .number, role: "the first argument of \(f.rawValue)")
            let b = operand(args[1], .number, role: "the second argument of \(f.rawValue)")
            guard let a, let b else { return nil }
            return add(.extremum(maximum: f == .max, a, b), .number, operands: [a, b])
        }
    }

    private func dependencies(_ s: RuleScalar) -> UInt64 {
        if case let .parameter(k) = s { return 1 << UInt64(k) }
        return 0
    }

    /// A whole number ≥ `minimum`: a literal or an integer parameter whose domain starts there.
    private mutating func count(_ tree: RuleSyntax, role: String, minimum: Int) -> RuleScalar? {
        scalar(tree, role: role, integer: true, minimum: Double(minimum))
    }

    /// A literal or a declared parameter, checked against an indicator's (or window's) rules.
    private mutating func scalar(_ tree: RuleSyntax, role: String, integer: Bool, minimum: Double) -> RuleScalar? {
        let bound = minimum.isFinite ? " ≥ \(integer ? String(Int(minimum)) : "\(minimum)")" : ""
        let what = integer ? "a whole number\(bound)" : "a number\(bound)"
        switch tree.kind {
        case let .number(v):
            if integer && (v.rounded() != v || v > Double(RuleLimits.maxWindow)) || v < minimum {
                let limit = integer && v > Double(RuleLimits.maxWindow) ? " (at most \(RuleLimits.maxWindow))" : ""
                let future = v < 0 && role.hasPrefix("the lag") ? "; a negative lag would read the future, which rules cannot do" : ""
                problem(tree.range, "\(role) must be \(what)\(limit), found \(RuleToken(kind: .number(v), range: tree.range).shown)\(future)")
                return nil
            }
            return .literal(v)
        case let .name(name):
            guard let k = parameters.firstIndex(where: { $0.name == name }) else {
                if node(tree) != nil { problem(tree.range, "\(role) must be \(what) written as a literal or a parameter, not a series") }
                return nil
            }
            used.insert(k)
            let p = parameters[k]
            if integer && !p.isInteger {
                problem(tree.range, "\(role) must be \(what), but parameter \(name) takes non-integer values; give it integer min/max/step or values")
                return nil
            }
            if p.minimum < minimum || (integer && p.maximum > Double(RuleLimits.maxWindow)) {
                problem(tree.range, "\(role) must be \(what)\(integer ? " and at most \(RuleLimits.maxWindow)" : ""), but parameter \(name) ranges over [\(p.minimumText), \(p.maximumText)]")
                return nil
            }
            return .parameter(k)
        default:
            _ = node(tree)
            problem(tree.range, "\(role) must be \(what) written as a literal or a parameter name, not an expression")
            return nil
        }
    }

    /// Inputs first (positional), then parameters positional or by TA-Lib name.
    private mutating func indicatorCall(_ d: IndicatorDefinition, _ keywords: [String?], _ tree: RuleSyntax) -> Int? {
        let name = d.name.lowercased()
        let inputNames = d.ruleInputNames
        let args = tree.children
        let positional = keywords.firstIndex { $0 != nil } ?? keywords.count
        if let late = keywords[positional...].firstIndex(where: { $0 == nil }) {
            problem(args[late].range, "a positional argument cannot follow a named one in \(Self.example(name))")
            return nil
        }
        guard positional >= inputNames.count else {
            problem(tree.range, "\(name) needs \(inputNames.count) input series (\(inputNames.joined(separator: ", "))) before its parameters; expected \(Self.example(name))")
            return nil
        }
        var ok = true
        var inputs: [Int] = []
        for k in 0..<inputNames.count {
            if let x = operand(args[k], .number, role: "input \(inputNames[k]) of \(name)") { inputs.append(x) } else { ok = false }
        }
        var given = [RuleSyntax?](repeating: nil, count: d.parameters.count)
        let extra = positional - inputNames.count
        if extra > d.parameters.count {
            problem(args[inputNames.count + d.parameters.count].range, "\(name) takes at most \(d.parameters.count) parameter\(d.parameters.count == 1 ? "" : "s") after its inputs; expected \(Self.example(name))")
            return nil
        }
        for k in 0..<extra { given[k] = args[inputNames.count + k] }
        for k in positional..<args.count {
            let key = keywords[k]!
            guard let p = d.parameters.firstIndex(where: { $0.name == key }) else {
                let hint = Suggestion.hint(for: key, in: d.parameters.map(\.name), listing: false)
                problem(args[k].range, "\(name) has no parameter \"\(key)\"\(hint); its parameters are \(d.parameters.map(\.name).joined(separator: ", "))")
                ok = false
                continue
            }
            if given[p] != nil {
                problem(args[k].range, "\(name): parameter \(key) is given twice")
                ok = false
                continue
            }
            given[p] = args[k]
        }
        var scalars: [RuleScalar] = []
        var deps: UInt64 = 0
        for (k, p) in d.parameters.enumerated() {
            guard let tree = given[k] else { scalars.append(.literal(p.defaultValue)); continue }
            guard let s = scalar(tree, role: "\(name) parameter \(p.name)", integer: p.isInteger, minimum: p.minimum) else { ok = false; continue }
            scalars.append(s)
            deps |= dependencies(s)
        }
        guard ok else { return nil }
        // Literal values go through the registry's own check (e.g. valid MA type codes).
        var literal: [String: Double] = [:]
        for (k, p) in d.parameters.enumerated() { if case let .literal(v) = scalars[k] { literal[p.name] = v } }
        do { _ = try d.stream(parameters: literal) } catch {
            problem(tree.range, error.description)
            return nil
        }
        return add(.indicator(RuleIndicatorCall(name: d.name, inputs: inputs, parameters: scalars)), .number,
                   operands: inputs, scalarDependencies: deps, scalar: false)
    }
}
