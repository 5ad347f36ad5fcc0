/// A deterministic stream of feasible points (declaration-order values): the grid's
/// Cartesian product, a seeded random stream or a Sobol sequence. `nil` means exhausted.
public protocol PointSequence: AnyObject {
    var space: SearchSpace { get }
    func next() -> [ParameterValue]?
}

/// Draws points from unit-cube coordinates, keeping those that satisfy the constraints and
/// differ from every earlier point; gives up (exhausted) after `maxRejections` in a row.
final class UnitCubeFilter {
    let space: SearchSpace
    private var seen = Set<[ParameterValue]>()
    private let maxRejections: Int

    init(space: SearchSpace, maxRejections: Int = 10_000) {
        self.space = space
        self.maxRejections = maxRejections
    }

    /// Calls `draw` to fill a unit vector until a new feasible point comes out.
    func next(dimension: Int, draw: (UnsafeMutableBufferPointer<Double>) -> Void) -> [ParameterValue]? {
        var u = [Double](repeating: 0, count: max(dimension, 1))
        for _ in 0..<maxRejections {
            let values = u.withUnsafeMutableBufferPointer { buffer in
                draw(buffer)
                return space.values(unit: UnsafeBufferPointer(buffer))
            }
            if space.satisfiesConstraints(values), seen.insert(values).inserted { return values }
        }
        return nil
    }
}
