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

    /// The counted run of `point` on `window`.
    func baseline<E: WindowEvaluator>(_ point: TrialPoint, _ window: EvaluationWindow, _ evaluator: E) throws(ValidationError) -> BacktestResult {
        do {
            return try evaluator.evaluate(point, on: window, scenario: .baseline).counted(in: window)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw .evaluation("baseline run of \(point): \(error)")
        }
    }
}
