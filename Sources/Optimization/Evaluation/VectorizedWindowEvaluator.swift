import Simulation
import Strategies

/// Evaluates points with the vectorized engine: the strategy built from the point is gated so
/// it trades only inside the window (see `EvaluationWindow`), its signals delayed and its
/// costs scaled as the scenario says. (`EventWindowEvaluator` keeps the same contract in the
/// event engine; `BacktestResult.counted(in:)` checks it.)
public struct VectorizedWindowEvaluator<S: VectorizedStrategy, Slippage: SlippageModel>: WindowEvaluator {
    public let config: EngineConfig
    public let slippage: Slippage
    /// Builds the strategy of a point (throws for a point the strategy refuses).
    public let strategy: @Sendable (TrialPoint) throws -> S

    public init(config: EngineConfig, slippage: Slippage, strategy: @escaping @Sendable (TrialPoint) throws -> S) {
        self.config = config
        self.slippage = slippage
        self.strategy = strategy
    }

    public func evaluate(_ point: TrialPoint, on window: EvaluationWindow, scenario: Scenario) throws -> BacktestResult {
        let engine = VectorizedEngine(config: scenario.costs(config), slippage: scenario.slippage(slippage))
        let gated = GatedStrategy(try strategy(point), firstSignalBar: window.firstDecisionBar(config.fill), delay: scenario.signalDelay)
        return try engine.run(gated, bars: window.bars, subBars: window.subBars)
    }
}
