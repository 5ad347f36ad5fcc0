import Strategies

/// When the commands a strategy sends reach the event engine's order book: a trading start
/// before which arriving orders are refused, and a latency in bars. The default changes
/// nothing (every command acts at once, every order is accepted).
///
/// Semantics: a command (submit, cancel, replace) sent during the callbacks of bar i of symbol
/// s arrives at the close of bar `i + latencyBars` of s, after that bar's fills and before the
/// strategy's `onBar` for it; commands arrive in the order they were sent. An arriving submit
/// is accepted as if it had been sent then: it is live from the next bar of its symbol, or a
/// market order fills at that close under `fill: close`. So with next-open fills a latency of
/// 1 fills a market order decided at the close of bar i at the open of bar i + 2. Exits the
/// engine creates itself (a bracket's stop-loss and take-profit) are not delayed. A submit
/// arriving at a bar that opens before `tradingStart` is rejected with
/// `RejectReason.beforeTradingStart` and the strategy is told through `onOrderUpdate`: the
/// bars before it only warm the strategy up. Commands still in flight when the data ends never
/// arrive (no fill can follow the last bar anyway).
public struct OrderTiming: Sendable, Hashable {
    /// Submits arriving at a bar that opens before this timestamp (epoch ms UTC) are rejected.
    public var tradingStart: Int64
    /// Bars between sending a command and its arrival (≥ 0).
    public var latencyBars: Int

    public init(tradingStart: Int64 = .min, latencyBars: Int = 0) {
        self.tradingStart = tradingStart
        self.latencyBars = latencyBars
    }

    /// Every command acts at once and every order is accepted.
    public static let immediate = OrderTiming()

    /// Checks the settings once, before a run.
    public func validate() throws(SimulationError) {
        guard latencyBars >= 0 else { throw .invalidConfig("order latency must not be negative, got \(latencyBars) bars") }
    }
}

/// A command on its way to the order book (`OrderTiming.latencyBars`).
@usableFromInline
struct CommandInFlight {
    /// The symbol whose bar `arrival` the command reaches the book at.
    @usableFromInline var symbol: Int
    @usableFromInline var arrival: Int
    @usableFromInline var command: OrderCommand

    @usableFromInline
    init(symbol: Int, arrival: Int, command: OrderCommand) {
        self.symbol = symbol
        self.arrival = arrival
        self.command = command
    }
}
