import Foundation
import Optimization

/// How `ExperimentRunner` runs a spec; none of these may change `ranked.csv`.
public struct RunOptions: Sendable {
    /// Worker threads evaluating trials.
    public var threads: Int
    /// The run folder; nil: a new `<output.folder>/<name>/<run-id>/`.
    public var out: String?
    /// Continue the run in `out` instead of starting one.
    public var resume: Bool
    /// Stop (as if killed) once this many trials of this invocation are committed; for tests
    /// of resuming. Nothing after the last commit is written.
    public var stopAfter: Int?
    /// Run only this slice of the trial ids, as one shard of a sweep that `ShardMerge` joins;
    /// the shard's folder gets no ranked output (see `ShardRun`).
    public var shard: TrialSlice?
    /// The spec file's folder (absolute), recorded by a shard so the merge can resolve the
    /// spec's relative data paths; nil: the current directory.
    public var specDirectory: String?

    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, out: String? = nil,
                resume: Bool = false, stopAfter: Int? = nil, shard: TrialSlice? = nil, specDirectory: String? = nil) {
        self.threads = max(1, threads)
        self.out = out
        self.resume = resume
        self.stopAfter = stopAfter
        self.shard = shard
        self.specDirectory = specDirectory
    }
}

/// What a finished (or stopped) run produced.
public struct RunOutcome: Sendable {
    public var folder: ResultsFolder
    public var runID: String
    public var trials: Int
    /// False when `stopAfter` cut the run short (no ranked output written).
    public var completed: Bool
}
