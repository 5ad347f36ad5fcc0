import MarketData
import Indicators

/// Donchian channel breakout, turtle style.
///
/// Channels: highest high / lowest low of the last `entry_period` bars (entry channel) and of the
/// last `exit_period` bars (exit channel). Rules at the close c of bar i, against the channels
/// as of bar i-1 (so the current bar never forms its own breakout level): entry long when
/// c > entry upper; exit long when c < exit lower. With `allow_short`: entry short when
/// c < entry lower, exit short when c > exit upper. The turtles' 2N stop is the `atr_stop`
/// modifier (`atr_stop=2 atr_period=20`, any strategy, both engines; see `ExitRules`).
public struct DonchianBreakout: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "donchian_breakout",
        description: "Turtle-style Donchian breakout: enter on a close beyond the prior N-bar high/low, exit on the shorter opposite channel (ATR stop: the atr_stop modifier).",
        parameters: [
            ParameterSpec("entry_period", .int(default: 20, min: 2, max: 1_000), "entry channel length (bars)"),
            ParameterSpec("exit_period", .int(default: 10, min: 1, max: 1_000), "exit channel length (bars)"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let entryPeriod, exitPeriod: Int
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var entryChannel: Donchian
    @usableFromInline var exitChannel: Donchian
    @usableFromInline var previousEntry = (lower: Double.nan, mid: Double.nan, upper: Double.nan)
    @usableFromInline var previousExit = (lower: Double.nan, mid: Double.nan, upper: Double.nan)

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(entryPeriod: Int, exitPeriod: Int, settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        self.entryPeriod = entryPeriod
        self.exitPeriod = exitPeriod
        self.settings = settings
        (entryChannel, exitChannel) = try withIndicators("donchian_breakout") { () throws(IndicatorError) in
            (try Donchian(lowerPeriod: entryPeriod, upperPeriod: entryPeriod), try Donchian(lowerPeriod: exitPeriod, upperPeriod: exitPeriod))
        }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(entryPeriod: p.int("entry_period"), exitPeriod: p.int("exit_period"), settings: TradeSettings(parameters: p))
    }

    /// The signal for close `c` against the previous bar's channels.
    @inlinable
    func signal(_ c: Double, entryUpper: Double, entryLower: Double, exitUpper: Double, exitLower: Double) -> SignalFlags {
        var s: SignalFlags = []
        if c > entryUpper { s.insert(.entryLong) }
        if c < exitLower { s.insert(.exitLong) }
        if c < entryLower { s.insert(.entryShort) }
        if c > exitUpper { s.insert(.exitShort) }
        return settings.filter(s)
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        let c = bars.lastClose, h = bars.lastHigh, l = bars.lastLow
        let s = signal(c, entryUpper: previousEntry.upper, entryLower: previousEntry.lower,
                       exitUpper: previousExit.upper, exitLower: previousExit.lower)
        previousEntry = entryChannel.update(high: h, low: l)
        previousExit = exitChannel.update(high: h, low: l)
        return s
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    static func key(_ band: Int, _ period: Int) -> ColumnKey { ColumnKey("DONCHIAN", [band, period]) }

    public static func makeCache(_ bars: BarSeries, for columns: [DonchianBreakout]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        cache.insertClose(bars)
        try withIndicators("donchian_breakout") { () throws(IndicatorError) in
            for c in columns {
                for period in [c.entryPeriod, c.exitPeriod] where !cache.contains(key(0, period)) {
                    let d = try TA.donchian(high: bars.high, low: bars.low, lowerPeriod: period, upperPeriod: period)
                    cache.insert(key(0, period)) { d.lower }
                    cache.insert(key(1, period)) { d.upper }
                }
            }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel {
        Kernel(close: cache.pointer(.close), entryLower: cache.pointer(Self.key(0, entryPeriod)), entryUpper: cache.pointer(Self.key(1, entryPeriod)),
               exitLower: cache.pointer(Self.key(0, exitPeriod)), exitUpper: cache.pointer(Self.key(1, exitPeriod)), rule: self)
    }

    /// The rule applied to cached channel columns (read at i-1).
    public struct Kernel: SignalKernel {
        @usableFromInline let close, entryLower, entryUpper, exitLower, exitUpper: UnsafePointer<Double>
        @usableFromInline let rule: DonchianBreakout
        @inlinable init(close: UnsafePointer<Double>, entryLower: UnsafePointer<Double>, entryUpper: UnsafePointer<Double>,
                        exitLower: UnsafePointer<Double>, exitUpper: UnsafePointer<Double>, rule: DonchianBreakout) {
            self.close = close; self.entryLower = entryLower; self.entryUpper = entryUpper
            self.exitLower = exitLower; self.exitUpper = exitUpper; self.rule = rule
        }
        @inlinable public func signal(at i: Int) -> SignalFlags {
            guard i > 0 else { return [] }
            return rule.signal(close[i], entryUpper: entryUpper[i - 1], entryLower: entryLower[i - 1],
                               exitUpper: exitUpper[i - 1], exitLower: exitLower[i - 1])
        }
    }
}
