import MarketData
import Optimization

/// The bookkeeping of a run's trials between the optimizer and the store: trial ids, the best
/// trials so far (for progress), the daily returns kept for the PBO, the commit of each batch,
/// and at the end the curves of the final top K.
struct TrialLoop {
    let spec: ExperimentSpec
    let bars: BarSeries
    let store: ResultsStore
    let runID: String
    /// Trials the run (for a shard: its slice) aims for.
    let total: Int
    /// The slice of the run's trial ids this invocation runs (`.whole` unless a shard).
    let slice: TrialSlice
    let keepDaily: Bool
    private(set) var topK: TopKTracker
    /// Trials stored so far (including those of an earlier, interrupted invocation).
    private(set) var finished = 0
    /// Trials committed by this invocation.
    private(set) var committedNow = 0
    private var nextID = 0
    /// Ids proposed by an interrupted invocation but never finished: handed out first.
    private var reuse: [Int] = []

    /// `total` is the whole run's; a shard aims for its slice's share of it.
    init(spec: ExperimentSpec, bars: BarSeries, store: ResultsStore, runID: String, total: Int, slice: TrialSlice = .whole) {
        self.spec = spec
        self.bars = bars
        self.store = store
        self.runID = runID
        self.total = slice.share(of: total)
        self.slice = slice
        keepDaily = Overfitting.applies(kind: spec.optimizer.kind, trials: total, bars: bars)
        topK = TopKTracker(k: spec.output.topK, ranking: TrialRanking(direction: spec.objective.direction))
    }

    /// Tells `optimizer` every stored trial of the run, streamed in id order, as the search
    /// observed it (`ExperimentRunner.observed`), and hands each to `each`.
    static func replay(store: ResultsStore, runID: String, spec: ExperimentSpec, into optimizer: any Optimizer,
                       each: (TrialRecord) -> Void = { _ in }) throws(RunError) {
        var failure: OptimizationError?
        do throws(StoreError) {
            try store.forEachTrial(runID: runID) { trial in
                guard failure == nil else { return }
                do throws(OptimizationError) {
                    try optimizer.observe(trial.point, ExperimentRunner.observed(trial, spec))
                } catch { failure = error }
                each(trial)
            }
        } catch { throw .store(error) }
        if let failure { throw .optimizer(failure.description) }
    }

    /// Replays the stored trials, streamed in id order, into the optimizer and the top K (resume).
    mutating func replay(into optimizer: any Optimizer) throws(RunError) {
        let state: ResumeState
        do { state = try store.resume(runID: runID, slice: slice) } catch { throw .store(error) }
        var topK = self.topK
        try Self.replay(store: store, runID: runID, spec: spec, into: optimizer) { trial in _ = topK.offer(TrialRanking.Key(trial)) }
        self.topK = topK
        finished = state.finished
        nextID = state.nextID
        reuse = state.unfinishedIDs
    }

    /// Ids for the next `count` proposals, in proposal order (the whole run's ids).
    mutating func ids(count: Int) -> [Int] {
        (0..<count).map { _ in
            if !reuse.isEmpty { return slice.globalID(reuse.removeFirst()) }
            defer { nextID += 1 }
            return slice.globalID(nextID)
        }
    }

    /// Commits a batch in id order in one transaction (at most `limit` trials): the trials and
    /// their daily returns. Returns the trials committed, for the optimizer to observe.
    mutating func commit(_ outcomes: [TrialEvaluator.Outcome], limit: Int?) throws(RunError) -> [TrialRecord] {
        var batch: [TrialRecord] = []
        var daily: [(trialID: Int, returns: [Double])] = []
        for outcome in outcomes.sorted(by: { $0.record.id < $1.record.id }) {
            if let limit, batch.count >= limit { break }
            if keepDaily, outcome.record.status != .failed, let returns = outcome.daily {
                daily.append((outcome.record.id, returns))
            }
            _ = topK.offer(TrialRanking.Key(outcome.record))
            batch.append(outcome.record)
        }
        do { try store.record(runID: runID, batch, daily: daily) } catch { throw .store(error) }
        finished += batch.count
        committedNow += batch.count
        return batch
    }

    /// Re-runs the final top K (in rank order, failed trials skipped) with full recording and
    /// stores their equity and trades in place of any kept before. `top` is that top K when the
    /// caller ranked the trials already (the merge), else it is read from the store.
    func storeTopCurves(_ evaluator: TrialEvaluator, top: [TrialRecord]? = nil) throws(RunError) {
        var best = top ?? []
        if top == nil {
            do { try store.rankedTrials(runID: runID, limit: spec.output.topK) { _, trial in best.append(trial) } } catch { throw .store(error) }
        }
        var curves: [(trialID: Int, TrialCurves)] = []
        for trial in best where trial.status != .failed {
            do {
                let result = try evaluator.backtest(trial.point.values)
                curves.append((trial.id, TrialCurves(timestamps: result.timestamps, equity: result.equity, trades: result.trades,
                                                     riskEvents: result.riskEvents)))
            } catch {
                throw .data("rerunning top trial \(trial.id) for its curves: \(error)")
            }
        }
        do { try store.replaceCurves(runID: runID, curves) } catch { throw .store(error) }
    }

    /// Where the run stands.
    func progress(elapsed: Double) -> RunProgress {
        let best = topK.members.first.flatMap { $0.status == .ok ? $0 : nil }
        return RunProgress(done: finished, total: total, best: best?.objective, bestTrial: best?.id, elapsedSeconds: elapsed)
    }
}
