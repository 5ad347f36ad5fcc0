import Optimization

/// Why shard folders cannot be merged, naming the folder (and shard) at fault.
public enum ShardMergeError: Error, CustomStringConvertible {
    case noShards
    /// The folder holds no shard: no store, not exactly one run, or a whole (unsharded) run.
    case notAShard(path: String, reason: String)
    /// The shard's search has not finished (killed, or still running).
    case incomplete(path: String, slice: TrialSlice, stored: Int, expected: Int)
    /// Two folders disagree on what they ran (`field`: spec, data, engine version, shard count, trials).
    case mismatch(field: String, path: String, value: String, reference: String, referenceValue: String)
    case duplicated(slice: TrialSlice, paths: [String])
    case missing(slices: [TrialSlice], of: Int)
    /// The merged trials do not cover the ids `0 ..< count` (a store edited or damaged).
    case gaps(count: Int, lowest: Int, highest: Int)
    /// The data the spec names no longer hashes to what the shards ran on.
    case dataChanged(expected: String, found: String)
    case spec(lines: [String])
    case output(String)
    case run(RunError)

    public var description: String {
        switch self {
        case .noShards: return "merge: no shard folders given"
        case let .notAShard(path, reason): return "\(path): not a shard folder: \(reason)"
        case let .incomplete(path, slice, stored, expected):
            return "\(path): shard \(slice) is incomplete (\(stored) of \(expected) trials); finish it with " +
                "`crucible run SPEC --shard \(slice) --resume --out \(path)`"
        case let .mismatch(field, path, value, reference, referenceValue):
            return "\(path): ran a different \(field) (\(value)) from \(reference) (\(referenceValue)); " +
                "every shard must come from the same spec, data and engine version"
        case let .duplicated(slice, paths): return "shard \(slice) given twice: \(paths.joined(separator: " and "))"
        case let .missing(slices, count):
            return "missing shard\(slices.count == 1 ? "" : "s") \(slices.map(\.description).joined(separator: ", ")) of \(count)"
        case let .gaps(count, lowest, highest):
            return "the shards hold \(count) trials with ids \(lowest)…\(highest), not every id from 0 to \(count - 1)"
        case let .dataChanged(expected, found):
            return "data: the spec's data now hashes to \(found), the shards ran on \(expected); restore the data the shards used"
        case let .spec(lines): return lines.joined(separator: "\n")
        case let .output(message): return message
        case let .run(error): return error.description
        }
    }
}
