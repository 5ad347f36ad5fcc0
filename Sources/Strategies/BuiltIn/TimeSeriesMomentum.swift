import MarketData
import Indicators

/// Time-series momentum.
///
/// Rules at the close of bar i with m = close[i] ÷ close[i - lookback] − 1 (ROC): entry long when
/// m > 0, exit long when m ≤ 0; with `allow_short` entry short when m < 0, exit short when m ≥ 0.
/// Entries spend `fraction`; volatility-targeted sizing is the `sizing=vol_target` modifier (any
/// strategy, both engines; see `VolatilityTargetSizer`).
public struct TimeSeriesMomentum: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "ts_momentum",
        description: "Time-series momentum: long (or short) by the sign of the lookback return (volatility targeting: the sizing=vol_target modifier).",
        parameters: [
            ParameterSpec("lookback", .int(default: 168, min: 1, max: 10_000), "return lookback (bars)"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let lookback: Int
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var momentum: Momentum

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(lookback: Int, settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        self.lookback = lookback
        self.settings = settings
        momentum = try withIndicators("ts_momentum") { () throws(IndicatorError) in try Momentum(period: lookback, kind: .percent) }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(lookback: p.int("lookback"), settings: TradeSettings(parameters: p))
    }

    @inlinable
    func signal(_ m: Double) -> SignalFlags {
        guard !m.isNaN else { return [] }
        return settings.filter(m > 0 ? [.entryLong, .exitShort] : (m < 0 ? [.exitLong, .entryShort] : [.exitLong, .exitShort]))
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags { signal(momentum.update(bars.lastClose)) }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) { settings.submit(nextSignal(context.bars), &context) }

    static func key(_ lookback: Int) -> ColumnKey { ColumnKey("ROC", [lookback]) }

    public static func makeCache(_ bars: BarSeries, for columns: [TimeSeriesMomentum]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        try withIndicators("ts_momentum") { () throws(IndicatorError) in
            for c in columns { try cache.insert(key(c.lookback)) { () throws(IndicatorError) in try TA.roc(bars.close, period: c.lookback) } }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel { Kernel(roc: cache.pointer(Self.key(lookback)), rule: self) }

    /// The rule applied to a cached ROC column.
    public struct Kernel: SignalKernel {
        @usableFromInline let roc: UnsafePointer<Double>
        @usableFromInline let rule: TimeSeriesMomentum
        @inlinable init(roc: UnsafePointer<Double>, rule: TimeSeriesMomentum) { self.roc = roc; self.rule = rule }
        @inlinable public func signal(at i: Int) -> SignalFlags { rule.signal(roc[i]) }
    }
}
