import MarketData
import Indicators

/// Adaptive regime switching between trend following and mean reversion.
///
/// The regime at bar i is *trend* when ADX(`adx_period`)[i] ≥ `adx_threshold`, *range* otherwise.
/// Trend rule: SMA(fast) > SMA(slow) → entry long (and exit short); SMA(fast) < SMA(slow) → exit
/// long (and entry short). Range rule (Bollinger reversion on `bb_period`, `deviations`):
/// close < lower → entry long; close ≥ middle → exit long; close > upper → entry short;
/// close ≤ middle → exit short. Shorts only with `allow_short`. No signal while any indicator
/// of the active rule (or ADX) is undefined.
public struct RegimeSwitch: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "regime_switch",
        description: "Adaptive: follows SMA trend when ADX says the market trends, fades Bollinger extremes when it ranges.",
        parameters: [
            ParameterSpec("adx_period", .int(default: 14, min: 2, max: 500), "ADX period (bars)"),
            ParameterSpec("adx_threshold", .double(default: 25, min: 0, max: 100), "ADX at or above which the market counts as trending"),
            ParameterSpec("fast", .int(default: 20, min: 1, max: 1_000), "fast SMA of the trend rule"),
            ParameterSpec("slow", .int(default: 50, min: 2, max: 5_000), "slow SMA of the trend rule; must exceed fast"),
            ParameterSpec("bb_period", .int(default: 20, min: 2, max: 1_000), "Bollinger period of the range rule"),
            ParameterSpec("deviations", .double(default: 2, min: 0.1, max: 10), "Bollinger width in standard deviations"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let adxPeriod, fast, slow, bbPeriod: Int
    public let adxThreshold, deviations: Double
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var adx: ADX
    @usableFromInline var fastMA: SMA
    @usableFromInline var slowMA: SMA
    @usableFromInline var bands: BBANDS

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(adxPeriod: Int = 14, adxThreshold: Double = 25, fast: Int = 20, slow: Int = 50, bbPeriod: Int = 20,
                deviations: Double = 2, settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        guard slow > fast else { throw .constraint(strategy: "regime_switch", message: "need fast < slow, got \(fast), \(slow)") }
        self.adxPeriod = adxPeriod; self.adxThreshold = adxThreshold
        self.fast = fast; self.slow = slow; self.bbPeriod = bbPeriod; self.deviations = deviations
        self.settings = settings
        (adx, fastMA, slowMA, bands) = try withIndicators("regime_switch") { () throws(IndicatorError) in
            (try ADX(period: adxPeriod), try SMA(period: fast), try SMA(period: slow),
             try BBANDS(period: bbPeriod, devUp: deviations, devDown: deviations))
        }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(adxPeriod: p.int("adx_period"), adxThreshold: p.double("adx_threshold"), fast: p.int("fast"), slow: p.int("slow"),
                      bbPeriod: p.int("bb_period"), deviations: p.double("deviations"), settings: TradeSettings(parameters: p))
    }

    @inlinable
    func signal(adx a: Double, fast f: Double, slow s: Double, close c: Double, upper: Double, middle: Double, lower: Double) -> SignalFlags {
        guard !a.isNaN else { return [] }
        var flags: SignalFlags = []
        if a >= adxThreshold {
            if f > s { flags = [.entryLong, .exitShort] } else if f < s { flags = [.exitLong, .entryShort] }
        } else if !middle.isNaN {
            if c < lower { flags.insert(.entryLong) }
            if c >= middle { flags.insert(.exitLong) }
            if c > upper { flags.insert(.entryShort) }
            if c <= middle { flags.insert(.exitShort) }
        }
        return settings.filter(flags)
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        let c = bars.lastClose
        let a = adx.update(high: bars.lastHigh, low: bars.lastLow, close: c)
        let f = fastMA.update(c), s = slowMA.update(c)
        let b = bands.update(c)
        return signal(adx: a, fast: f, slow: s, close: c, upper: b.upper, middle: b.middle, lower: b.lower)
    }

    public static func makeCache(_ bars: BarSeries, for columns: [RegimeSwitch]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        cache.insertClose(bars)
        try withIndicators("regime_switch") { () throws(IndicatorError) in
            for c in columns {
                try cache.insert(ColumnKey("ADX", [c.adxPeriod])) { () throws(IndicatorError) in
                    try TA.adx(high: bars.high, low: bars.low, close: bars.close, period: c.adxPeriod)
                }
                for p in [c.fast, c.slow] {
                    try cache.insert(ColumnKey("SMA", [p])) { () throws(IndicatorError) in try TA.sma(bars.close, period: p) }
                }
                if !cache.contains(ColumnKey("BBANDS", [0, c.bbPeriod], [c.deviations])) {
                    let b = try TA.bbands(bars.close, period: c.bbPeriod, devUp: c.deviations, devDown: c.deviations)
                    cache.insert(ColumnKey("BBANDS", [0, c.bbPeriod], [c.deviations])) { b.upper }
                    cache.insert(ColumnKey("BBANDS", [1, c.bbPeriod], [c.deviations])) { b.middle }
                    cache.insert(ColumnKey("BBANDS", [2, c.bbPeriod], [c.deviations])) { b.lower }
                }
            }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel {
        Kernel(adx: cache.pointer(ColumnKey("ADX", [adxPeriod])), fast: cache.pointer(ColumnKey("SMA", [fast])),
               slow: cache.pointer(ColumnKey("SMA", [slow])), close: cache.pointer(.close),
               upper: cache.pointer(ColumnKey("BBANDS", [0, bbPeriod], [deviations])),
               middle: cache.pointer(ColumnKey("BBANDS", [1, bbPeriod], [deviations])),
               lower: cache.pointer(ColumnKey("BBANDS", [2, bbPeriod], [deviations])), rule: self)
    }

    /// The rule applied to cached ADX, SMA and band columns.
    public struct Kernel: SignalKernel {
        @usableFromInline let adx, fast, slow, close, upper, middle, lower: UnsafePointer<Double>
        @usableFromInline let rule: RegimeSwitch
        @inlinable init(adx: UnsafePointer<Double>, fast: UnsafePointer<Double>, slow: UnsafePointer<Double>, close: UnsafePointer<Double>,
                        upper: UnsafePointer<Double>, middle: UnsafePointer<Double>, lower: UnsafePointer<Double>, rule: RegimeSwitch) {
            self.adx = adx; self.fast = fast; self.slow = slow; self.close = close
            self.upper = upper; self.middle = middle; self.lower = lower; self.rule = rule
        }
        @inlinable public func signal(at i: Int) -> SignalFlags {
            rule.signal(adx: adx[i], fast: fast[i], slow: slow[i], close: close[i], upper: upper[i], middle: middle[i], lower: lower[i])
        }
    }
}
