/// Streams a `ParameterGrid` in index order, skipping points that break a constraint.
public final class GridSequence: PointSequence {
    public let grid: ParameterGrid
    public var space: SearchSpace { grid.space }
    private var cursor = 0

    public init(_ grid: ParameterGrid) { self.grid = grid }

    public func next() -> [ParameterValue]? {
        while cursor < grid.count {
            let values = grid[cursor]
            cursor += 1
            if space.satisfiesConstraints(values) { return values }
        }
        return nil
    }
}

/// Exhaustive grid search: every feasible grid point once, in deterministic index order.
public typealias GridOptimizer = SequenceOptimizer<GridSequence>

extension SequenceOptimizer where Source == GridSequence {
    /// A grid over `space` (every parameter must be discrete).
    public convenience init(space: SearchSpace) throws(OptimizationError) {
        do { self.init(source: GridSequence(try ParameterGrid(space))) } catch { throw .space(error) }
    }
}
