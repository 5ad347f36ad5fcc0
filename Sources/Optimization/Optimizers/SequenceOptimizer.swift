/// An optimizer that proposes the points of a `PointSequence` in order, skipping any point
/// already observed (so a resumed run proposes exactly the points the stored trials lack).
///
/// Memory stays bounded by the trials in flight: a point this optimizer proposed is
/// forgotten once observed (the stream never revisits it); a replayed point it has not
/// reached yet is remembered only until the stream passes it.
public final class SequenceOptimizer<Source: PointSequence>: Optimizer {
    public var space: SearchSpace { source.space }
    let source: Source
    private var pending = Set<[ParameterValue]>()
    private var replayedAhead = Set<[ParameterValue]>()

    public init(source: Source) { self.source = source }

    public func suggest(count: Int) throws(OptimizationError) -> [TrialPoint] {
        var points: [TrialPoint] = []
        while points.count < count, let values = source.next() {
            if replayedAhead.remove(values) != nil { continue }
            pending.insert(values)
            points.append(space.point(values))
        }
        return points
    }

    public func observe(_ point: TrialPoint, _ value: Double) throws(OptimizationError) {
        let values: [ParameterValue]
        do { values = try space.validate(point) } catch { throw .space(error) }
        if pending.remove(values) == nil { replayedAhead.insert(values) }
    }
}
