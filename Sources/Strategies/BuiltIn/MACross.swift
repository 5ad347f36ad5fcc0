import MarketData
import Indicators

/// Moving-average crossover with a choice of average (SMA, EMA, WMA, DEMA, TEMA, TRIMA, KAMA).
///
/// Rules, at the close of bar i: entry long when MA(fast) crosses above MA(slow) (fast[i] >
/// slow[i] and fast[i-1] ≤ slow[i-1]); exit long when it crosses below; no signal while any of
/// the four values is undefined. With `allow_short` the downward cross also opens a short and the
/// upward one covers it. Entries spend `fraction` of equity; non-zero `stop_loss` / `take_profit`
/// attach a bracket to each entry. With `ma_type = sma` this is `sma_cross`.
public struct MACross: RegisteredStrategy, VectorizedStrategy, SignalRule {
    /// The `ma_type` choices and the averages they name.
    public static let maTypes: [(String, MAType)] = [
        ("sma", .sma), ("ema", .ema), ("wma", .wma), ("dema", .dema), ("tema", .tema), ("trima", .trima), ("kama", .kama),
    ]

    public static let descriptor = StrategyDescriptor(
        name: "ma_cross",
        description: "Moving average crossover (SMA, EMA, ...): long when the fast average crosses above the slow one, flat (or short) when it crosses below.",
        parameters: [
            ParameterSpec("fast", .int(default: 12, min: 1, max: 1_000), "fast average period (bars)"),
            ParameterSpec("slow", .int(default: 26, min: 2, max: 5_000), "slow average period (bars); must exceed fast"),
            ParameterSpec("ma_type", .choice(default: "ema", choices: maTypes.map(\.0)), "kind of moving average"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let fast: Int
    public let slow: Int
    public let type: MAType
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }

    @usableFromInline var fastMA: MovingAverage
    @usableFromInline var slowMA: MovingAverage
    @usableFromInline var previousFast = Double.nan
    @usableFromInline var previousSlow = Double.nan

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(fast: Int, slow: Int, type: MAType, settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        guard fast >= 1, slow > fast else {
            throw .constraint(strategy: "ma_cross", message: "need 1 ≤ fast < slow, got fast \(fast), slow \(slow)")
        }
        self.fast = fast
        self.slow = slow
        self.type = type
        self.settings = settings
        (fastMA, slowMA) = try withIndicators("ma_cross") { () throws(IndicatorError) in
            (try MovingAverage(period: fast, type: type), try MovingAverage(period: slow, type: type))
        }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        let name = p.choice("ma_type")
        let type = Self.maTypes.first { $0.0 == name }!.1
        try self.init(fast: p.int("fast"), slow: p.int("slow"), type: type, settings: TradeSettings(parameters: p))
    }

    // MARK: event path

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        let close = bars.lastClose
        let f = fastMA.update(close), s = slowMA.update(close)
        let signal = SMACross.cross(previousFast, previousSlow, f, s, allowShort: true)
        previousFast = f
        previousSlow = s
        return settings.filter(signal)
    }

    // MARK: vectorized path

    static func key(_ period: Int, _ type: MAType) -> ColumnKey { ColumnKey("MA", [period, type.rawValue]) }

    public static func makeCache(_ bars: BarSeries, for columns: [MACross]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        try withIndicators("ma_cross") { () throws(IndicatorError) in
            for column in columns {
                for period in [column.fast, column.slow] {
                    try cache.insert(key(period, column.type)) { () throws(IndicatorError) in try TA.ma(bars.close, period: period, type: column.type) }
                }
            }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel {
        Kernel(fast: cache.pointer(Self.key(fast, type)), slow: cache.pointer(Self.key(slow, type)), settings: settings)
    }

    /// Crossings of two cached moving-average columns.
    @frozen
    public struct Kernel: SignalKernel {
        @usableFromInline let fast: UnsafePointer<Double>
        @usableFromInline let slow: UnsafePointer<Double>
        @usableFromInline let settings: TradeSettings

        @inlinable
        init(fast: UnsafePointer<Double>, slow: UnsafePointer<Double>, settings: TradeSettings) {
            self.fast = fast
            self.slow = slow
            self.settings = settings
        }

        @inlinable
        public func signal(at i: Int) -> SignalFlags {
            guard i > 0 else { return [] }
            return settings.filter(SMACross.cross(fast[i - 1], slow[i - 1], fast[i], slow[i], allowShort: true))
        }
    }
}
