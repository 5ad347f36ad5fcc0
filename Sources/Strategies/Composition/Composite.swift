import MarketData
import Indicators

/// Signal composition as a strategy: five indicator members vote, a `SignalCombiner` combines.
///
/// Votes at the close c of bar i (NaN while the member's indicator is undefined):
/// - `ma`: +1 if EMA(ma_fast) > EMA(ma_slow), −1 if below, 0 if equal (trend);
/// - `rsi`: +1 if RSI(rsi_period) < 30, −1 if > 70, else 0 (mean reversion);
/// - `macd`: sign of the MACD(12, 26, 9) histogram (trend);
/// - `momentum`: sign of the `momentum_lookback`-bar return (trend);
/// - `bollinger`: +1 if c < lower band, −1 if c > upper band (20, 2σ), else 0 (mean reversion).
/// The weights `w_ma` … `w_bollinger` (0 = member left out) and `mode` (weighted, majority,
/// unanimous) give the score; `entry_threshold` / `exit_threshold` turn it into entries and exits
/// (see `SignalCombiner`). Shorts only with `allow_short`.
public struct Composite: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let members = ["ma", "rsi", "macd", "momentum", "bollinger"]

    public static let descriptor = StrategyDescriptor(
        name: "composite",
        description: "Signal composition: EMA trend, RSI, MACD, momentum and Bollinger votes combined by weighted average, majority or unanimity with entry/exit thresholds.",
        parameters: [
            ParameterSpec("mode", .choice(default: "weighted", choices: CombineMode.allCases.map(\.rawValue)), "how the votes combine"),
            ParameterSpec("w_ma", .double(default: 1, min: 0, max: 10), "weight of the EMA-trend vote (0 = left out)"),
            ParameterSpec("w_rsi", .double(default: 0, min: 0, max: 10), "weight of the RSI vote"),
            ParameterSpec("w_macd", .double(default: 1, min: 0, max: 10), "weight of the MACD vote"),
            ParameterSpec("w_momentum", .double(default: 1, min: 0, max: 10), "weight of the momentum vote"),
            ParameterSpec("w_bollinger", .double(default: 0, min: 0, max: 10), "weight of the Bollinger vote"),
            ParameterSpec("entry_threshold", .double(default: 0.6, min: 0.01, max: 1), "score at or above which to enter long (short: at or below minus it)"),
            ParameterSpec("exit_threshold", .double(default: 0, min: -1, max: 0.99), "score at or below which to exit long (short: at or above minus it)"),
            ParameterSpec("ma_fast", .int(default: 12, min: 1, max: 1_000), "fast EMA period"),
            ParameterSpec("ma_slow", .int(default: 48, min: 2, max: 5_000), "slow EMA period; must exceed ma_fast"),
            ParameterSpec("rsi_period", .int(default: 14, min: 2, max: 500), "RSI period"),
            ParameterSpec("momentum_lookback", .int(default: 72, min: 1, max: 10_000), "momentum lookback (bars)"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    public let combiner: SignalCombiner
    public let maFast, maSlow, rsiPeriod, lookback: Int
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var fastEMA: EMA
    @usableFromInline var slowEMA: EMA
    @usableFromInline var rsi: RSI
    @usableFromInline var macd: MACD
    @usableFromInline var momentum: Momentum
    @usableFromInline var bands: BBANDS

    public init(combiner: SignalCombiner, maFast: Int = 12, maSlow: Int = 48, rsiPeriod: Int = 14, lookback: Int = 72,
                settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        guard maSlow > maFast else { throw .constraint(strategy: "composite", message: "need ma_fast < ma_slow, got \(maFast), \(maSlow)") }
        self.combiner = combiner
        self.maFast = maFast; self.maSlow = maSlow; self.rsiPeriod = rsiPeriod; self.lookback = lookback
        self.settings = settings
        (fastEMA, slowEMA, rsi, macd, momentum, bands) = try withIndicators("composite") { () throws(IndicatorError) in
            (try EMA(period: maFast), try EMA(period: maSlow), try RSI(period: rsiPeriod), try MACD(fast: 12, slow: 26, signal: 9),
             try Momentum(period: lookback, kind: .percent), try BBANDS(period: 20, devUp: 2, devDown: 2))
        }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        let combiner = try SignalCombiner(mode: CombineMode(rawValue: p.choice("mode"))!,
                                          weights: Self.members.map { p.double("w_" + $0) },
                                          entry: p.double("entry_threshold"), exit: p.double("exit_threshold"))
        try self.init(combiner: combiner, maFast: p.int("ma_fast"), maSlow: p.int("ma_slow"), rsiPeriod: p.int("rsi_period"),
                      lookback: p.int("momentum_lookback"), settings: TradeSettings(parameters: p))
    }

    /// The members' votes from their indicator values at one bar.
    @inlinable
    static func votes(fast: Double, slow: Double, rsi: Double, histogram: Double, roc: Double,
                      close: Double, upper: Double, lower: Double) -> SIMD8<Double> {
        @inline(__always) func sign(_ x: Double) -> Double { x.isNaN ? .nan : (x > 0 ? 1 : (x < 0 ? -1 : 0)) }
        var v = SIMD8<Double>(repeating: 0)
        v[0] = sign(fast - slow)
        v[1] = rsi.isNaN ? .nan : (rsi < 30 ? 1 : (rsi > 70 ? -1 : 0))
        v[2] = sign(histogram)
        v[3] = sign(roc)
        v[4] = upper.isNaN ? .nan : (close < lower ? 1 : (close > upper ? -1 : 0))
        return v
    }

    @inlinable
    func signal(_ votes: SIMD8<Double>) -> SignalFlags { settings.filter(combiner.signal(combiner.score(votes))) }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        let c = bars.lastClose
        let b = bands.update(c)
        return signal(Self.votes(fast: fastEMA.update(c), slow: slowEMA.update(c), rsi: rsi.update(c), histogram: macd.update(c).histogram,
                                 roc: momentum.update(c), close: c, upper: b.upper, lower: b.lower))
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    public static func makeCache(_ bars: BarSeries, for columns: [Composite]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        let x = bars.close
        cache.insertClose(bars)
        try withIndicators("composite") { () throws(IndicatorError) in
            if !cache.contains(ColumnKey("MACDHIST")) {
                let m = try TA.macd(x, fast: 12, slow: 26, signal: 9)
                cache.insert(ColumnKey("MACDHIST")) { m.histogram }
                let b = try TA.bbands(x, period: 20, devUp: 2, devDown: 2)
                cache.insert(ColumnKey("BBUPPER")) { b.upper }
                cache.insert(ColumnKey("BBLOWER")) { b.lower }
            }
            for c in columns {
                for p in [c.maFast, c.maSlow] { try cache.insert(ColumnKey("EMA", [p])) { () throws(IndicatorError) in try TA.ema(x, period: p) } }
                try cache.insert(ColumnKey("RSI", [c.rsiPeriod])) { () throws(IndicatorError) in try TA.rsi(x, period: c.rsiPeriod) }
                try cache.insert(ColumnKey("ROC", [c.lookback])) { () throws(IndicatorError) in try TA.roc(x, period: c.lookback) }
            }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel {
        Kernel(fast: cache.pointer(ColumnKey("EMA", [maFast])), slow: cache.pointer(ColumnKey("EMA", [maSlow])),
               rsi: cache.pointer(ColumnKey("RSI", [rsiPeriod])), histogram: cache.pointer(ColumnKey("MACDHIST")),
               roc: cache.pointer(ColumnKey("ROC", [lookback])), close: cache.pointer(.close),
               upper: cache.pointer(ColumnKey("BBUPPER")), lower: cache.pointer(ColumnKey("BBLOWER")), rule: self)
    }

    /// Votes from cached columns, combined.
    public struct Kernel: SignalKernel {
        @usableFromInline let fast, slow, rsi, histogram, roc, close, upper, lower: UnsafePointer<Double>
        @usableFromInline let rule: Composite
        @inlinable init(fast: UnsafePointer<Double>, slow: UnsafePointer<Double>, rsi: UnsafePointer<Double>, histogram: UnsafePointer<Double>,
                        roc: UnsafePointer<Double>, close: UnsafePointer<Double>, upper: UnsafePointer<Double>, lower: UnsafePointer<Double>,
                        rule: Composite) {
            self.fast = fast; self.slow = slow; self.rsi = rsi; self.histogram = histogram
            self.roc = roc; self.close = close; self.upper = upper; self.lower = lower; self.rule = rule
        }
        @inlinable public func signal(at i: Int) -> SignalFlags {
            rule.signal(Composite.votes(fast: fast[i], slow: slow[i], rsi: rsi[i], histogram: histogram[i], roc: roc[i],
                                        close: close[i], upper: upper[i], lower: lower[i]))
        }
    }
}
