import MarketData
import Indicators

/// Time-series momentum with volatility targeting.
///
/// Rules at the close of bar i with m = close[i] ÷ close[i - lookback] − 1 (ROC): entry long when
/// m > 0, exit long when m ≤ 0; with `allow_short` entry short when m < 0, exit short when m ≥ 0.
/// Sizing: with `vol_target` > 0 each entry spends min(vol_target ÷ σ, `max_leverage`) of equity,
/// σ being the annualized population standard deviation of the last `vol_window` log returns
/// (`VolatilityTargetSizer`; periods per year from the bar spacing); no entry while σ is unknown.
/// With `vol_target = 0` (the default, so both engines run the defaults) entries spend
/// `fraction`. The vectorized engine runs this strategy only with `vol_target = 0` (its sizes
/// are fixed fractions per column).
public struct TimeSeriesMomentum: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "ts_momentum",
        description: "Time-series momentum: long (or short) by the sign of the lookback return, optionally sized to a target volatility (event engine).",
        parameters: [
            ParameterSpec("lookback", .int(default: 168, min: 1, max: 10_000), "return lookback (bars)"),
            ParameterSpec("vol_target", .double(default: 0, min: 0, max: 5), "target annualized volatility, e.g. 0.5 (0 = fixed fraction; > 0: event engine only)"),
            ParameterSpec("vol_window", .int(default: 168, min: 2, max: 10_000), "window of the volatility estimate (bars)"),
            ParameterSpec("max_leverage", .double(default: 1, min: 0.01, max: 10), "cap on the volatility-targeted fraction of equity"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let lookback, volWindow: Int
    public let volTarget, maxLeverage: Double
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var momentum: Momentum
    @usableFromInline var sizer: VolatilityTargetSizer?
    @usableFromInline var firstClose = Double.nan

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(lookback: Int, volTarget: Double = 0, volWindow: Int = 168, maxLeverage: Double = 1,
                settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        self.lookback = lookback
        self.volTarget = volTarget
        self.volWindow = volWindow
        self.maxLeverage = maxLeverage
        self.settings = settings
        momentum = try withIndicators("ts_momentum") { () throws(IndicatorError) in try Momentum(period: lookback, kind: .percent) }
        if volTarget > 0 { _ = try VolatilityTargetSizer(target: volTarget, window: volWindow, periodsPerYear: 1, maxLeverage: maxLeverage) }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(lookback: p.int("lookback"), volTarget: p.double("vol_target"), volWindow: p.int("vol_window"),
                      maxLeverage: p.double("max_leverage"), settings: TradeSettings(parameters: p))
    }

    @inlinable
    func signal(_ m: Double) -> SignalFlags {
        guard !m.isNaN else { return [] }
        return settings.filter(m > 0 ? [.entryLong, .exitShort] : (m < 0 ? [.exitLong, .entryShort] : [.exitLong, .exitShort]))
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        if volTarget > 0 { observe(bars) }
        return signal(momentum.update(bars.lastClose))
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let s = nextSignal(context.bars)
        guard volTarget > 0 else { return settings.submit(s, &context) }
        let fraction = sizer?.fraction ?? 0
        let entries: SignalFlags = [.entryLong, .entryShort]
        let f = fraction > 0 ? s : s.subtracting(entries)
        guard !f.isEmpty else { return }
        SignalOrders.submit(f, fraction: fraction, bracket: settings.bracket, symbol: context.symbol, &context)
    }

    /// Feeds the volatility estimate, creating it at the second bar (when the spacing is known).
    @usableFromInline
    mutating func observe(_ bars: BarWindow) {
        let close = bars.lastClose
        if bars.count == 1 { firstClose = close; return }
        if sizer == nil {
            let spacing = Double(bars.ts(1) - bars.ts(0))
            sizer = try? VolatilityTargetSizer(target: volTarget, window: volWindow, periodsPerYear: 365 * 86_400_000 / spacing,
                                               maxLeverage: maxLeverage)
            sizer?.observe(close: firstClose)
        }
        sizer?.observe(close: close)
    }

    static func key(_ lookback: Int) -> ColumnKey { ColumnKey("ROC", [lookback]) }

    public static func makeCache(_ bars: BarSeries, for columns: [TimeSeriesMomentum]) throws(StrategyError) -> IndicatorColumns {
        if columns.contains(where: { $0.volTarget > 0 }) {
            throw .unsupportedEngine(strategy: "ts_momentum (vol_target > 0)", engine: "vectorized")
        }
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
