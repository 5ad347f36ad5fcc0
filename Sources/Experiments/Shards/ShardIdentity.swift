import Optimization

/// Which slice of a run a shard's folder holds, as its store and `manifest.json` record it.
///
/// Semantics: `slice` is the shard's `K/N` (0-based); `total` is the number of trials the whole
/// run aims for (`ExperimentRunner.budget`), so the merge knows every id `0 ..< total` that
/// some shard must hold; `specDirectory` is the absolute folder of the spec file, against which
/// the spec's relative data paths resolve when the merge reloads the data; `complete` turns
/// true once the shard's search has committed every trial of its slice.
public struct ShardIdentity: Sendable, Equatable {
    public var slice: TrialSlice
    public var total: Int
    public var specDirectory: String
    public var complete: Bool

    public init(slice: TrialSlice, total: Int, specDirectory: String, complete: Bool) {
        self.slice = slice; self.total = total; self.specDirectory = specDirectory; self.complete = complete
    }

    /// The manifest's `shard` member.
    public var json: JSONText {
        .object([
            ("index", .int(Int64(slice.index))),
            ("count", .int(Int64(slice.count))),
            ("layout", .string("interleaved")),
            ("total_trials", .int(Int64(total))),
            ("shard_trials", .int(Int64(slice.share(of: total)))),
            ("complete", .bool(complete)),
        ])
    }
}
