import Simulation
import Strategies

/// Evaluates points with the vectorized engine: the strategy built from the point is gated so
/// it trades only inside the window (see `EvaluationWindow`), its signals delayed and its
/// costs scaled as the scenario says. (Event-engine strategies need an evaluator of their own
/// that keeps the same contract; `BacktestResult.counted(in:)` checks it.)
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
        var config = self.config
        config.fees = config.fees.scaled(by: scenario.costMultiplier)
        let engine = VectorizedEngine(config: config, slippage: ScaledSlippage(slippage, multiplier: scenario.costMultiplier))
        let first = config.fill == .nextOpen ? max(0, window.start - 1) : window.start
        let gated = GatedStrategy(try strategy(point), firstSignalBar: first, delay: scenario.signalDelay)
        return try engine.run(gated, bars: window.bars)
    }
}
