import MarketData
import Simulation
import Strategies

/// A paper run's engine with its strategy and slippage model erased: the event engine stepped
/// one closed bar at a time (`EventStepper`, the batch run's own loop body).
public protocol IncrementalRun {
    /// Processes one closed bar (strictly after the previous one) and returns what it left for
    /// the state file: one call through the existential per bar (each property read through it
    /// copies the whole run out of its box).
    mutating func advance(_ bar: Bar) throws(SimulationError) -> SteppedBar
    /// Bars processed.
    var count: Int { get }
    var lastTs: Int64? { get }
    /// Everything so far as a backtest result; nil before the first bar.
    var result: BacktestResult? { get }
    var cash: Double { get }
    var position: Double { get }
    var fills: [Fill] { get }
    var closedTrades: [Simulation.Trade] { get }
    var openTrade: Simulation.Trade? { get }
    var orderUpdates: [OrderUpdate] { get }
    var riskEvents: ContiguousArray<RiskEvent> { get }
    var equity: [Double] { get }
    var equityTimestamps: [Int64] { get }
    var cashCurve: [Double] { get }
    var totalFees: Double { get }
    var workingOrders: [WorkingOrderState] { get }
}

extension EventStepper: IncrementalRun {
    public mutating func advance(_ bar: Bar) throws(SimulationError) -> SteppedBar {
        try step(bar)
        return SteppedBar(bar: bar, equity: lastEquity, cash: cash, position: position)
    }
}
