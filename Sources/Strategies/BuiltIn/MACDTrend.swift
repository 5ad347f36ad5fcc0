import MarketData
import Indicators

/// MACD trend following.
///
/// Rules at the close of bar i with m = MACD line, s = its signal line (TA-Lib MACD(fast, slow,
/// signal)): entry long when m crosses above s (m[i] > s[i], m[i-1] ≤ s[i-1]); exit long when it
/// crosses below. With `allow_short` the downward cross opens a short and the upward one covers
/// it. With `zero_filter` entries also need the trend's side of zero (long: m[i] > 0, short:
/// m[i] < 0); exits never do. No signal while any value is undefined.
public struct MACDTrend: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "macd_trend",
        description: "MACD trend: long when the MACD line crosses above its signal line, flat (or short) when it crosses below.",
        parameters: [
            ParameterSpec("fast", .int(default: 12, min: 2, max: 500), "fast EMA period"),
            ParameterSpec("slow", .int(default: 26, min: 3, max: 1_000), "slow EMA period; must exceed fast"),
            ParameterSpec("signal", .int(default: 9, min: 1, max: 500), "signal-line EMA period"),
            ParameterSpec("zero_filter", .bool(default: false), "enter only on the trend's side of zero"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let fast, slow, signalPeriod: Int
    public let zeroFilter: Bool
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var macd: MACD
    @usableFromInline var previous = (macd: Double.nan, signal: Double.nan)

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(fast: Int, slow: Int, signal: Int, zeroFilter: Bool = false, settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        guard slow > fast else { throw .constraint(strategy: "macd_trend", message: "need fast < slow, got \(fast), \(slow)") }
        self.fast = fast
        self.slow = slow
        signalPeriod = signal
        self.zeroFilter = zeroFilter
        self.settings = settings
        macd = try withIndicators("macd_trend") { () throws(IndicatorError) in try MACD(fast: fast, slow: slow, signal: signal) }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(fast: p.int("fast"), slow: p.int("slow"), signal: p.int("signal"), zeroFilter: p.bool("zero_filter"),
                      settings: TradeSettings(parameters: p))
    }

    @inlinable
    func signal(_ pm: Double, _ ps: Double, _ m: Double, _ s: Double) -> SignalFlags {
        var flags = SMACross.cross(pm, ps, m, s, allowShort: true)
        if zeroFilter {
            if !(m > 0) { flags.remove(.entryLong) }
            if !(m < 0) { flags.remove(.entryShort) }
        }
        return settings.filter(flags)
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        let v = macd.update(bars.lastClose)
        let s = signal(previous.macd, previous.signal, v.macd, v.signal)
        previous = (v.macd, v.signal)
        return s
    }

    static func key(_ line: Int, _ c: MACDTrend) -> ColumnKey { ColumnKey("MACD", [line, c.fast, c.slow, c.signalPeriod]) }

    public static func makeCache(_ bars: BarSeries, for columns: [MACDTrend]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        try withIndicators("macd_trend") { () throws(IndicatorError) in
            for c in columns where !cache.contains(key(0, c)) {
                let m = try TA.macd(bars.close, fast: c.fast, slow: c.slow, signal: c.signalPeriod)
                cache.insert(key(0, c)) { m.macd }
                cache.insert(key(1, c)) { m.signal }
            }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel {
        Kernel(macd: cache.pointer(Self.key(0, self)), signal: cache.pointer(Self.key(1, self)), rule: self)
    }

    /// The rule applied to cached MACD and signal columns.
    public struct Kernel: SignalKernel {
        @usableFromInline let macd, signal: UnsafePointer<Double>
        @usableFromInline let rule: MACDTrend
        @inlinable init(macd: UnsafePointer<Double>, signal: UnsafePointer<Double>, rule: MACDTrend) {
            self.macd = macd; self.signal = signal; self.rule = rule
        }
        @inlinable public func signal(at i: Int) -> SignalFlags {
            guard i > 0 else { return [] }
            return rule.signal(macd[i - 1], signal[i - 1], macd[i], signal[i])
        }
    }
}
