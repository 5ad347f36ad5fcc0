import Analytics
import MarketData
import Optimization

/// The walk-forward stage of a run: for each fold, the spec's optimizer searches the training
/// window, the best trial's parameters (by `TrialRanking`) are evaluated on the test window,
/// and the fold is committed to the store. Folds already stored are not searched again.
///
/// Semantics: a test window is simulated with its training window in front as warm-up
/// (indicators are primed and a position opened there carries into the test), and measured on
/// the test bars only. The stitched out-of-sample series concatenates the test windows' returns
/// in fold order. Walk-forward efficiency is the stitched out-of-sample annual return (Sharpe
/// ratio) over the mean in-sample annual return (Sharpe ratio) of the chosen trials. Parameter
/// stability is, per numeric parameter, the coefficient of variation of the chosen values
/// across folds (sample standard deviation over |mean|; 0 = the same value every fold).
enum WalkForwardStage {
    static func run(spec: ExperimentSpec, walkForward: WalkForwardSpec, bars: BarSeries, threads: Int,
                    store: ResultsStore, runID: String) throws(RunError) -> [(name: String, value: Double?)] {
        let windows = WalkForwardPlan.folds(walkForward, timestamps: bars.ts, timeframe: bars.timeframe)
        guard !windows.isEmpty else { throw .data("walk_forward: the data is too short for one train and test window") }
        var stored: [Int: FoldRecord] = [:]
        do { for fold in try store.folds(runID: runID) { stored[fold.index] = fold } } catch { throw .store(error) }

        var folds: [FoldRecord] = []
        var stitched: [Double] = []
        for (k, window) in windows.enumerated() {
            let fold: FoldRecord
            if let done = stored[k] {
                fold = done
            } else {
                let best = try search(spec, bars.slice(window.trainStart..<window.testStart), fold: k, threads: threads)
                fold = FoldRecord(index: k, trainStart: bars.ts[window.trainStart], trainEnd: bars.ts[window.testStart],
                                  testStart: bars.ts[window.testStart],
                                  testEnd: window.testEnd < bars.count ? bars.ts[window.testEnd] : bars.ts[bars.count - 1] + bars.timeframe.milliseconds,
                                  point: best.point, inSample: best.metrics, outOfSample: [])
            }
            let (outOfSample, returns) = test(spec, fold.point, bars: bars, window: window)
            var complete = fold
            complete.outOfSample = outOfSample
            if stored[k] == nil {
                do { try store.record(runID: runID, folds: [complete]) } catch { throw .store(error) }
            }
            folds.append(complete)
            stitched += returns
        }
        return statistics(folds, stitched: stitched, space: spec.strategy.space, timeframe: bars.timeframe)
    }

    /// The best trial of the spec's optimizer on one training window (in memory only).
    private static func search(_ spec: ExperimentSpec, _ bars: BarSeries, fold: Int, threads: Int) throws(RunError) -> TrialRecord {
        let optimizer = try ExperimentRunner.makeOptimizer(spec)
        let evaluator = TrialEvaluator(spec: spec, bars: bars)
        let total = try ExperimentRunner.budget(spec)
        let chunk = ExperimentRunner.chunk(spec, threads: threads)
        var best: TrialRecord?
        let ranking = TrialRanking(direction: spec.objective.direction)
        var done = 0
        let seed = ExperimentRunner.trialSeed(spec.seed, -1 - fold)
        while done < total {
            let points: [TrialPoint]
            do { points = try optimizer.suggest(count: min(chunk, total - done)) } catch { throw .optimizer(error.description) }
            if points.isEmpty { break }
            let outcomes = ExperimentRunner.evaluate(points, ids: Array(done..<done + points.count), seed: seed,
                                                     evaluator: evaluator, threads: threads)
            for (trial, _) in outcomes.sorted(by: { $0.0.id < $1.0.id }) {
                if best.map({ ranking.precedes(TrialRanking.Key(trial), TrialRanking.Key($0)) }) ?? true { best = trial }
                do { try optimizer.observe(trial.point, ExperimentRunner.observed(trial, spec)) } catch {
                    throw .optimizer(error.description)
                }
            }
            done += points.count
        }
        guard let best else { throw .optimizer("walk_forward fold \(fold): the optimizer proposed no trial") }
        return best
    }

    /// Out-of-sample metrics and returns of `point` on the fold's test window.
    private static func test(_ spec: ExperimentSpec, _ point: TrialPoint, bars: BarSeries, window: FoldWindow) -> ([Double?], [Double]) {
        let evaluator = TrialEvaluator(spec: spec, bars: bars.slice(window.trainStart..<window.testEnd))
        let empty = [Double?](repeating: nil, count: TrialMetrics.names.count)
        guard let result = try? evaluator.backtest(point.values),
              let measured = try? TrialMetrics.compute(result, initialCash: spec.engine.config.initialCash,
                                                       timeframe: bars.timeframe, from: window.testStart - window.trainStart)
        else { return (empty, []) }
        return (measured.metrics, measured.returns)
    }

    private static func statistics(_ folds: [FoldRecord], stitched: [Double], space: SearchSpace,
                                   timeframe: Timeframe) -> [(name: String, value: Double?)] {
        let annual = ObjectiveMetric.allCases.firstIndex(of: .annualReturn)!
        let sharpe = ObjectiveMetric.allCases.firstIndex(of: .sharpeRatio)!
        func mean(_ values: [Double?]) -> Double? {
            let defined = values.compactMap { $0 }
            return defined.count == values.count && !defined.isEmpty ? defined.reduce(0, +) / Double(defined.count) : nil
        }
        let oos = try? ReturnMetrics(returns: stitched, timeframe: timeframe)
        let isAnnual = mean(folds.map { $0.inSample[annual] }), isSharpe = mean(folds.map { $0.inSample[sharpe] })
        func ratio(_ a: Double?, _ b: Double?) -> Double? {
            guard let a, let b, b != 0 else { return nil }
            return a / b
        }
        var result: [(name: String, value: Double?)] = [
            ("walk_forward_folds", Double(folds.count)),
            ("walk_forward_oos_annual_return", oos?.annualReturn),
            ("walk_forward_oos_sharpe_ratio", oos?.sharpeRatio),
            ("walk_forward_oos_max_drawdown", oos?.maxDrawdown),
            ("walk_forward_efficiency_annual_return", ratio(oos?.annualReturn, isAnnual)),
            ("walk_forward_efficiency_sharpe", ratio(oos?.sharpeRatio, isSharpe)),
        ]
        for index in space.freeIndices {
            let values = folds.compactMap { $0.point.values[index].number }
            guard values.count == folds.count, values.count >= 2 else { continue }
            let m = values.reduce(0, +) / Double(values.count)
            let sd = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
            result.append(("walk_forward_stability_\(space.names[index])", m != 0 ? sd / abs(m) : nil))
        }
        return result
    }
}
