import MarketData
import Indicators

/// Simple-moving-average crossover.
///
/// At the close of bar i: entry long when SMA(fast) crosses above SMA(slow)
/// (fast[i] > slow[i] and fast[i-1] ≤ slow[i-1]); exit when it crosses below (fast[i] < slow[i]
/// and fast[i-1] ≥ slow[i-1]); no signal while any of the four values is undefined. Entries
/// spend `fraction` of equity; an entry while already long and an exit while flat do nothing.
/// With `allow_short` the downward cross also opens a short (and the upward one covers it).
/// Non-zero `stop_loss` / `take_profit` attach a bracket to each entry (fractions of the fill).
public struct SMACross: RegisteredStrategy, VectorizedStrategy {
    public static let descriptor = StrategyDescriptor(
        name: "sma_cross",
        description: "Simple moving average crossover: long when the fast SMA crosses above the slow one, flat (or short) when it crosses below.",
        parameters: [
            ParameterSpec("fast", .int(default: 10, min: 1, max: 1_000), "fast SMA period (bars)"),
            ParameterSpec("slow", .int(default: 50, min: 2, max: 5_000), "slow SMA period (bars); must exceed fast"),
            ParameterSpec("stop_loss", .double(default: 0, min: 0, max: 0.99), "stop-loss distance as a fraction of the entry price (0 = none)"),
            ParameterSpec("take_profit", .double(default: 0, min: 0, max: 100), "take-profit distance as a fraction of the entry price (0 = none)"),
            ParameterSpec("fraction", .double(default: 1, min: 0.000001, max: 1), "fraction of equity spent per entry"),
            ParameterSpec("allow_short", .bool(default: false), "also go short on the downward cross"),
        ],
        engines: [.event, .vectorized])

    public let fast: Int
    public let slow: Int
    public let rules: VectorizedRules
    public let allowShort: Bool

    @usableFromInline var fastSMA: SMA
    @usableFromInline var slowSMA: SMA
    @usableFromInline var previousFast = Double.nan
    @usableFromInline var previousSlow = Double.nan

    public init(fast: Int, slow: Int, stopLoss: Double? = nil, takeProfit: Double? = nil,
                fraction: Double = 1, allowShort: Bool = false) throws(StrategyError) {
        guard fast >= 1, slow > fast else {
            throw .constraint(strategy: "sma_cross", message: "need 1 ≤ fast < slow, got fast \(fast), slow \(slow)")
        }
        self.fast = fast
        self.slow = slow
        self.rules = VectorizedRules(fraction: fraction, stopLoss: stopLoss, takeProfit: takeProfit)
        self.allowShort = allowShort
        do {
            fastSMA = try SMA(period: fast)
            slowSMA = try SMA(period: slow)
        } catch {
            throw .constraint(strategy: "sma_cross", message: error.description)
        }
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        let sl = p.double("stop_loss"), tp = p.double("take_profit")
        try self.init(fast: p.int("fast"), slow: p.int("slow"), stopLoss: sl > 0 ? sl : nil,
                      takeProfit: tp > 0 ? tp : nil, fraction: p.double("fraction"), allowShort: p.bool("allow_short"))
    }

    /// The signal from the SMA values at bars i-1 and i.
    @inlinable
    static func cross(_ pf: Double, _ ps: Double, _ f: Double, _ s: Double, allowShort: Bool) -> SignalFlags {
        if f > s && pf <= ps { return allowShort ? [.entryLong, .exitShort] : .entryLong }
        if f < s && pf >= ps { return allowShort ? [.exitLong, .entryShort] : .exitLong }
        return []
    }

    @usableFromInline var bracket: BracketExits? {
        guard rules.stopLoss != nil || rules.takeProfit != nil else { return nil }
        return BracketExits(takeProfit: rules.takeProfit.map { .fraction($0) }, stopLoss: rules.stopLoss.map { .fraction($0) })
    }

    // MARK: event path

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let close = context.bars.lastClose
        let f = fastSMA.update(close), s = slowSMA.update(close)
        let signal = Self.cross(previousFast, previousSlow, f, s, allowShort: allowShort)
        previousFast = f
        previousSlow = s
        guard !signal.isEmpty else { return }
        SignalOrders.submit(signal, fraction: rules.fraction, bracket: bracket, symbol: context.symbol, &context)
    }

    // MARK: vectorized path

    public static func makeCache(_ bars: BarSeries, for columns: [SMACross]) throws(StrategyError) -> ColumnCache {
        let cache = ColumnCache(count: bars.count)
        bars.close.withUnsafeBufferPointer { close in
            for column in columns {
                for period in [column.fast, column.slow] {
                    cache.insert(period) { TA.smaKernel(close, period: period, into: $0) }
                }
            }
        }
        return cache
    }

    public func kernel(_ cache: ColumnCache) -> Kernel {
        Kernel(cache: cache, fast: cache.pointer(fast), slow: cache.pointer(slow), allowShort: allowShort)
    }

    /// Crossings of two cached SMA columns. Holds the cache, so its pointers stay valid.
    @frozen
    public struct Kernel: SignalKernel {
        @usableFromInline let cache: ColumnCache
        @usableFromInline let fast: UnsafePointer<Double>
        @usableFromInline let slow: UnsafePointer<Double>
        @usableFromInline let allowShort: Bool

        @inlinable
        init(cache: ColumnCache, fast: UnsafePointer<Double>, slow: UnsafePointer<Double>, allowShort: Bool) {
            self.cache = cache
            self.fast = fast
            self.slow = slow
            self.allowShort = allowShort
        }

        @inlinable
        public func signal(at i: Int) -> SignalFlags {
            guard i > 0 else { return [] }
            return SMACross.cross(fast[i - 1], slow[i - 1], fast[i], slow[i], allowShort: allowShort)
        }
    }
}
