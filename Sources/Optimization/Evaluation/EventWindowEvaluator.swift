import Simulation
import Strategies

/// Evaluates points with the event-driven engine, for any strategy with an event path (stops,
/// trailing exits, brackets, sizing, partial fills): the engine itself gates and delays the
/// strategy's orders (`OrderTiming`) and the costs are scaled as the scenario says, so the
/// `WindowEvaluator` contract means exactly what it means for `VectorizedWindowEvaluator`.
///
/// Semantics: the strategy is fed every bar of `window.bars` (indicators warm up on the bars
/// before `window.start`); an order reaching the book before `window.firstDecisionBar` (the
/// close of `start − 1` with next-open fills, of `start` with close fills) is rejected with
/// `RejectReason.beforeTradingStart` and the strategy is told, so no fill happens before
/// `start`. `scenario.signalDelay` is the engine's `OrderTiming.latencyBars` (every command
/// arrives that many bars late; bracket exits still trigger inside the bar);
/// `scenario.costMultiplier` scales every fee component and the slippage of every taker fill
/// (`Scenario.costs`, `Scenario.slippage`).
public struct EventWindowEvaluator<S: EventStrategy, Slippage: SlippageModel>: WindowEvaluator {
    /// The engine at the baseline costs (the scenario re-costs a copy).
    public let engine: EventEngine<Slippage>
    /// Builds a fresh strategy for a point (throws for a point the strategy refuses).
    public let makeStrategy: @Sendable (TrialPoint) throws -> S

    public init(config: EngineConfig, slippage: Slippage, strategy: @escaping @Sendable (TrialPoint) throws -> S) {
        engine = EventEngine(config: config, slippage: slippage)
        makeStrategy = strategy
    }

    public func evaluate(_ point: TrialPoint, on window: EvaluationWindow, scenario: Scenario) throws -> BacktestResult {
        let costed = EventEngine(config: scenario.costs(engine.config), slippage: scenario.slippage(engine.slippage))
        let first = window.firstDecisionBar(engine.config.fill)
        return try costed.run(try makeStrategy(point), bars: window.bars, subBars: window.subBars,
                              timing: OrderTiming(tradingStart: window.bars.ts[first], latencyBars: scenario.signalDelay))
    }
}
