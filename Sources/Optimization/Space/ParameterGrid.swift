/// The Cartesian product of a space's axes, computed from an index on demand and never
/// stored: element `i` is a mixed-radix decoding of `i` with the last parameter varying
/// fastest (the order of nested loops written in declaration order).
///
/// Semantics: every parameter must be discrete (integer ranges, stepped real ranges, lists,
/// choices, fixed values). Constraints are not applied here; `GridOptimizer` skips
/// infeasible elements while streaming.
public struct ParameterGrid: RandomAccessCollection, Sendable {
    public let space: SearchSpace
    /// Levels per parameter, declaration order.
    public let radices: [Int]
    public let count: Int

    public init(_ space: SearchSpace) throws(SpaceError) {
        var radices: [Int] = []
        var total = 1
        for parameter in space.parameters {
            guard let n = parameter.domain.levelCount else {
                throw .notGriddable(parameter: parameter.name, reason: "a continuous range needs a step (or use a list)")
            }
            let (product, overflow) = total.multipliedReportingOverflow(by: n)
            guard !overflow else { throw .gridTooLarge("the product of the axes exceeds \(Int.max) points") }
            radices.append(n)
            total = product
        }
        self.space = space
        self.radices = radices
        self.count = total
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    /// Values of the `index`-th grid point, declaration order.
    public subscript(index: Int) -> [ParameterValue] {
        precondition(index >= 0 && index < count, "grid index out of range")
        var values = [ParameterValue](repeating: .int(0), count: radices.count)
        var rest = index
        for i in stride(from: radices.count - 1, through: 0, by: -1) {
            values[i] = space.parameters[i].domain.level(rest % radices[i])
            rest /= radices[i]
        }
        return values
    }

    /// The grid index of values already validated by the space, or nil if they are not grid
    /// levels.
    public func index(of values: [ParameterValue]) -> Int? {
        var index = 0
        for (i, parameter) in space.parameters.enumerated() {
            guard let k = parameter.domain.levelIndex(of: values[i]) else { return nil }
            index = index * radices[i] + k
        }
        return index
    }
}

extension ParameterDomain {
    /// The level number of a value, or nil if the value is not a level.
    func levelIndex(of value: ParameterValue) -> Int? {
        switch self {
        case let .intRange(lower, _, step, _):
            guard let x = value.number, contains(value) else { return nil }
            return (Int(x) - lower) / step
        case let .doubleRange(lower, _, step?, _):
            guard let x = value.number, contains(value) else { return nil }
            return Int(((x - lower) / step).rounded())
        case .doubleRange: return levelCount == 1 ? 0 : nil
        case let .list(values): return values.firstIndex { $0.number == value.number }
        case let .choice(names):
            guard case let .string(s) = value else { return nil }
            return names.firstIndex(of: s)
        case .fixed: return 0
        }
    }
}
