import Foundation

/// Where a long validation stage stands: units finished (walk-forward folds, Monte Carlo paths)
/// and the share of its estimated work they stand for, which is what an ETA should follow.
public struct StageProgress: Sendable, Hashable {
    /// Units finished and planned.
    public var done = 0, total = 0
    /// Work finished and planned, in bar evaluations (bars × trials), so uneven units (anchored
    /// folds, cheap resampling paths next to full reruns) weigh what they cost.
    public var workDone = 0.0, workTotal = 0.0

    public init() {}

    /// Share of the planned work finished, in [0, 1].
    public var fraction: Double {
        if workTotal > 0 { return min(1, workDone / workTotal) }
        return total > 0 ? min(1, Double(done) / Double(total)) : 1
    }
}

/// A thread-safe tally of a stage's progress that reports every change to a callback.
///
/// Semantics: `plan` adds to the totals, `add` to the finished counts; each call reports the
/// new state while holding the tally's lock, so reports never overlap and `done` and `workDone`
/// never go back, whichever worker thread finished the work. Progress never changes a result.
public final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var state = StageProgress()
    private let report: @Sendable (StageProgress) -> Void

    public init(_ report: @escaping @Sendable (StageProgress) -> Void) {
        self.report = report
    }

    /// Plans `units` more units worth `work` bar evaluations.
    public func plan(units: Int, work: Double) {
        update { $0.total += units; $0.workTotal += work }
    }

    /// Records `units` finished units and `work` finished bar evaluations.
    public func add(units: Int = 0, work: Double) {
        update { $0.done += units; $0.workDone += work }
    }

    /// The current state.
    public var progress: StageProgress {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    private func update(_ change: (inout StageProgress) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&state)
        report(state)
    }
}
