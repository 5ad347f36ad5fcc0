/// The points of `source` at the positions a `TrialSlice` owns, in order: positions
/// `index`, `index + count`, `index + 2·count`, … of the whole stream.
public final class SlicedSequence: PointSequence {
    public var space: SearchSpace { source.space }
    let source: any PointSequence
    let slice: TrialSlice
    private var position = 0

    public init(_ source: any PointSequence, slice: TrialSlice) {
        self.source = source
        self.slice = slice
    }

    public func next() -> [ParameterValue]? {
        while let values = source.next() {
            let owned = slice.owns(position)
            position += 1
            if owned { return values }
        }
        return nil
    }
}

/// A sequence optimizer proposing one slice of a grid, random or Sobol stream.
public typealias SlicedOptimizer = SequenceOptimizer<SlicedSequence>

extension SequenceOptimizer where Source == SlicedSequence {
    /// The `slice` of `source`'s stream.
    public convenience init(slicing source: any PointSequence, slice: TrialSlice) {
        self.init(source: SlicedSequence(source, slice: slice))
    }
}
