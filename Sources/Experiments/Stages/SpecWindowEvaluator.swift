import Optimization
import Simulation
import Strategies

/// The `WindowEvaluator` of a spec, the one way walk-forward and Monte Carlo run a point: the
/// spec's strategy (a built-in, or the spec's own rules), engine settings and slippage model in
/// the engine `engine.kind` names — Optimization's `VectorizedWindowEvaluator` or
/// `EventWindowEvaluator`.
///
/// Semantics: points are turned into the strategy's typed parameters by
/// `StrategySpec.parameterSet` (rules: `StrategySpec.ruleStrategy`); the slippage model is
/// chosen once here. Both evaluators keep the `WindowEvaluator` contract (no fill before the
/// counted window, warm-up on earlier bars only, the scenario's cost multiplier and signal
/// delay): the vectorized one by gating and shifting the signal column, the event one by the
/// engine's trading start (`OrderTiming`) and a delayed signal (`SignalDelayed`), so every
/// strategy with an event path — built-ins, composites, blends, the event-only ones, rule
/// strategies — runs in both stages. A strategy without a vectorized form under `engine.kind`
/// `vectorized` is refused here, before any work (`SpecDecoder` already refuses it).
enum SpecWindowEvaluator {
    static func make(_ spec: ExperimentSpec) throws(RunError) -> ClosureEvaluator {
        let source: Builder.Source
        if spec.strategy.rules != nil {
            source = .rules
        } else {
            do { source = .registered(try StrategyRegistry.type(named: spec.strategy.name)) } catch { throw .unsupported(error.description) }
        }
        do { return try spec.engine.slippage.apply(Builder(source: source, spec: spec)) } catch let error as RunError {
            throw error
        } catch { throw .unsupported(String(describing: error)) }
    }

    /// The evaluator for the spec's slippage model (`SlippageSetting.apply`).
    private struct Builder: SlippageVisitor {
        enum Source {
            case registered(any RegisteredStrategy.Type)
            case rules
        }

        let source: Source
        let spec: ExperimentSpec

        func visit<Model: SlippageModel>(_ model: Model) throws -> ClosureEvaluator {
            switch source {
            case .rules:
                let strategySpec = spec.strategy
                return make({ point in try strategySpec.ruleStrategy(point.values) }, model, spec)
            case let .registered(type):
                return try make(type, model, spec)
            }
        }
    }

    private static func make<Slippage: SlippageModel>(_ type: any RegisteredStrategy.Type, _ slippage: Slippage,
                                                      _ spec: ExperimentSpec) throws(RunError) -> ClosureEvaluator {
        switch spec.engine.kind {
        case .event:
            return event(type, slippage, spec)
        case .vectorized:
            guard let vectorized = type as? any (RegisteredStrategy & VectorizedStrategy).Type else {
                throw .unsupported("\(spec.strategy.name) has no vectorized form; set engine.kind to \"event\"")
            }
            return self.vectorized(vectorized, slippage, spec)
        }
    }

    /// A strategy both engines can run (the rule strategies), in the engine the spec names.
    private static func make<S: EventStrategy & VectorizedStrategy, Slippage: SlippageModel>(
        _ build: @escaping @Sendable (TrialPoint) throws -> S, _ slippage: Slippage, _ spec: ExperimentSpec) -> ClosureEvaluator {
        switch spec.engine.kind {
        case .event: return event(build, slippage, spec)
        case .vectorized: return vectorized(build, slippage, spec)
        }
    }

    private static func event<S: RegisteredStrategy, Slippage: SlippageModel>(_: S.Type, _ slippage: Slippage,
                                                                              _ spec: ExperimentSpec) -> ClosureEvaluator {
        event(builder(S.self, spec), slippage, spec)
    }

    private static func vectorized<S: RegisteredStrategy & VectorizedStrategy, Slippage: SlippageModel>(
        _: S.Type, _ slippage: Slippage, _ spec: ExperimentSpec) -> ClosureEvaluator {
        vectorized(builder(S.self, spec), slippage, spec)
    }

    /// The event evaluator of `build`'s strategies, wrapped in the spec's modifiers when it has any.
    private static func event<S: EventStrategy, Slippage: SlippageModel>(
        _ build: @escaping @Sendable (TrialPoint) throws -> S, _ slippage: Slippage, _ spec: ExperimentSpec) -> ClosureEvaluator {
        let config = spec.engine.config
        guard !spec.strategy.modifiers.isEmpty else { return wrap(EventWindowEvaluator(config: config, slippage: slippage, strategy: build)) }
        return ClosureEvaluator { point, window, scenario in
            let modifiers = try PointModifiers.of(spec, point.values, periodsPerYear: window.bars.periodsPerYear) ?? Modifiers()
            let instruments = [config.trading(window.bars.instrument)]
            return try EventWindowEvaluator(config: config, slippage: slippage, strategy: { point, delay in
                try modifiers.apply(try build(point), instruments: instruments, signalDelay: delay)
            }).evaluate(point, on: window, scenario: scenario)
        }
    }

    /// The vectorized evaluator of `build`'s strategies, with the spec's modifiers in their rules.
    private static func vectorized<S: VectorizedStrategy, Slippage: SlippageModel>(
        _ build: @escaping @Sendable (TrialPoint) throws -> S, _ slippage: Slippage, _ spec: ExperimentSpec) -> ClosureEvaluator {
        let config = spec.engine.config
        guard !spec.strategy.modifiers.isEmpty else {
            return wrap(VectorizedWindowEvaluator(config: config, slippage: slippage, strategy: build))
        }
        return ClosureEvaluator { point, window, scenario in
            let modifiers = try PointModifiers.of(spec, point.values, periodsPerYear: window.bars.periodsPerYear) ?? Modifiers()
            let instrument = config.trading(window.bars.instrument)
            return try VectorizedWindowEvaluator(config: config, slippage: slippage, strategy: { point in
                try modifiers.vectorized(try build(point), instrument: instrument)
            }).evaluate(point, on: window, scenario: scenario)
        }
    }

    /// A fresh strategy of type `S` for each point.
    private static func builder<S: RegisteredStrategy>(_: S.Type, _ spec: ExperimentSpec) -> @Sendable (TrialPoint) throws -> S {
        let strategySpec = spec.strategy
        return { point in try S(parameters: strategySpec.parameterSet(point.values)) }
    }

    private static func wrap<E: WindowEvaluator>(_ evaluator: E) -> ClosureEvaluator {
        ClosureEvaluator { point, window, scenario in try evaluator.evaluate(point, on: window, scenario: scenario) }
    }
}
