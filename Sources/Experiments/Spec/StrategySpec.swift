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
public struct StrategySpec: Sendable, Equatable {
    public var name: String
    /// The strategy's declared parameters, aligned with `space.parameters`.
    public var declared: [ParameterSpec]
    public var space: SearchSpace
    /// The `exits`, `sizing` and `risk` blocks (empty when the spec has none).
    public var modifiers: ModifierSpec

    public init(name: String, declared: [ParameterSpec], space: SearchSpace, modifiers: ModifierSpec = ModifierSpec()) {
        self.name = name
        self.declared = declared
        self.space = space
        self.modifiers = modifiers
    }

    /// The strategy's parameters for a point of the space (values in declaration order).
    public func parameterSet(_ values: [Optimization.ParameterValue]) throws(StrategyError) -> ParameterSet {
        var overrides: [(String, Strategies.ParameterValue)] = []
        for (spec, value) in zip(declared, values) {
            overrides.append((spec.name, try strategyValue(value, spec)))
        }
        return try ParameterSet(strategy: name, specs: declared, overrides: overrides)
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
