import Foundation

/// The set of values one parameter may take.
///
/// Semantics: integer and stepped real ranges are the levels `lower + k * step` that do not
/// exceed `upper`; `log` spaces samples and model features evenly in the logarithm (the
/// bounds must then be positive). Lists are ordered numeric levels, choices are unordered
/// category names (one-hot in the Gaussian process), and fixed values take no dimension.
@frozen
public enum ParameterDomain: Hashable, Sendable {
    case intRange(lower: Int, upper: Int, step: Int = 1, log: Bool = false)
    case doubleRange(lower: Double, upper: Double, step: Double? = nil, log: Bool = false)
    case list([ParameterValue])
    case choice([String])
    case fixed(ParameterValue)

    /// Checks the bounds, steps and entries; `name` goes into the error message.
    public func validate(name: String) throws(SpaceError) {
        func fail(_ reason: String) -> SpaceError { .invalidDomain(parameter: name, reason: reason) }
        switch self {
        case let .intRange(lower, upper, step, log):
            guard lower <= upper else { throw fail("lower bound \(lower) exceeds upper bound \(upper)") }
            guard step > 0 else { throw fail("step must be positive, got \(step)") }
            guard !log || lower >= 1 else { throw fail("a log-scale range needs a lower bound >= 1, got \(lower)") }
        case let .doubleRange(lower, upper, step, log):
            guard lower.isFinite, upper.isFinite else { throw fail("bounds must be finite numbers") }
            guard lower <= upper else { throw fail("lower bound \(lower) exceeds upper bound \(upper)") }
            if let step {
                guard step > 0, step.isFinite else { throw fail("step must be a positive number, got \(step)") }
                guard !log else { throw fail("a range is either stepped or log-scale, not both") }
                guard (upper - lower) / step < 1e15 else { throw fail("step \(step) gives more than 10^15 levels") }
            }
            guard !log || lower > 0 else { throw fail("a log-scale range needs a positive lower bound, got \(lower)") }
        case let .list(values):
            guard !values.isEmpty else { throw fail("the list is empty") }
            for value in values where value.number == nil || !(value.number!.isFinite) {
                throw fail("list entries must be finite numbers, got \"\(value)\"")
            }
            guard Set(values.map { $0.number! }).count == values.count else { throw fail("the list repeats a value") }
        case let .choice(names):
            guard !names.isEmpty else { throw fail("the choice has no options") }
            guard Set(names).count == names.count else { throw fail("the choice repeats an option") }
        case let .fixed(value):
            if let number = value.number, !number.isFinite { throw fail("fixed value must be finite") }
        }
    }

    /// Number of distinct values, or nil for a continuous range.
    public var levelCount: Int? {
        switch self {
        case let .intRange(lower, upper, step, _): return (upper - lower) / step + 1
        case let .doubleRange(lower, upper, step, _):
            guard let step else { return lower == upper ? 1 : nil }
            return Int(((upper - lower) / step + 1e-9).rounded(.down)) + 1
        case let .list(values): return values.count
        case let .choice(names): return names.count
        case .fixed: return 1
        }
    }

    /// Width of the parameter in the model's feature vector: 0 (fixed), 1 (numeric), or one
    /// column per option (choice).
    public var featureWidth: Int {
        switch self {
        case .fixed: return 0
        case let .choice(names): return names.count
        default: return 1
        }
    }

    /// Whether the parameter takes part in sampling (everything but a fixed value).
    public var isFree: Bool { if case .fixed = self { return false } else { return true } }

    /// The `k`-th level (0-based) of a discrete domain.
    public func level(_ k: Int) -> ParameterValue {
        switch self {
        case let .intRange(lower, _, step, _): return .int(lower + k * step)
        case let .doubleRange(lower, _, step, _): return .double(lower + Double(k) * (step ?? 0))
        case let .list(values): return values[k]
        case let .choice(names): return .string(names[k])
        case let .fixed(value): return value
        }
    }

    /// Maps a uniform draw `u` in [0, 1) to a value: uniform over the levels of a discrete
    /// domain, uniform (or log-uniform) over a continuous range.
    public func value(unit u: Double) -> ParameterValue {
        switch self {
        case let .intRange(lower, upper, _, true):
            return nearestLevel(exp(Foundation.log(Double(lower)) + u * Foundation.log(Double(upper) / Double(lower))))
        case let .doubleRange(lower, upper, nil, log):
            if log { return .double(min(upper, lower * exp(u * Foundation.log(upper / lower)))) }
            return .double(min(upper, lower + u * (upper - lower)))
        case .fixed(let value): return value
        default:
            let n = levelCount!
            return level(min(n - 1, Int(u * Double(n))))
        }
    }

    /// The level nearest to a real number (numeric domains).
    func nearestLevel(_ x: Double) -> ParameterValue {
        switch self {
        case let .intRange(lower, upper, step, _):
            let k = ((x - Double(lower)) / Double(step)).rounded()
            return .int(lower + Int(min(max(k, 0), Double((upper - lower) / step))) * step)
        case let .doubleRange(lower, upper, step, _):
            guard let step else { return .double(min(max(x, lower), upper)) }
            let k = ((x - lower) / step).rounded()
            return .double(lower + min(max(k, 0), Double(levelCount! - 1)) * step)
        case let .list(values):
            var best = 0
            for i in values.indices where abs(values[i].number! - x) < abs(values[best].number! - x) { best = i }
            return values[best]
        case let .fixed(value): return value
        case .choice: preconditionFailure("a choice has no numeric levels")
        }
    }
}
