import MarketData
import Indicators

/// Spike detection: trade price jumps of more than k standard deviations, then hold for a while.
///
/// At the close of bar i: r = ln(close[i] ÷ close[i-1]); σ = population standard deviation of
/// the `window` log returns up to bar i-1 (the jump itself never widens its own yardstick).
/// A spike is |r| > k·σ outside the cooldown. On a spike the direction d = sign(r) (`follow`) or
/// −sign(r) (`fade`) gives entry long (d > 0, with exit short) or entry short (d < 0, with exit
/// long); then spikes are ignored for `cooldown` bars. `hold` bars after the last spike both
/// directions exit (a time exit), unless a new spike fires on that bar.
public struct SpikeDetection: RegisteredStrategy, VectorizedStrategy, SignalRule {
    public static let descriptor = StrategyDescriptor(
        name: "spike",
        description: "Spike detection: on a close-to-close jump beyond k sigma, follow or fade it, hold for N bars, with a cooldown between spikes.",
        parameters: [
            ParameterSpec("window", .int(default: 48, min: 2, max: 10_000), "bars in the volatility estimate"),
            ParameterSpec("k", .double(default: 4, min: 0.5, max: 50), "spike threshold in standard deviations"),
            ParameterSpec("cooldown", .int(default: 24, min: 0, max: 10_000), "bars after a spike during which new spikes are ignored"),
            ParameterSpec("hold", .int(default: 24, min: 1, max: 10_000), "bars after the last spike at which the position exits"),
            ParameterSpec("mode", .choice(default: "fade", choices: ["fade", "follow"]), "trade against the jump or with it"),
        ] + TradeSettings.parameters(),
        engines: [.event, .vectorized])

    /// The parameters, as declared in `descriptor`.
    public let window, cooldown, hold: Int
    public let k: Double
    public let follow: Bool
    public let settings: TradeSettings
    public var rules: VectorizedRules { settings.rules }
    @usableFromInline var returns: Momentum
    @usableFromInline var sigma: StdDev
    @usableFromInline var state: Rule

    /// Builds the strategy; an invalid combination throws `StrategyError.constraint`.
    public init(window: Int, k: Double, cooldown: Int, hold: Int, follow: Bool, settings: TradeSettings = TradeSettings()) throws(StrategyError) {
        self.window = window
        self.k = k
        self.cooldown = cooldown
        self.hold = hold
        self.follow = follow
        self.settings = settings
        (returns, sigma) = try withIndicators("spike") { () throws(IndicatorError) in
            (try Momentum(period: 1, kind: .logReturn), try StdDev(period: window))
        }
        state = Rule(k: k, cooldown: cooldown, hold: hold, follow: follow)
    }

    public init(parameters p: ParameterSet) throws(StrategyError) {
        try self.init(window: p.int("window"), k: p.double("k"), cooldown: p.int("cooldown"), hold: p.int("hold"),
                      follow: p.choice("mode") == "follow", settings: TradeSettings(parameters: p))
    }

    /// The spike state machine shared by both paths (its state depends on returns only, never on
    /// fills, so the vectorized path can run it ahead over whole columns).
    @frozen
    public struct Rule: Sendable, Hashable {
        @usableFromInline let k: Double
        @usableFromInline let cooldown, hold: Int
        @usableFromInline let follow: Bool
        @usableFromInline var cooldownLeft = 0
        @usableFromInline var sinceSpike = -1
        @usableFromInline var previousSigma = Double.nan

        @inlinable
        init(k: Double, cooldown: Int, hold: Int, follow: Bool) {
            self.k = k; self.cooldown = cooldown; self.hold = hold; self.follow = follow
        }

        /// Advances one bar with its log return `r` and the σ including it.
        @inlinable
        public mutating func step(_ r: Double, sigma: Double) -> SignalFlags {
            let yardstick = previousSigma
            previousSigma = sigma
            var flags: SignalFlags = []
            if sinceSpike >= 0 {
                sinceSpike += 1
                if sinceSpike >= hold { flags = [.exitLong, .exitShort]; sinceSpike = -1 }
            }
            if cooldownLeft > 0 {
                cooldownLeft -= 1
            } else if yardstick > 0, abs(r) > k * yardstick {
                let up = (r > 0) == follow
                flags = up ? [.entryLong, .exitShort] : [.entryShort, .exitLong]
                cooldownLeft = cooldown
                sinceSpike = 0
            }
            return flags
        }
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        settings.submit(nextSignal(context.bars), &context)
    }

    @inlinable
    public mutating func nextSignal(_ bars: BarWindow) -> SignalFlags {
        let r = returns.update(bars.lastClose)
        let s = sigma.update(r)
        return settings.filter(state.step(r, sigma: s))
    }

    static func key(_ c: SpikeDetection) -> ColumnKey { ColumnKey("SPIKE", [c.window, c.cooldown, c.hold, c.follow ? 1 : 0], [c.k]) }

    /// Caches, per distinct parameter set, the signal flags of the whole series (computed from the
    /// shared return and σ columns by the same `Rule`).
    public static func makeCache(_ bars: BarSeries, for columns: [SpikeDetection]) throws(StrategyError) -> IndicatorColumns {
        let cache = IndicatorColumns(count: bars.count)
        try withIndicators("spike") { () throws(IndicatorError) in
            let r = try TA.logReturns(bars.close)
            for c in columns where !cache.contains(key(c)) {
                let sigmaKey = ColumnKey("STDDEV_LOGRET", [c.window])
                try cache.insert(sigmaKey) { () throws(IndicatorError) in try TA.stddev(r, period: c.window) }
                let sigma = cache.pointer(sigmaKey)
                var rule = Rule(k: c.k, cooldown: c.cooldown, hold: c.hold, follow: c.follow)
                cache.insert(key(c)) { r.indices.map { Double(rule.step(r[$0], sigma: sigma[$0]).rawValue) } }
            }
        }
        return cache
    }

    public func kernel(_ cache: IndicatorColumns) -> Kernel { Kernel(flags: cache.pointer(Self.key(self)), settings: settings) }

    /// Reads the precomputed flags column.
    public struct Kernel: SignalKernel {
        @usableFromInline let flags: UnsafePointer<Double>
        @usableFromInline let settings: TradeSettings
        @inlinable init(flags: UnsafePointer<Double>, settings: TradeSettings) { self.flags = flags; self.settings = settings }
        @inlinable public func signal(at i: Int) -> SignalFlags { settings.filter(SignalFlags(rawValue: UInt8(flags[i]))) }
    }
}
