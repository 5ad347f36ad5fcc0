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
/// `start`. `scenario.signalDelay` is handed to the strategy builder, which delays the signal
/// (`SignalDelayed`: the strategy decides on bars that many bars old, with the current
/// position; a spec's sizing and risk wrappers stay on the current bars, `Modifiers.apply`),
/// so a strategy that skips an entry while in position never sends it twice as a delayed order
/// would; bracket exits still trigger inside the bar. `scenario.costMultiplier` scales every
/// fee component and the slippage of every taker fill (`Scenario.costs`, `Scenario.slippage`).
public struct EventWindowEvaluator<S: EventStrategy, Slippage: SlippageModel>: WindowEvaluator {
    /// The engine at the baseline costs (the scenario re-costs a copy).
    public let engine: EventEngine<Slippage>
    /// Builds a fresh strategy for a point deciding on signals delayed by the given number of
    /// bars (throws for a point the strategy refuses).
    public let makeStrategy: @Sendable (TrialPoint, _ signalDelay: Int) throws -> S

    public init(config: EngineConfig, slippage: Slippage, strategy: @escaping @Sendable (TrialPoint, _ signalDelay: Int) throws -> S) {
        engine = EventEngine(config: config, slippage: slippage)
        makeStrategy = strategy
    }

    /// For a strategy without wrappers: the whole strategy is delayed.
    public init<Base: EventStrategy>(config: EngineConfig, slippage: Slippage,
                                     strategy: @escaping @Sendable (TrialPoint) throws -> Base) where S == SignalDelayed<Base> {
        self.init(config: config, slippage: slippage) { point, delay in SignalDelayed(try strategy(point), bars: delay) }
    }

    public func evaluate(_ point: TrialPoint, on window: EvaluationWindow, scenario: Scenario) throws -> BacktestResult {
        let costed = EventEngine(config: scenario.costs(engine.config), slippage: scenario.slippage(engine.slippage))
        let first = window.firstDecisionBar(engine.config.fill)
        return try costed.run(try makeStrategy(point, scenario.signalDelay), bars: window.bars, subBars: window.subBars,
                              timing: OrderTiming(tradingStart: window.bars.ts[first]))
    }
}
