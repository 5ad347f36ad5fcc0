import MarketData
import Simulation
import Strategies

/// A paper run's engine: the event engine stepped one closed bar at a time (`EventStepper`, the
/// batch run's own loop body) with the spec's strategy and slippage setting as concrete types
/// (`AnyEventStrategy`, `SlippageSetting`), so its step runs specialized.
public typealias IncrementalRun = EventStepper<AnyEventStrategy, SlippageSetting>

extension EventStepper where S == AnyEventStrategy, Slippage == SlippageSetting {
    /// Processes one closed bar (strictly after the previous one) and returns what it left for
    /// the state file.
    public mutating func advance(_ bar: Bar) throws(SimulationError) -> SteppedBar {
        try specializedStep(bar)
        return SteppedBar(bar: bar, equity: lastEquity, cash: cash, position: position)
    }
}
