import MarketData

/// Buy-and-hold, the benchmark: one entry at the close of the first bar (filled at the next
/// open, or at that close with `fill: close`), held to the end.
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

    public static func makeCache(_ bars: BarSeries, for columns: [BuyAndHold]) throws(StrategyError) -> Void {}

    public func kernel(_ cache: Void) -> Kernel { Kernel() }

    /// An entry signal at bar 0, nothing after.
    @frozen
    public struct Kernel: SignalKernel {
        @inlinable init() {}
        @inlinable public func signal(at i: Int) -> SignalFlags { i == 0 ? .entryLong : [] }
    }
}
