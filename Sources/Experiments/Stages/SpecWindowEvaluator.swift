import Optimization
import Simulation
import Strategies

/// The `WindowEvaluator` of a spec: Optimization's `VectorizedWindowEvaluator` for the spec's
/// strategy, engine settings and slippage model, the one way walk-forward and Monte Carlo run
/// a point.
///
/// Semantics: points are turned into the strategy's typed parameters by
/// `StrategySpec.parameterSet`; the slippage model is chosen once here. Walk-forward and Monte
/// Carlo need the vectorized engine (their evaluator gates trading to the counted window and
/// delays or re-costs signals): `SpecDecoder` refuses them with `engine.kind` `event`, and a
/// strategy without a vectorized form is refused here, before any work.
enum SpecWindowEvaluator {
    static func make(_ spec: ExperimentSpec) throws(RunError) -> ClosureEvaluator {
        if spec.strategy.rules != nil {
            let strategySpec = spec.strategy
            return evaluator(spec) { point in try strategySpec.ruleStrategy(point.values) }
        }
        let type: any RegisteredStrategy.Type
        do { type = try StrategyRegistry.type(named: spec.strategy.name) } catch { throw .unsupported(error.description) }
        guard let vectorized = type as? any (RegisteredStrategy & VectorizedStrategy).Type else {
            throw .unsupported("walk_forward and monte_carlo need a strategy with a vectorized form; \(spec.strategy.name) has none")
        }
        return evaluator(vectorized, spec)
    }

    private static func evaluator<S: RegisteredStrategy & VectorizedStrategy>(_: S.Type, _ spec: ExperimentSpec) -> ClosureEvaluator {
        let strategySpec = spec.strategy
        return evaluator(spec) { point in try S(parameters: strategySpec.parameterSet(point.values)) }
    }

    private static func evaluator<S: VectorizedStrategy>(_ spec: ExperimentSpec, _ build: @escaping @Sendable (TrialPoint) throws -> S) -> ClosureEvaluator {
        let config = spec.engine.config
        switch spec.engine.slippage {
        case .none: return wrap(VectorizedWindowEvaluator(config: config, slippage: NoSlippage(), strategy: build))
        case let .fixedBps(bps): return wrap(VectorizedWindowEvaluator(config: config, slippage: FixedSlippage(bps: bps), strategy: build))
        case let .halfSpread(spread):
            return wrap(VectorizedWindowEvaluator(config: config, slippage: HalfSpreadSlippage(spreadBps: spread), strategy: build))
        case let .volatility(k): return wrap(VectorizedWindowEvaluator(config: config, slippage: VolatilitySlippage(k: k), strategy: build))
        case let .sqrtImpact(eta): return wrap(VectorizedWindowEvaluator(config: config, slippage: SquareRootImpact(eta: eta), strategy: build))
        }
    }

    private static func wrap<E: WindowEvaluator>(_ evaluator: E) -> ClosureEvaluator {
        ClosureEvaluator { point, window, scenario in try evaluator.evaluate(point, on: window, scenario: scenario) }
    }
}
