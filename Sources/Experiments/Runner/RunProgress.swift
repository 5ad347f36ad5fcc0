import Optimization

/// Which part of a run a progress line is about.
public enum RunStage: String, Sendable {
    /// The optimizer's trials over the whole data.
    case search
    /// Walk-forward folds (`WalkForwardRun`).
    case walkForward = "walk-forward"
    /// Monte Carlo paths of every method (`MonteCarloRun`).
    case monteCarlo = "monte carlo"
}

/// Where a run stands, for progress lines.
public struct RunProgress: Sendable {
    /// Units finished and planned: trials in the search, folds in walk-forward, paths in Monte Carlo.
    public var done: Int
    public var total: Int
    public var best: Double?
    public var bestTrial: Int?
    /// Seconds since the stage started.
    public var elapsedSeconds: Double
    public var stage: RunStage = .search
    /// Share of the stage's estimated work finished (nil: `done / total`). Stages whose units
    /// differ in cost weigh them by work (bar evaluations), so the ETA follows the real pace.
    public var fraction: Double? = nil

    /// Seconds left at the pace so far (nil before the first unit of work).
    public var etaSeconds: Double? {
        if let fraction {
            guard fraction > 0 else { return nil }
            return fraction >= 1 ? 0 : elapsedSeconds * (1 - fraction) / fraction
        }
        guard done > 0, total > done else { return done >= total ? 0 : nil }
        return elapsedSeconds / Double(done) * Double(total - done)
    }

    /// A tally that reports a stage's `StageProgress` to `report` as `RunProgress`, its
    /// elapsed time counted from now (nil when nobody listens).
    static func tally(_ stage: RunStage, _ report: (@Sendable (RunProgress) -> Void)?) -> ProgressTally? {
        guard let report else { return nil }
        let clock = ContinuousClock(), started = clock.now
        return ProgressTally { p in
            report(RunProgress(done: p.done, total: p.total, elapsedSeconds: ExperimentRunner.seconds(clock.now - started),
                               stage: stage, fraction: p.fraction))
        }
    }
}
