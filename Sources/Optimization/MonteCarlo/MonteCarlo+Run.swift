import Simulation

extension MonteCarlo {
    /// Runs `method` for the strategy at `point` (a point of `space`) over `window`: the entry
    /// point the experiment runner maps a spec's `monte_carlo` methods onto. The resampling
    /// methods first run the point once (baseline, counted as `EvaluationWindow` says) and
    /// resample its closed trades (`TradeSample`) or its bar returns.
    public func run<E: WindowEvaluator>(_ method: MonteCarloMethod, point: TrialPoint, space: SearchSpace,
                                        window: EvaluationWindow, evaluator: E) throws(ValidationError) -> MonteCarloReport {
        switch method {
        case .tradeReshuffle:
            return try tradeReshuffle(TradeSample(result: try baseline(point, window, evaluator), barsPerYear: window.bars.periodsPerYear))
        case .tradeBootstrap:
            return try tradeBootstrap(TradeSample(result: try baseline(point, window, evaluator), barsPerYear: window.bars.periodsPerYear))
        case let .returnBootstrap(meanBlockLength):
            let equity = try baseline(point, window, evaluator).equity
            let returns = (1..<equity.count).map { equity[$0] / equity[$0 - 1] - 1 }
            return try returnBootstrap(returns: returns, initialEquity: equity[0], periodsPerYear: window.bars.periodsPerYear,
                                       meanBlockLength: meanBlockLength)
        case let .synthetic(process):
            return try synthetic(process, point: point, window: window, evaluator: evaluator)
        case let .parameterPerturbation(jitter):
            return try parameterPerturbation(jitter, space: space, point: point, window: window, evaluator: evaluator)
        case let .costStress(maxMultiplier):
            return try costStress(maxMultiplier: maxMultiplier, point: point, window: window, evaluator: evaluator)
        case let .latencyStress(bars):
            return try latencyStress(bars: bars, point: point, window: window, evaluator: evaluator)
        case let .droppedBars(fraction):
            return try droppedBars(fraction: fraction, point: point, window: window, evaluator: evaluator)
        }
    }

    /// The paths `run(method, …)` on `window` reports to `progress` and the work they stand for
    /// (with the baseline run of the resampling methods), in bar evaluations of the vectorized
    /// engine: what a caller plans.
    public func estimatedWork(_ method: MonteCarloMethod, window: EvaluationWindow) -> (paths: Int, work: Double) {
        let bars = window.bars.count
        let paths: Int
        if case .latencyStress = method { paths = 1 } else { paths = settings.paths }
        switch method {
        case .tradeReshuffle, .tradeBootstrap, .returnBootstrap:
            // One baseline run, then paths of the counted bars' returns (or of its trades).
            return (paths, Double(bars) * rerunCost + Double(paths) * pathWork(method, bars: window.countedBars))
        default:
            return (paths, Double(paths) * pathWork(method, bars: bars))
        }
    }

    /// The cost of one path of `method` over `bars` bars, in bar evaluations of the vectorized
    /// engine (a rerun costs `rerunCost` per bar): rough weights that keep an ETA honest across
    /// methods, measured on the quickstart (BTC 1h, 43,816 bars, 100 paths, release build). A
    /// path of trade returns is a few dozen numbers; a bootstrap of bar returns costs about a
    /// fifth of a vectorized rerun; a synthetic path generates its bars with sub-steps (about 11
    /// vectorized reruns for GBM and GARCH, 15 with jumps) and then reruns.
    func pathWork(_ method: MonteCarloMethod, bars: Int) -> Double {
        let b = Double(bars)
        switch method {
        case .tradeReshuffle, .tradeBootstrap: return 1
        case .returnBootstrap: return 0.2 * b
        case .synthetic(.gbm), .synthetic(.garch): return (11 + rerunCost) * b
        case .synthetic(.jumpDiffusion): return (15 + rerunCost) * b
        case .parameterPerturbation, .costStress, .latencyStress, .droppedBars: return rerunCost * b
        }
    }

    /// The counted run of `point` on `window`.
    func baseline<E: WindowEvaluator>(_ point: TrialPoint, _ window: EvaluationWindow, _ evaluator: E) throws(ValidationError) -> BacktestResult {
        do {
            defer { progress?.add(work: Double(window.bars.count) * rerunCost) }
            return try evaluator.evaluate(point, on: window, scenario: .baseline).counted(in: window)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw .evaluation("baseline run of \(point): \(error)")
        }
    }
}
