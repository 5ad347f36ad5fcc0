import MarketData

/// Signals computed elsewhere (a research notebook, a test's random generator), one flag set
/// per bar, run through either engine. At bar i only `signals[i]` is read, at bar i's close.
public struct PrecomputedSignals: EventStrategy, VectorizedStrategy {
    public let signals: [SignalFlags]
    public let rules: VectorizedRules
    @usableFromInline let bracket: BracketExits?

    public init(signals: [SignalFlags], rules: VectorizedRules = VectorizedRules()) {
        self.signals = signals
        self.rules = rules
        if rules.stopLoss != nil || rules.takeProfit != nil {
            bracket = BracketExits(takeProfit: rules.takeProfit.map { .fraction($0) }, stopLoss: rules.stopLoss.map { .fraction($0) })
        } else {
            bracket = nil
        }
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let i = context.bars.current
        guard i < signals.count, !signals[i].isEmpty else { return }
        SignalOrders.submit(signals[i], fraction: rules.fraction, bracket: bracket, symbol: context.symbol, &context)
    }

    public static func makeCache(_ bars: BarSeries, for columns: [PrecomputedSignals]) throws(StrategyError) -> Void {}

    public func kernel(_ cache: Void) -> Kernel { Kernel(signals: signals) }

    /// Reads the stored flags.
    @frozen
    public struct Kernel: SignalKernel {
        @usableFromInline let signals: [SignalFlags]
        @inlinable init(signals: [SignalFlags]) { self.signals = signals }
        @inlinable public func signal(at i: Int) -> SignalFlags { i < signals.count ? signals[i] : [] }
    }
}
