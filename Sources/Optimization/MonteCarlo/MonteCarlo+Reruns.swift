import MarketData
import Simulation

extension MonteCarlo {
    /// The strategy at `point` on synthetic bars: `process` is fitted to the window's
    /// close-to-close log returns (`ProcessFit`), and each path generates as many bars as the
    /// window (MarketData's `SyntheticBars`, same timeframe, first open time, first open
    /// price and mean volume), warmed up and counted like the window. Synthetic bars have no
    /// finer bars, so a window that carries `subBars` (the `sub_bars` intrabar path) is refused.
    public func synthetic<E: WindowEvaluator>(_ process: SyntheticProcess, point: TrialPoint, window: EvaluationWindow,
                                              evaluator: E) throws(ValidationError) -> MonteCarloReport {
        let method = MonteCarloMethod.synthetic(process)
        guard window.subBars == nil else { throw .invalidSetting(MonteCarlo.syntheticSubBarsRefusal) }
        let bars = window.bars
        let model = try ProcessFit.model(process, bars: bars)
        let volume = bars.volume.reduce(0, +) / Double(bars.count)
        return try rerun(method, window: window, count: settings.paths) { p in
            let synthetic = try SyntheticBars.generate(model, count: bars.count, timeframe: bars.timeframe, seed: pathSeed(method, p),
                                                       start: bars.ts[0], initialPrice: bars.open[0], baseVolume: volume > 0 ? volume : 1,
                                                       instrument: bars.instrument, calendar: bars.calendar)
            let w = EvaluationWindow(bars: synthetic, start: window.start)
            return (w, try evaluator.evaluate(point, on: w, scenario: .baseline))
        }
    }

    /// The strategy at points jittered around `point` (see `PerturbationSettings`).
    public func parameterPerturbation<E: WindowEvaluator>(_ jitter: PerturbationSettings, space: SearchSpace, point: TrialPoint,
                                                          window: EvaluationWindow, evaluator: E) throws(ValidationError) -> MonteCarloReport {
        let method = MonteCarloMethod.parameterPerturbation(jitter)
        guard jitter.steps >= 0, jitter.fraction >= 0, jitter.fraction.isFinite else {
            throw .invalidSetting("monte_carlo.perturbation: steps and fraction must be non-negative, got \(jitter.steps) and \(jitter.fraction)")
        }
        let chosen: [ParameterValue]
        do { chosen = try space.validate(point) } catch { throw .optimizer(.space(error)) }
        return try rerun(method, window: window, count: settings.paths) { p in
            let values = Perturbation.jitter(chosen, space: space, settings: jitter, rng: SeededGenerator(seed: pathSeed(method, p)))
            return (window, try evaluator.evaluate(space.point(values), on: window, scenario: .baseline))
        }
    }

    /// The strategy with fees and slippage multiplied by `paths` factors evenly spaced from 1
    /// to `maxMultiplier` (path p: 1 + (max − 1)·p/(paths − 1); one path: the maximum).
    /// Deterministic: no random draw.
    public func costStress<E: WindowEvaluator>(maxMultiplier: Double, point: TrialPoint, window: EvaluationWindow,
                                               evaluator: E) throws(ValidationError) -> MonteCarloReport {
        guard maxMultiplier >= 1, maxMultiplier.isFinite else {
            throw .invalidSetting("monte_carlo.cost_multiplier: expected a number ≥ 1, got \(maxMultiplier)")
        }
        let n = settings.paths
        return try rerun(.costStress(maxMultiplier: maxMultiplier), window: window, count: n) { p in
            let m = n == 1 ? maxMultiplier : 1 + (maxMultiplier - 1) * Double(p) / Double(n - 1)
            return (window, try evaluator.evaluate(point, on: window, scenario: Scenario(costMultiplier: m)))
        }
    }

