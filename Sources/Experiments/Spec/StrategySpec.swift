import MarketData
import Optimization
import Strategies

/// The strategy and the space its parameters are searched in.
///
/// Semantics: `space` has one parameter per parameter the strategy declares, in the strategy's
/// declaration order (never the spec's key order), so trial parameters print and hash the same
/// way every run. A parameter the spec does not mention is fixed at its declared default. Int
/// and double parameters map to numeric domains; bool parameters to the choice
/// `["false", "true"]` (or a fixed `"false"`/`"true"`); choice parameters to choices of their
/// names. `parameterSet(_:)` turns a point of the space back into the strategy's typed values.
///
/// A rule strategy (`strategy.rules`) is named `rules`; its parameters are the ones the spec
/// declares (int when every bound, step or value is an integer, else double), in the spec's
/// key order sorted by name, and `ruleStrategy(_:)` builds its `RuleStrategy` for a point.
///
/// A built-in's `parameters` may also declare parameters of its own for the `exits`, `sizing`
/// and `risk` settings (`"stop_loss": "sl"`), numeric as a rule strategy's; they follow the
/// strategy's parameters in `space` (sorted by name), are listed in `modifierParameters` and
/// are not passed to the strategy.
public struct StrategySpec: Sendable, Equatable {
    /// The name rule strategies carry in results.
    public static let rulesName = "rules"

    public var name: String
    /// The strategy's declared parameters, aligned with `space.parameters`.
    public var declared: [ParameterSpec]
    public var space: SearchSpace
    /// The compiled rules of a rule strategy (nil for a built-in).
    public var rules: RuleProgram?
    /// The imported series the rules read, in `rules.columns` order.
    public var imported: [ImportedSeries]
    /// The `exits`, `sizing` and `risk` blocks (empty when the spec has none).
    public var modifiers: ModifierSpec
    /// A built-in's parameters only the modifiers read (not the strategy's own).
    public var modifierParameters: [String]

    public init(name: String, declared: [ParameterSpec], space: SearchSpace, rules: RuleProgram? = nil,
                imported: [ImportedSeries] = [], modifiers: ModifierSpec = ModifierSpec(), modifierParameters: [String] = []) {
        self.name = name
        self.declared = declared
        self.space = space
        self.rules = rules
        self.imported = imported
        self.modifiers = modifiers
        self.modifierParameters = modifierParameters
    }

    /// The rule strategy for a point of the space (precondition: `rules` is set).
    public func ruleStrategy(_ values: [Optimization.ParameterValue]) throws(StrategyError) -> RuleStrategy {
        guard let rules else { throw .unknownStrategy(name, known: [Self.rulesName]) }
        return try RuleStrategy(program: rules, parameters: parameterSet(values), imported: imported)
    }

    /// The strategy's parameters for a point of the space (values in declaration order),
    /// without `modifierParameters`.
    public func parameterSet(_ values: [Optimization.ParameterValue]) throws(StrategyError) -> ParameterSet {
        try parameterSet(values, including: false)
    }

    /// Every parameter of a point, `modifierParameters` too (what a point's output lists).
    public func pointParameters(_ values: [Optimization.ParameterValue]) throws(StrategyError) -> ParameterSet {
        try parameterSet(values, including: true)
    }

    private func parameterSet(_ values: [Optimization.ParameterValue], including: Bool) throws(StrategyError) -> ParameterSet {
        guard values.count == declared.count else {
            throw .invalidValue(strategy: name, name: "point", expected: "\(declared.count) values (\(declared.map(\.name).joined(separator: ", ")))",
                                found: "\(values.count)")
        }
        var overrides: [(String, Strategies.ParameterValue)] = []
        var specs: [ParameterSpec] = []
        for (spec, value) in zip(declared, values) where including || !modifierParameters.contains(spec.name) {
            overrides.append((spec.name, try strategyValue(value, spec)))
            specs.append(spec)
        }
        return try ParameterSet(strategy: name, specs: specs, overrides: overrides)
    }

    /// A strategy value as a point of the space holds it.
    static func spaceValue(_ value: Strategies.ParameterValue) -> Optimization.ParameterValue {
        switch value {
        case let .int(v): return .int(v)
        case let .double(v): return .double(v)
        case let .bool(v): return .string(String(v))
        case let .choice(v): return .string(v)
        }
    }

    /// A point's value in the type the strategy declares.
    func strategyValue(_ value: Optimization.ParameterValue, _ spec: ParameterSpec) throws(StrategyError) -> Strategies.ParameterValue {
        switch (spec.kind, value) {
        case let (.int, .int(v)): return .int(v)
        case let (.double, .double(v)): return .double(v)
        case let (.double, .int(v)): return .double(Double(v))
        case (.bool, .string("true")): return .bool(true)
        case (.bool, .string("false")): return .bool(false)
        case let (.choice, .string(v)): return .choice(v)
        default:
            throw .invalidValue(strategy: name, name: spec.name, expected: spec.kind.typeName, found: value.description)
        }
    }
}
