import MarketData
import Optimization
import Simulation

/// The walk-forward stage of a run, on Optimization's `WalkForward`: the spec's
/// `walk_forward` mapped onto `WalkForwardSettings`, the folds committed to the store, and
/// run-level statistics for `summary.json`.
///
/// Semantics: train, test and step keep their spec meaning (bars or durations; rolling or
/// anchored). Each fold runs the spec's optimizer (seeded per fold, see `WalkForward`) for the
/// run's budget (the grid: its feasible points) on the training window, scored by the spec's
/// objective on the counted window (NaN, infeasible, when it breaks `min_trades` or
/// `max_drawdown`); the best point is tested on the next window. Warm-up: every window is fed
/// the bars of one training length before it (`warmupBars`, the train span in bars), so a
/// test window's indicators are primed on its training data while trading starts flat at the
/// test window's first bar. Batches: the Bayesian optimizer's `batch_size`; the sequence
/// optimizers propose independently of results, so their chunk only sets parallelism. A
/// resumed run runs the walk-forward again (it is deterministic) and replaces the stored folds.
/// Fold metrics are `TrialMetrics` of the chosen point's counted training and test runs. Folds
/// run in parallel (`WalkForward`); progress counts folds, weighted by bars × trials.
/// Statistics: stitched out-of-sample figures, walk-forward efficiency (`WalkForwardEfficiency`)
/// and, per searched parameter, the coefficient of variation and the mode's share of the
/// chosen values across folds (`ParameterStability`).
enum WalkForwardRun {
    /// What later stages need: the point the last fold chose and the stitched test curve.
    struct Outcome {
        var statistics: [(name: String, value: Double?)]
        var lastPoint: TrialPoint
        var stitched: StitchedEquity
    }

    static func settings(_ spec: ExperimentSpec, _ walkForward: WalkForwardSpec, timeframe: Timeframe,
                         threads: Int) throws(RunError) -> WalkForwardSettings {
        func span(_ length: WindowLength) -> WalkForwardSettings.Span {
            switch length {
            case let .bars(n): return .bars(n)
            case let .duration(ms): return .milliseconds(ms)
            }
        }
        let warmup: Int
        switch walkForward.train {
        case let .bars(n): warmup = n
        case let .duration(ms):
            let bar = timeframe.milliseconds
            warmup = Int(ms / bar + (ms % bar == 0 ? 0 : 1))      // rounded up, without overflowing near Int64.max
        }
        return WalkForwardSettings(train: span(walkForward.train), test: span(walkForward.test), step: span(walkForward.step),
                                   anchoring: walkForward.mode == .anchored ? .anchored : .rolling, warmupBars: warmup,
                                   trialsPerFold: max(1, try ExperimentRunner.budget(spec)),
                                   batchSize: ExperimentRunner.chunk(spec, threads: threads), seed: spec.seed)
    }

    static func run(spec: ExperimentSpec, walkForward: WalkForwardSpec, bars: BarSeries, subBars: BarSeries?, evaluator: ClosureEvaluator,
                    threads: Int, store: ResultsStore, runID: String,
                    progress: (@Sendable (RunProgress) -> Void)? = nil) throws(RunError) -> Outcome {
        let settings = try settings(spec, walkForward, timeframe: bars.timeframe, threads: threads)
        let objective = spec.objective
        let initialCash = spec.engine.config.initialCash
        let periodsPerYear = bars.periodsPerYear
        let walk = WalkForward(settings: settings, space: spec.strategy.space, evaluator: evaluator,
                               score: { result in score(result, objective: objective, initialCash: initialCash, periodsPerYear: periodsPerYear) },
                               makeOptimizer: { space, seed throws(OptimizationError) in
                                   try ExperimentRunner.makeOptimizer(spec, space: space, seed: seed)
                               })
        let report: WalkForwardReport
        do { report = try walk.run(bars, subBars: subBars, threads: threads, progress: RunProgress.tally(.walkForward, progress)) } catch {
            throw .data("walk_forward: \(error)")
        }
        var records: [FoldRecord] = []
        for outcome in report.folds {
            let fold = outcome.fold
            records.append(FoldRecord(index: fold.index, trainStart: fold.trainStart, trainEnd: fold.testStart,
                                      testStart: fold.testStart, testEnd: fold.testEnd, point: outcome.best,
                                      inSample: metrics(outcome.trainResult, initialCash: initialCash, periodsPerYear: periodsPerYear),
                                      outOfSample: metrics(outcome.testResult, initialCash: initialCash, periodsPerYear: periodsPerYear)))
        }
        do {
            try store.record(runID: runID, folds: records)
            try store.record(runID: runID, outOfSample: OutOfSampleEquity(timestamps: report.stitched.timestamps,
                                                                          equity: report.stitched.equity))
        } catch { throw .store(error) }
        var statistics: [(name: String, value: Double?)] = [
            ("walk_forward_folds", Double(report.folds.count)),
            ("walk_forward_oos_total_return", report.outOfSample.totalReturn),
            ("walk_forward_oos_annual_return", report.outOfSample.annualReturn),
            ("walk_forward_oos_sharpe_ratio", report.outOfSample.sharpe),
            ("walk_forward_oos_max_drawdown", report.outOfSample.maxDrawdown),
            ("walk_forward_efficiency_annual_return", report.efficiency.returnEfficiency),
            ("walk_forward_efficiency_sharpe", report.efficiency.sharpeEfficiency),
        ]
        let free = Set(spec.strategy.space.freeIndices.map { spec.strategy.space.names[$0] })
        for stability in report.stability where free.contains(stability.name) {
            statistics.append(("walk_forward_stability_\(stability.name)", stability.coefficientOfVariation))
            statistics.append(("walk_forward_mode_share_\(stability.name)", stability.modeShare))
        }
        return Outcome(statistics: statistics, lastPoint: report.folds[report.folds.count - 1].best, stitched: report.stitched)
    }

    /// The objective of a counted run, higher is better; NaN when undefined or infeasible.
    static func score(_ result: BacktestResult, objective: ObjectiveSpec, initialCash: Double, periodsPerYear: Double) -> Double {
        guard result.equity.count > 1,
              let measured = try? TrialMetrics.compute(result, initialCash: initialCash, periodsPerYear: periodsPerYear, from: 1),
              TrialEvaluator.feasible(measured.metrics, objective),
              let value = measured.metrics[ObjectiveMetric.allCases.firstIndex(of: objective.metric)!], value.isFinite
        else { return .nan }
        return objective.direction == .maximize ? value : -value
    }

    /// `TrialMetrics` of a counted run (its base point excluded); all nil when undefined.
    static func metrics(_ result: BacktestResult?, initialCash: Double, periodsPerYear: Double) -> [Double?] {
        guard let result, result.equity.count > 1,
              let measured = try? TrialMetrics.compute(result, initialCash: initialCash, periodsPerYear: periodsPerYear, from: 1)
        else { return [Double?](repeating: nil, count: TrialMetrics.names.count) }
        return measured.metrics
    }
}
