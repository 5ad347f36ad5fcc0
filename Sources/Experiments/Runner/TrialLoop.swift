import MarketData
import Optimization

/// The bookkeeping of a run's trials between the optimizer and the store: trial ids, the top K
/// whose curves are kept, the daily returns kept for the PBO, and the commit of each batch.
struct TrialLoop {
    let spec: ExperimentSpec
    let bars: BarSeries
    let store: ResultsStore
    let runID: String
    /// Trials the run aims for.
    let total: Int
    let keepDaily: Bool
    private(set) var topK: TopKTracker
    /// Trials stored so far (including those of an earlier, interrupted invocation).
    private(set) var finished = 0
    /// Trials committed by this invocation.
    private(set) var committedNow = 0
    private var nextID = 0
    /// Ids proposed by an interrupted invocation but never finished: handed out first.
    private var reuse: [Int] = []

    init(spec: ExperimentSpec, bars: BarSeries, store: ResultsStore, runID: String, total: Int) {
        self.spec = spec
        self.bars = bars
        self.store = store
        self.runID = runID
        self.total = total
        keepDaily = Overfitting.applies(kind: spec.optimizer.kind, trials: total, bars: bars)
        topK = TopKTracker(k: spec.output.topK, ranking: TrialRanking(direction: spec.objective.direction))
    }

    /// Replays the stored trials, streamed in id order, into the optimizer and the top K (resume).
    mutating func replay(into optimizer: any Optimizer) throws(RunError) {
        let state: ResumeState
        do { state = try store.resume(runID: runID) } catch { throw .store(error) }
        var topK = self.topK
        var failure: OptimizationError?
        let spec = self.spec
        do throws(StoreError) {
            try store.forEachTrial(runID: runID) { trial in
                guard failure == nil else { return }
                do throws(OptimizationError) {
                    try optimizer.observe(trial.point, ExperimentRunner.observed(trial, spec))
                } catch { failure = error }
                _ = topK.offer(TrialRanking.Key(trial))
            }
        } catch { throw .store(error) }
        if let failure { throw .optimizer(failure.description) }
        self.topK = topK
        finished = state.finished
        nextID = state.nextID
        reuse = state.unfinishedIDs
    }

    /// Ids for the next `count` proposals, in proposal order.
    mutating func ids(count: Int) -> [Int] {
        (0..<count).map { _ in
            if !reuse.isEmpty { return reuse.removeFirst() }
            defer { nextID += 1 }
            return nextID
        }
    }

    /// Commits a batch in id order in one transaction (at most `limit` trials): the trials, the
    /// curves of those entering the top K, the eviction of those leaving it, the daily returns.
    /// Returns the trials committed, for the optimizer to observe.
    mutating func commit(_ outcomes: [(TrialRecord, TrialCurves?)], limit: Int?) throws(RunError) -> [TrialRecord] {
        var batch: [TrialRecord] = []
        var curves: [(trialID: Int, TrialCurves)] = []
        var evicted: [Int] = []
        var daily: [(trialID: Int, returns: [Double])] = []
        for (trial, curve) in outcomes.sorted(by: { $0.0.id < $1.0.id }) {
            if let limit, batch.count >= limit { break }
            if keepDaily, trial.status != .failed, let curve {
                daily.append((trial.id, Overfitting.dailyReturns(curve, initialCash: spec.engine.config.initialCash,
                                                                  timeframe: bars.timeframe)))
            }
            let (entered, out) = topK.offer(TrialRanking.Key(trial))
            if entered, let curve { curves.append((trial.id, curve)) }
            if let out {
                if let at = curves.firstIndex(where: { $0.trialID == out }) { curves.remove(at: at) } else { evicted.append(out) }
            }
            batch.append(trial)
        }
        do { try store.record(runID: runID, batch, curves: curves, evicting: evicted, daily: daily) } catch { throw .store(error) }
        finished += batch.count
        committedNow += batch.count
        return batch
    }

    /// Where the run stands.
    func progress(elapsed: Double) -> RunProgress {
        let best = topK.members.first.flatMap { $0.status == .ok ? $0 : nil }
        return RunProgress(done: finished, total: total, best: best?.objective, bestTrial: best?.id, elapsedSeconds: elapsed)
    }
}