    /// The strategy with every signal acted on `bars` bars late: one deterministic path.
    public func latencyStress<E: WindowEvaluator>(bars delay: Int, point: TrialPoint, window: EvaluationWindow,
                                                  evaluator: E) throws(ValidationError) -> MonteCarloReport {
        guard delay >= 0 else { throw .invalidSetting("monte_carlo.latency_bars: expected a non-negative integer, got \(delay)") }
        return try rerun(.latencyStress(bars: delay), window: window, count: 1) { _ in
            (window, try evaluator.evaluate(point, on: window, scenario: Scenario(signalDelay: delay)))
        }
    }

    /// The strategy on the window with each bar dropped independently with probability
    /// `fraction` (the first bar is always kept, and at least one counted bar); the remaining
    /// bars keep their timestamps, so a dropped bar is a gap the strategy never sees.
    public func droppedBars<E: WindowEvaluator>(fraction: Double, point: TrialPoint, window: EvaluationWindow,
                                                evaluator: E) throws(ValidationError) -> MonteCarloReport {
        let method = MonteCarloMethod.droppedBars(fraction: fraction)
        guard fraction >= 0, fraction < 1 else { throw .invalidSetting("monte_carlo.drop_fraction: expected a fraction in [0, 1), got \(fraction)") }
        return try rerun(method, window: window, count: settings.paths) { p in
            let rng = SeededGenerator(seed: pathSeed(method, p))
            var keep = [0]
            for i in 1..<window.bars.count where rng.uniform() >= fraction { keep.append(i) }
            if keep.last! < window.start { keep.append(window.bars.count - 1) }
            let thinned = window.bars.selecting(keep)
            let w = EvaluationWindow(bars: thinned, start: keep.firstIndex { $0 >= window.start }!, subBars: window.subBars)
            return (w, try evaluator.evaluate(point, on: w, scenario: .baseline))
        }
    }

    /// Runs `count` evaluations (path p → its window and run) and summarizes their counted curves.
    func rerun(_ method: MonteCarloMethod, window: EvaluationWindow, count: Int,
               _ path: @escaping @Sendable (Int) throws -> (EvaluationWindow, BacktestResult)) throws(ValidationError) -> MonteCarloReport {
        let ruinFraction = settings.ruinThreshold, fanPoints = settings.fanPoints
        let ppy = window.bars.periodsPerYear
        let progress = self.progress, work = pathWork(method, bars: window.bars.count)
        let outcomes = parallelMap(count, threads: threads) { p -> Result<PathSummary, ValidationError>? in
            defer { progress?.add(units: 1, work: work) }
            let counted: BacktestResult
            do {
                let (w, run) = try path(p)
                counted = try run.counted(in: w)
            } catch let error as ValidationError {
                if case .lookAhead = error { return .failure(error) }
                return nil
            } catch {
                return nil
            }
            return .success(PathSummary(equity: counted.equity, periodsPerYear: ppy, tradeCount: counted.closedTrades.count,
                                        ruinLevel: ruinFraction * counted.metrics.initialCash, fanPoints: fanPoints))
        }
        var summaries: [PathSummary?] = []
        for outcome in outcomes {
            switch outcome {
            case let .success(summary)?: summaries.append(summary)
            case let .failure(error)?: throw error
            case nil: summaries.append(nil)
            }
        }
        return try MonteCarloReport(method: method.name, paths: summaries, initialEquity: summaries.lazy.compactMap { $0 }.first?.initial ?? .nan,
                                    nominalLength: window.countedBars + 1, settings: settings)
    }
}

extension BarSeries {
    /// The bars at `indices` (increasing), in that order.
    func selecting(_ indices: [Int]) -> BarSeries {
        var kept = BarSeries(instrument: instrument, timeframe: timeframe, ts: indices.map { ts[$0] }, open: indices.map { open[$0] },
                             high: indices.map { high[$0] }, low: indices.map { low[$0] }, close: indices.map { close[$0] },
                             volume: indices.map { volume[$0] })
        kept.calendar = calendar
        return kept
    }
}
