/// A parameter an indicator cannot work with. Thrown once, before any computation.
public enum IndicatorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `parameter` must be at least `minimum`; `value` was given.
    case parameterTooSmall(indicator: String, parameter: String, value: Int, minimum: Int)
    /// Input columns that must be aligned have different lengths.
    case lengthMismatch(indicator: String)
    /// Any other invalid parameter value.
    case invalidParameter(indicator: String, parameter: String, reason: String)
    /// No indicator of that name in `IndicatorRegistry`; `valid` lists the names.
    case unknownIndicator(name: String, valid: [String])
    /// The indicator has no parameter of that name; `valid` lists its parameters.
    case unknownParameter(indicator: String, parameter: String, valid: [String])

    public var description: String {
        switch self {
        case let .parameterTooSmall(indicator, parameter, value, minimum):
            return "\(indicator): \(parameter) must be at least \(minimum), got \(value)"
        case let .lengthMismatch(indicator):
            return "\(indicator): input columns must have the same length"
        case let .invalidParameter(indicator, parameter, reason):
            return "\(indicator): \(parameter) \(reason)"
        case let .unknownIndicator(name, valid):
            return "unknown indicator \(name); valid: " + valid.joined(separator: ", ")
        case let .unknownParameter(indicator, parameter, valid):
            return "\(indicator) has no parameter \(parameter); "
                + (valid.isEmpty ? "it takes none" : "valid: " + valid.joined(separator: ", "))
        }
    }

    /// Throws `parameterTooSmall` unless `value >= minimum`.
    @inlinable
    public static func require(_ indicator: String, _ parameter: String, _ value: Int, atLeast minimum: Int) throws(IndicatorError) {
        if value < minimum {
            throw .parameterTooSmall(indicator: indicator, parameter: parameter, value: value, minimum: minimum)
        }
    }
}
