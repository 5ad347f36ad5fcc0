/// The type and range of one strategy parameter.
@frozen
public enum ParameterKind: Sendable, Hashable {
    case int(default: Int, min: Int, max: Int)
    case double(default: Double, min: Double, max: Double)
    case bool(default: Bool)
    case choice(default: String, choices: [String])

    /// The type's name as `crucible strategies --json` prints it.
    public var typeName: String {
        switch self {
        case .int: return "int"
        case .double: return "double"
        case .bool: return "bool"
        case .choice: return "choice"
        }
    }

    /// The default value.
    public var defaultValue: ParameterValue {
        switch self {
        case let .int(d, _, _): return .int(d)
        case let .double(d, _, _): return .double(d)
        case let .bool(d): return .bool(d)
        case let .choice(d, _): return .choice(d)
        }
    }
}

/// A parameter a strategy declares: name, meaning, type, default and range.
public struct ParameterSpec: Sendable, Hashable {
    public var name: String
    public var description: String
    public var kind: ParameterKind

    public init(_ name: String, _ kind: ParameterKind, _ description: String) {
        self.name = name
        self.kind = kind
        self.description = description
    }
}

/// A parameter's value.
@frozen
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case bool(Bool)
    case choice(String)

    public var description: String {
        switch self {
        case let .int(v): return String(v)
        case let .double(v): return String(v)
        case let .bool(v): return String(v)
        case let .choice(v): return v
        }
    }
}

/// Errors building a strategy from parameters.
public enum StrategyError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownStrategy(String, known: [String])
    case unknownParameter(strategy: String, name: String, known: [String])
    case invalidValue(strategy: String, name: String, expected: String, found: String)
    case outOfRange(strategy: String, name: String, value: String, range: String)
    case constraint(strategy: String, message: String)
    case unsupportedEngine(strategy: String, engine: String)

    public var description: String {
        switch self {
        case let .unknownStrategy(name, known):
            return "unknown strategy \"\(name)\"; expected one of: \(known.joined(separator: ", "))"
        case let .unknownParameter(strategy, name, known):
            return "\(strategy): unknown parameter \"\(name)\"; expected one of: \(known.joined(separator: ", "))"
        case let .invalidValue(strategy, name, expected, found):
            return "\(strategy): parameter \(name): expected \(expected), found \"\(found)\""
        case let .outOfRange(strategy, name, value, range):
            return "\(strategy): parameter \(name) = \(value) is outside \(range)"
        case let .constraint(strategy, message):
            return "\(strategy): \(message)"
        case let .unsupportedEngine(strategy, engine):
            return "\(strategy): the \(engine) engine cannot run this strategy"
        }
    }
}

/// Values for a strategy's declared parameters, validated against its specs. Kept in the
/// declaration order (never a dictionary's), so printing and hashing are deterministic.
public struct ParameterSet: Sendable, Hashable {
    public private(set) var specs: [ParameterSpec]
    public private(set) var values: [ParameterValue]
    public let strategy: String

    /// Defaults for every declared parameter.
    public init(strategy: String, specs: [ParameterSpec]) {
        self.strategy = strategy
        self.specs = specs
        self.values = specs.map(\.kind.defaultValue)
    }

    /// Defaults overridden by `overrides` (name, value) in order; checks names, types and ranges.
    public init(strategy: String, specs: [ParameterSpec], overrides: [(String, ParameterValue)]) throws(StrategyError) {
        self.init(strategy: strategy, specs: specs)
        for (name, value) in overrides { try set(name, value) }
    }

    /// Defaults overridden by textual `key=value` pairs (as the CLI receives them).
    public init(strategy: String, specs: [ParameterSpec], text: [(String, String)]) throws(StrategyError) {
        self.init(strategy: strategy, specs: specs)
        for (name, raw) in text {
            let spec = try self.spec(name)
            try set(name, try Self.parse(raw, as: spec.kind, strategy: strategy, name: name))
        }
    }

    /// Sets one value after checking its type and range.
    public mutating func set(_ name: String, _ value: ParameterValue) throws(StrategyError) {
        let spec = try self.spec(name)
        let index = specs.firstIndex { $0.name == name }!
        values[index] = try Self.check(value, spec: spec, strategy: strategy)
    }

    func spec(_ name: String) throws(StrategyError) -> ParameterSpec {
        guard let spec = specs.first(where: { $0.name == name }) else {
            throw .unknownParameter(strategy: strategy, name: name, known: specs.map(\.name))
        }
        return spec
    }

    public func value(_ name: String) -> ParameterValue? {
        specs.firstIndex { $0.name == name }.map { values[$0] }
    }

    /// An int parameter (precondition: declared as int).
    public func int(_ name: String) -> Int {
        guard case let .int(v)? = value(name) else { preconditionFailure("\(strategy): \(name) is not an int parameter") }
        return v
    }

    /// A double parameter (ints are widened).
    public func double(_ name: String) -> Double {
        switch value(name) {
        case let .double(v)?: return v
        case let .int(v)?: return Double(v)
        default: preconditionFailure("\(strategy): \(name) is not a double parameter")
        }
    }

    public func bool(_ name: String) -> Bool {
        guard case let .bool(v)? = value(name) else { preconditionFailure("\(strategy): \(name) is not a bool parameter") }
        return v
    }

    public func choice(_ name: String) -> String {
        guard case let .choice(v)? = value(name) else { preconditionFailure("\(strategy): \(name) is not a choice parameter") }
        return v
    }

    static func check(_ value: ParameterValue, spec: ParameterSpec, strategy: String) throws(StrategyError) -> ParameterValue {
        func range<T>(_ lo: T, _ hi: T) -> String { "[\(lo), \(hi)]" }
        switch (spec.kind, value) {
        case let (.int(_, lo, hi), .int(v)):
            guard v >= lo && v <= hi else { throw .outOfRange(strategy: strategy, name: spec.name, value: String(v), range: range(lo, hi)) }
            return value
        case let (.double(_, lo, hi), .double(v)):
            guard v >= lo && v <= hi else { throw .outOfRange(strategy: strategy, name: spec.name, value: String(v), range: range(lo, hi)) }
            return value
        case let (.double, .int(v)):
            return try check(.double(Double(v)), spec: spec, strategy: strategy)
        case (.bool, .bool):
            return value
        case let (.choice(_, choices), .choice(v)):
            guard choices.contains(v) else {
                throw .outOfRange(strategy: strategy, name: spec.name, value: v, range: "{\(choices.joined(separator: ", "))}")
            }
            return value
        default:
            throw .invalidValue(strategy: strategy, name: spec.name, expected: spec.kind.typeName, found: value.description)
        }
    }

    static func parse(_ raw: String, as kind: ParameterKind, strategy: String, name: String) throws(StrategyError) -> ParameterValue {
        switch kind {
        case .int:
            guard let v = Int(raw) else { throw .invalidValue(strategy: strategy, name: name, expected: "an integer", found: raw) }
            return .int(v)
        case .double:
            guard let v = Double(raw), v.isFinite else { throw .invalidValue(strategy: strategy, name: name, expected: "a number", found: raw) }
            return .double(v)
        case .bool:
            switch raw.lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: throw .invalidValue(strategy: strategy, name: name, expected: "true or false", found: raw)
            }
        case .choice:
            return .choice(raw)
        }
    }
}
