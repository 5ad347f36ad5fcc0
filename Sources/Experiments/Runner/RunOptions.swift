import Foundation

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

    public init(threads: Int = ProcessInfo.processInfo.activeProcessorCount, out: String? = nil,
                resume: Bool = false, stopAfter: Int? = nil) {
        self.threads = max(1, threads)
        self.out = out
        self.resume = resume
        self.stopAfter = stopAfter
    }
}

/// Where a run stands, for progress lines.
public struct RunProgress: Sendable {
    public var done: Int
    public var total: Int
    public var best: Double?
    public var bestTrial: Int?
    public var elapsedSeconds: Double

    /// Seconds left at the pace so far (nil before the first trial).
    public var etaSeconds: Double? {
        guard done > 0, total > done else { return done >= total ? 0 : nil }
        return elapsedSeconds / Double(done) * Double(total - done)
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

/// Errors that stop a run before or while it works.
public enum RunError: Error, CustomStringConvertible {
    case data(String)
    case store(StoreError)
    case output(String)
    case optimizer(String)
    case resume(String)
    /// A stage the spec asks for that this runner cannot run yet (refused before any work).
    case unsupported(String)

    public var description: String {
        switch self {
        case let .data(m): return "data: \(m)"
        case let .store(e): return e.description
        case let .output(m): return m
        case let .optimizer(m): return "optimizer: \(m)"
        case let .resume(m): return m
        case let .unsupported(m): return m
        }
    }
}
