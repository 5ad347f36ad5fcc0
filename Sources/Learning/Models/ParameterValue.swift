/// A model parameter as a spec gives it: a number, a string or a boolean. XGBoost receives
/// every parameter as text (`text`); the linear models read numbers (`number(named:)`).
public enum ParameterValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case bool(Bool)

    /// The text XGBoost parses: integral numbers without a fraction (`4`, not `4.0`, which its
    /// integer parameters refuse), others in the shortest round-trip form, booleans as 0/1.
    public var text: String {
        switch self {
        case let .number(x):
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return "\(x)"
        case let .text(s): return s
        case let .bool(b): return b ? "1" : "0"
        }
    }

    public var description: String {
        switch self {
        case .text(let s): return "\"\(s)\""
        default: return text
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else { self = .text(try c.decode(String.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .number(x): try c.encode(x)
        case let .text(s): try c.encode(s)
        case let .bool(b): try c.encode(b)
        }
    }
}

extension [String: ParameterValue] {
    /// The number under `key` (`fallback` when absent), checked to lie in `range`.
    func number(_ key: String, default fallback: Double, in range: ClosedRange<Double>) throws(LearningError) -> Double {
        guard let value = self[key] else { return fallback }
        guard case let .number(x) = value, range.contains(x) else {
            throw .invalidArgument(name: "model.params.\(key)", expected: "a number in \(range.lowerBound)...\(range.upperBound)", got: value.description)
        }
        return x
    }

    /// The integer under `key` (`fallback` when absent), checked to lie in `range`.
    func integer(_ key: String, default fallback: Int, in range: ClosedRange<Int>) throws(LearningError) -> Int {
        guard let value = self[key] else { return fallback }
        guard case let .number(x) = value, x == x.rounded(), x >= Double(range.lowerBound), x <= Double(range.upperBound) else {
            throw .invalidArgument(name: "model.params.\(key)", expected: "an integer in \(range.lowerBound)...\(range.upperBound)", got: value.description)
        }
        return Int(x)
    }

    /// Throws for a key outside `known` (a misspelt parameter must not be ignored silently).
    func checkKnown(_ known: Set<String>, model: String) throws(LearningError) {
        if let key = keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidArgument(name: "model.params.\(key)", expected: "one of \(known.sorted().joined(separator: ", ")) for \(model)", got: "an unknown parameter")
        }
    }
}
