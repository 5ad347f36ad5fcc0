import MarketData
import Indicators

/// RSI mean reversion.
///
/// Rules, at the close of bar i with r = RSI(period)[i] (Wilder): entry long when r < `lower`;
/// exit long when r > `exit`. With `allow_short`: entry short when r > `upper`, exit short when
/// r < `exit`. No signal while r is undefined. Entries repeat while the condition holds but are
/// ignored while a position in that direction is open.
public struct RSIReversion: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "rsi_reversion",
        description: "RSI mean reversion: buy when RSI is oversold, sell when it recovers past the exit level (optionally short when overbought).",
        parameters: [
            ParameterSpec("period", .int(default: 14, min: 2, max: 500), "RSI period (bars)"),
            ParameterSpec("lower", .double(default: 30, min: 0, max: 100), "oversold level: long entry below it"),
            ParameterSpec("upper", .double(default: 70, min: 0, max: 100), "overbought level: short entry above it"),
            ParameterSpec("exit", .double(default: 50, min: 0, max: 100), "exit level: longs exit above it, shorts below it"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let period: Int
    public let lower, upper, exit: Double
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var rsi: RSI

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(period: Int, lower: Double = 30, upper: Double = 70, exit: Double = 50,
                settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        guard lower <= exit, exit <= upper else {
            throw .constraint(strategy: "rsi_reversion", message: "need lower ≤ exit ≤ upper, got \(lower), \(exit), \(upper)")
        }
        self.period = period
        self.lower = lower
        self.upper = upper
        self.exit = exit
        self.settings = settings
        rsi = try withIndicators("rsi_reversion") { () throws(IndicatorError) in try RSI(period: period) }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(period: p.int("period"), lower: p.double("lower"), upper: p.double("upper"), exit: p.double("exit"),
                      settings: TradeSettings(parameters: p))
    }

    /// The signal for an RSI value.
    @inlinable
    func signal(_ r: Double) -> SignalFlags {
        var s: SignalFlags = []
        if r < lower { s.insert(.entryLong) }
        if r > exit { s.insert(.exitLong) }
        if r > upper { s.insert(.entryShort) }
        if r < exit { s.insert(.exitShort) }
        return settings.filter(s)
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags { signal(rsi.update(bars.lastClose)) }

    static func key(_ period: Int) -> ColumnKey { ColumnKey("RSI", [period]) }

    public static func makeCache(_ bars: BarSeries, for columns: [RSIReversion]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        try withIndicators("rsi_reversion") { () throws(IndicatorError) in
            for c in columns { try cache.insert(key(c.period)) { () throws(IndicatorError) in try TA.rsi(bars.close, period: c.period) } }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel { Kernel(rsi: cache.pointer(Self.key(period)), rule: self) }

    /// The rule applied to a cached RSI column.
    public struct Kernel: SignalKernel {
        @usableFromInline let rsi: UnsafePointer<Double>
        @usableFromInline let rule: RSIReversion
        @inlinable init(rsi: UnsafePointer<Double>, rule: RSIReversion) { self.rsi = rsi; self.rule = rule }
        @inlinable public func signal(at i: Int) -> SignalFlags { rule.signal(rsi[i]) }
    }
}
