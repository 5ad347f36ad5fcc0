import MarketData
import Indicators

/// Bollinger bands, reversion or breakout.
///
/// Bands: middle = SMA(period), upper/lower = middle ± `deviations` × population σ of the last
/// `period` closes. Rules at the close c of bar i:
/// - `mode = reversion`: entry long when c < lower, exit long when c ≥ middle; with `allow_short`
///   entry short when c > upper, exit short when c ≤ middle.
/// - `mode = breakout`: entry long when c > upper, exit long when c < middle; with `allow_short`
///   entry short when c < lower, exit short when c > middle.
/// No signal while the bands are undefined.
public struct Bollinger: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "bollinger",
        description: "Bollinger bands: fade closes outside the bands back to the middle (reversion) or follow them (breakout).",
        parameters: [
            ParameterSpec("period", .int(default: 20, min: 2, max: 1_000), "band period (bars)"),
            ParameterSpec("deviations", .double(default: 2, min: 0.1, max: 10), "band width in standard deviations"),
            ParameterSpec("mode", .choice(default: "reversion", choices: ["reversion", "breakout"]), "trade back to the middle or with the break"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let period: Int
    public let deviations: Double
    public let breakout: Bool
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var bands: BBANDS

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(period: Int, deviations: Double = 2, breakout: Bool = false, settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        self.period = period
        self.deviations = deviations
        self.breakout = breakout
        self.settings = settings
        bands = try withIndicators("bollinger") { () throws(IndicatorError) in try BBANDS(period: period, devUp: deviations, devDown: deviations) }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(period: p.int("period"), deviations: p.double("deviations"), breakout: p.choice("mode") == "breakout",
                      settings: TradeSettings(parameters: p))
    }

    /// The signal for a close and the bands at the same bar.
    @inlinable
    func signal(_ c: Double, upper: Double, middle: Double, lower: Double) -> SignalFlags {
        guard !middle.isNaN else { return [] }
        var s: SignalFlags = []
        if breakout {
            if c > upper { s.insert(.entryLong) }
            if c < middle { s.insert(.exitLong) }
            if c < lower { s.insert(.entryShort) }
            if c > middle { s.insert(.exitShort) }
        } else {
            if c < lower { s.insert(.entryLong) }
            if c >= middle { s.insert(.exitLong) }
            if c > upper { s.insert(.entryShort) }
            if c <= middle { s.insert(.exitShort) }
        }
        return settings.filter(s)
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        let c = bars.lastClose
        let b = bands.update(c)
        return signal(c, upper: b.upper, middle: b.middle, lower: b.lower)
    }

    static func key(_ band: Int, _ period: Int, _ deviations: Double) -> ColumnKey { ColumnKey("BBANDS", [band, period], [deviations]) }

    public static func makeCache(_ bars: BarSeries, for columns: [Bollinger]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        cache.insertClose(bars)
        try withIndicators("bollinger") { () throws(IndicatorError) in
            for c in columns where !cache.contains(key(0, c.period, c.deviations)) {
                let b = try TA.bbands(bars.close, period: c.period, devUp: c.deviations, devDown: c.deviations)
                cache.insert(key(0, c.period, c.deviations)) { b.upper }
                cache.insert(key(1, c.period, c.deviations)) { b.middle }
                cache.insert(key(2, c.period, c.deviations)) { b.lower }
            }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel {
        Kernel(close: cache.pointer(.close), upper: cache.pointer(Self.key(0, period, deviations)),
               middle: cache.pointer(Self.key(1, period, deviations)), lower: cache.pointer(Self.key(2, period, deviations)), rule: self)
    }

    /// The rule applied to cached band columns.
    public struct Kernel: SignalKernel {
        @usableFromInline let close, upper, middle, lower: UnsafePointer<Double>
        @usableFromInline let rule: Bollinger
        @inlinable init(close: UnsafePointer<Double>, upper: UnsafePointer<Double>, middle: UnsafePointer<Double>,
                        lower: UnsafePointer<Double>, rule: Bollinger) {
            self.close = close; self.upper = upper; self.middle = middle; self.lower = lower; self.rule = rule
        }
        @inlinable public func signal(at i: Int) -> SignalFlags {
            rule.signal(close[i], upper: upper[i], middle: middle[i], lower: lower[i])
        }
    }
}
