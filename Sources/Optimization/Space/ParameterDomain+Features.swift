import Foundation

/// The model's view of a numeric parameter: its value mapped linearly (or logarithmically)
/// onto [0, 1] between its smallest and largest level.
extension ParameterDomain {
    /// (smallest, largest, log) for numeric domains; nil for choices and fixed values.
    var numericSpan: (low: Double, high: Double, log: Bool)? {
        switch self {
        case let .intRange(lower, _, step, log):
            return (Double(lower), Double(lower + (levelCount! - 1) * step), log)
        case let .doubleRange(lower, upper, step, log):
            let high = step == nil ? upper : lower + Double(levelCount! - 1) * step!
            return (lower, high, log)
        case let .list(values):
            let numbers = values.map { $0.number! }
            return (numbers.min()!, numbers.max()!, false)
        case .choice, .fixed: return nil
        }
    }

    /// The feature in [0, 1] of a numeric value.
    func feature(of x: Double) -> Double {
        let (low, high, log) = numericSpan!
        guard high > low else { return 0 }
        return log ? Foundation.log(x / low) / Foundation.log(high / low) : (x - low) / (high - low)
    }

    /// The level whose feature is nearest to `f` (continuous ranges: the clamped value).
    func value(feature f: Double) -> ParameterValue {
        let (low, high, log) = numericSpan!
        let clamped = min(max(f, 0), 1)
        let x = log ? low * exp(clamped * Foundation.log(high / low)) : low + clamped * (high - low)
        return nearestLevel(x)
    }

    /// Whether `value` is one of the domain's values.
    func contains(_ value: ParameterValue) -> Bool {
        switch self {
        case let .choice(names):
            if case let .string(s) = value { return names.contains(s) }
            return false
        case let .fixed(fixed): return fixed == value || (fixed.number != nil && fixed.number == value.number)
        case let .doubleRange(lower, upper, nil, _):
            guard let x = value.number else { return false }
            return x >= lower && x <= upper
        default:
            guard let x = value.number else { return false }
            return nearestLevel(x).number == x
        }
    }

    /// The value in the domain's own type (an integer parameter given 12.0 answers `.int(12)`).
    func canonical(_ value: ParameterValue) -> ParameterValue {
        switch self {
        case .intRange: return .int(Int(value.number!))
        case .doubleRange: return .double(value.number!)
        case .list: return nearestLevel(value.number!)
        case .choice: return value
        case let .fixed(fixed): return fixed
        }
    }
}
