/// One parameter's value in a trial: an integer, a real number or a category name.
@frozen
public enum ParameterValue: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)

    /// The numeric value, or nil for a category name.
    @inlinable
    public var number: Double? {
        switch self {
        case let .int(v): return Double(v)
        case let .double(v): return v
        case .string: return nil
        }
    }

    public var description: String {
        switch self {
        case let .int(v): return String(v)
        case let .double(v): return String(v)
        case let .string(v): return v
        }
    }
}
