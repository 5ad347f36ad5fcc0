import MarketData

/// Buy-and-hold, the benchmark: one entry at the close of the first bar on which the run lets
/// it trade (filled at the next open, or at that close with `fill: close`), held to the end.
/// An entry the engine rejects (before a walk-forward window's trading start, for want of
/// cash) is tried again at the next close, so a window's benchmark holds from its first bar.
public struct BuyAndHold: RegisteredStrategy, VectorizedStrategy {
    public static let descriptor = StrategyDescriptor(
        name: "buy_and_hold",
        description: "Buy at the first bar and hold to the end (the benchmark).",
        parameters: [
            ParameterSpec("fraction", .double(default: 1, min: 0.000001, max: 1), "fraction of equity invested"),
        ],
        engines: [.event, .vectorized])

    public let rules: VectorizedRules
    @usableFromInline var entered = false

    public init(fraction: Double = 1) { rules = VectorizedRules(fraction: fraction) }

    public init(parameters p: ParameterSet) throws(StrategyError) { self.init(fraction: p.double("fraction")) }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        guard !entered else { return }
        entered = true
        SignalOrders.submit(.entryLong, fraction: rules.fraction, bracket: nil, symbol: context.symbol, &context)
    }

    @inlinable
    public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {
        if case .rejected = update.status { entered = false }
    }

    public static func makeCache(_ bars: BarSeries, for columns: [BuyAndHold]) throws(StrategyError) -> Void {}

    public func kernel(_ cache: Void) -> Kernel { Kernel() }

    /// An entry signal at every bar: the engine enters at the first it may act on and ignores
    /// the rest while long, as the event path does.
    @frozen
    public struct Kernel: SignalKernel {
        @inlinable init() {}
        @inlinable public func signal(at i: Int) -> SignalFlags { .entryLong }
    }
}
