import MarketData
import Indicators

/// Donchian channel breakout, turtle style.
///
/// Channels: highest high / lowest low of the last `entry_period` bars (entry channel) and of the
/// last `exit_period` bars (exit channel). Rules at the close c of bar i, against the channels
/// as of bar i-1 (so the current bar never forms its own breakout level): entry long when
/// c > entry upper; exit long when c < exit lower. With `allow_short`: entry short when
/// c < entry lower, exit short when c > exit upper. With `atr_stop` k > 0 each entry carries a
/// stop-loss k × ATR(`atr_period`) away, k·ATR[i] ÷ c taken as a fraction of the entry's fill
/// price (the turtles' 2N stop with k = 2); otherwise `stop_loss` applies. The vectorized engine
/// runs this strategy only with `atr_stop = 0` (its stops are fixed fractions per column), which
/// is the default so both engines run the defaults.
public struct DonchianBreakout: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "donchian_breakout",
        description: "Turtle-style Donchian breakout: enter on a close beyond the prior N-bar high/low, exit on the shorter opposite channel; optional ATR stop (event engine).",
        parameters: [
            ParameterSpec("entry_period", .int(default: 20, min: 2, max: 1_000), "entry channel length (bars)"),
            ParameterSpec("exit_period", .int(default: 10, min: 1, max: 1_000), "exit channel length (bars)"),
            ParameterSpec("atr_period", .int(default: 20, min: 1, max: 1_000), "ATR period for the stop (bars)"),
            ParameterSpec("atr_stop", .double(default: 0, min: 0, max: 20), "stop-loss distance in ATRs, e.g. 2 for the turtles' 2N stop (0 = use stop_loss; > 0: event engine only)"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let entryPeriod, exitPeriod, atrPeriod: Int
    public let atrStop: Double
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var entryChannel: Donchian
    @usableFromInline var exitChannel: Donchian
    @usableFromInline var atr: ATR
    @usableFromInline var previousEntry = (lower: Double.nan, mid: Double.nan, upper: Double.nan)
    @usableFromInline var previousExit = (lower: Double.nan, mid: Double.nan, upper: Double.nan)
    @usableFromInline var latestATR = Double.nan

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(entryPeriod: Int, exitPeriod: Int, atrPeriod: Int = 20, atrStop: Double = 0,
                settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        self.entryPeriod = entryPeriod
        self.exitPeriod = exitPeriod
        self.atrPeriod = atrPeriod
        self.atrStop = atrStop
        self.settings = settings
        (entryChannel, exitChannel, atr) = try withIndicators("donchian_breakout") { () throws(IndicatorError) in
            (try Donchian(lowerPeriod: entryPeriod, upperPeriod: entryPeriod),
             try Donchian(lowerPeriod: exitPeriod, upperPeriod: exitPeriod), try ATR(period: atrPeriod))
        }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(entryPeriod: p.int("entry_period"), exitPeriod: p.int("exit_period"), atrPeriod: p.int("atr_period"),
                      atrStop: p.double("atr_stop"), settings: TradeSettings(parameters: p))
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
        latestATR = atr.update(high: h, low: l, close: c)
        let s = signal(c, entryUpper: previousEntry.upper, entryLower: previousEntry.lower,
                       exitUpper: previousExit.upper, exitLower: previousExit.lower)
        previousEntry = entryChannel.update(high: h, low: l)
        previousExit = exitChannel.update(high: h, low: l)
        return s
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let s = nextSignal(context.bars)
        guard !s.isEmpty else { return }
        var bracket = settings.bracket
        if atrStop > 0 {
            // No entry without a defined stop distance.
            let distance = atrStop * latestATR / context.bars.lastClose
            guard distance.isFinite, distance > 0, distance < 1 else {
                settings.submit(s.subtracting([.entryLong, .entryShort]), &context)
                return
            }
            bracket = BracketExits(takeProfit: bracket?.takeProfit, stopLoss: .fraction(distance))
        }
        SignalOrders.submit(s, fraction: settings.rules.fraction, bracket: bracket, symbol: context.symbol, &context)
    }

    static func key(_ band: Int, _ period: Int) -> ColumnKey { ColumnKey("DONCHIAN", [band, period]) }

    public static func makeCache(_ bars: BarSeries, for columns: [DonchianBreakout]) throws(StrategyError) -> IndicatorColumns {
        if columns.contains(where: { $0.atrStop > 0 }) {
            throw .unsupportedEngine(strategy: "donchian_breakout (atr_stop > 0)", engine: "vectorized")
        }
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
