/// How many trials a grid search runs, decided before the first trial.
public enum GridTrials: Sendable, Equatable {
    /// Exactly this many feasible points (at most the cap asked for).
    case exactly(Int)
    /// More feasible points than the cap asked for (counting stopped past it).
    case moreThan(Int)
    /// The grid has `total` points before constraints, too many to test one by one.
    case tooManyToScan(total: Int)
}

extension ParameterGrid {
    /// Grid points a constrained count may test one by one (about two seconds of work).
    public static let scanLimit = 50_000_000

    /// The feasible points, up to `cap`: arithmetic (the product of the axes) when the space
    /// has no constraints, else streamed in grid order and stopped as soon as more than `cap`
    /// are feasible, or refused when that could take more than `scanLimit` points.
    public func feasibleCount(cap: Int) -> GridTrials {
        guard !space.constraints.isEmpty else { return count > cap ? .moreThan(cap) : .exactly(count) }
        var feasible = 0, scanned = 0
        for values in self {
            if scanned == Self.scanLimit { return .tooManyToScan(total: count) }
            scanned += 1
            guard space.satisfiesConstraints(values) else { continue }
            feasible += 1
            if feasible > cap { return .moreThan(cap) }
        }
        return .exactly(feasible)
    }
}
