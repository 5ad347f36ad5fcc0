/// The `index`-th of `count` interleaved slices of a run's trial ids: the ids `id` with
/// `id % count == index` (a shard of a sweep spread over several machines).
///
/// Semantics: a slice of a sequence optimizer's stream (grid, random, Sobol) proposes exactly
/// the points the whole run proposes at those ids, in the same order; its `local`-th point is
/// the whole run's trial `local * count + index`. Interleaving (rather than contiguous blocks)
/// gives every slice the same mix of the grid's axes — a block of a grid in index order holds
/// only a few values of its first axes, and the cost of a trial depends on them — and needs no
/// total in advance. Measured on a 1,115-point SMA-cross grid (six months of hourly bars),
/// with each shard's trades as its work: the busiest of 16 shards had 1.12× the mean when
/// interleaved, 2.30× as contiguous blocks (4 shards: 1.01× against 1.57×).
public struct TrialSlice: Sendable, Hashable, CustomStringConvertible {
    /// This slice, 0-based (`0 ..< count`).
    public let index: Int
    /// How many slices share the run.
    public let count: Int

    /// Fails unless `count ≥ 1` and `0 ≤ index < count`.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// The whole run as one slice.
    public static let whole = TrialSlice(index: 0, count: 1)!

    /// Whether the run's trial `id` belongs to this slice.
    public func owns(_ id: Int) -> Bool { id % count == index }

    /// The run's trial id of this slice's `local`-th trial.
    public func globalID(_ local: Int) -> Int { local * count + index }

    /// The position within this slice of the run's trial `id` (which the slice owns).
    public func localID(_ id: Int) -> Int { id / count }

    /// How many of the run's trial ids `0 ..< total` this slice owns.
    public func share(of total: Int) -> Int { total > index ? (total - index - 1) / count + 1 : 0 }

    /// `K/N`, 0-based.
    public var description: String { "\(index)/\(count)" }
}
