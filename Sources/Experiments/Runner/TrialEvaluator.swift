import MarketData
import Optimization
import Simulation
import Strategies

/// Runs one parameter set of a spec through the engine it names.
///
/// Semantics: the strategy is built from the point through `StrategySpec.parameterSet`, the
/// slippage model is chosen once from the spec and passed as the engines' generic parameter.
/// The evaluator holds no mutable state, so trials run concurrently.
struct TrialEvaluator: Sendable {
    let spec: ExperimentSpec
    let bars: BarSeries

    /// The backtest of `values` (declaration order).
    func backtest(_ values: [Optimization.ParameterValue]) throws -> BacktestResult {
        try backtest(parameters: spec.strategy.parameterSet(values))
    }

    /// The backtest of any registered strategy's parameters under the spec's engine settings
    /// (compare's rivals).
    func backtest(parameters: ParameterSet) throws -> BacktestResult {
        let strategy = try StrategyRegistry.type(named: parameters.strategy).init(parameters: parameters)
        switch spec.engine.slippage {
        case .none: return try run(strategy, NoSlippage())
        case let .fixedBps(bps): return try run(strategy, FixedSlippage(bps: bps))
        case let .halfSpread(spread): return try run(strategy, HalfSpreadSlippage(spreadBps: spread))
        case let .volatility(k): return try run(strategy, VolatilitySlippage(k: k))
        case let .sqrtImpact(eta): return try run(strategy, SquareRootImpact(eta: eta))
        }
    }

    private func run<Slippage: SlippageModel>(_ strategy: any RegisteredStrategy, _ slippage: Slippage) throws -> BacktestResult {
        let name = type(of: strategy).descriptor.name
        switch spec.engine.kind {
        case .event:
            return try EventEngine(config: spec.engine.config, slippage: slippage).run(strategy, bars: bars)
        case .vectorized:
            guard let vectorized = strategy as? any VectorizedStrategy else {
                throw StrategyError.unsupportedEngine(strategy: name, engine: "vectorized")
            }
            return try VectorizedEngine(config: spec.engine.config, slippage: slippage).run(vectorized, bars: bars)
        }
    }

    /// One finished trial: its record and, for a possible top-K entry, its curves.
    func evaluate(id: Int, point: TrialPoint, seed: UInt64) -> (TrialRecord, TrialCurves?) {
        let clock = ContinuousClock()
        let started = clock.now
        var record = TrialRecord(id: id, point: point, metrics: Array(repeating: nil, count: TrialMetrics.names.count),
                                 objective: nil, status: .failed, seed: seed, durationSeconds: 0)
        var curves: TrialCurves?
        do {
            let result = try backtest(point.values)
            let measured = try TrialMetrics.compute(result, initialCash: spec.engine.config.initialCash, periodsPerYear: bars.periodsPerYear)
            record.metrics = measured.metrics
            record.sharpe = measured.sharpe
            record.objective = record.metrics[ObjectiveMetric.allCases.firstIndex(of: spec.objective.metric)!]
            record.status = Self.feasible(record.metrics, spec.objective) ? .ok : .infeasible
            curves = TrialCurves(timestamps: result.timestamps, equity: result.equity, trades: result.trades)
        } catch {
            record.error = String(describing: error)
        }
        let elapsed = clock.now - started
        record.durationSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (record, curves)
    }

    /// The objective's limits: enough trades, a drawdown no deeper than allowed.
    static func feasible(_ metrics: [Double?], _ objective: ObjectiveSpec) -> Bool {
        let all = ObjectiveMetric.allCases
        if let minTrades = objective.minTrades,
           (metrics[all.firstIndex(of: .tradeCount)!] ?? 0) < Double(minTrades) { return false }
        if let limit = objective.maxDrawdown,
           let drawdown = metrics[all.firstIndex(of: .maxDrawdown)!], -drawdown > limit { return false }
        return true
    }
}
