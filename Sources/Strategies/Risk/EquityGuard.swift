/// The state machine of the drawdown breaker and the daily loss limit (semantics in
/// `RiskManaged`), shared by `RiskManaged` and the vectorized engine so both trip, halt and
/// resume at the same bars. One `check` per bar close, with the equity marked at that close.
@frozen
public struct EquityGuard: Sendable, Hashable {
    @usableFromInline var peak = -Double.infinity
    @usableFromInline var lastEquity = Double.nan
    @usableFromInline var day = Int64.min
    @usableFromInline var dayStart = Double.nan
    @usableFromInline var lastTs = Int64.min
    @usableFromInline var haltLeft = 0
    @usableFromInline var breakerTripped = false
    @usableFromInline var dailyHalt = false

    @inlinable public init() {}

    /// What one check did (NaN: did not happen), in the order the events are recorded.
    @frozen
    public struct Firings: Sendable, Hashable {
        /// The drawdown halt ended; the equity the peak restarts at.
        public var drawdownResumed = Double.nan
        /// A new UTC day ended the daily halt; the day's starting equity.
        public var dailyResumed = Double.nan
        /// The breaker tripped at this drawdown.
        public var drawdownTripped = Double.nan
        /// The daily limit tripped at this loss.
        public var dailyTripped = Double.nan

        @inlinable public init() {}
        /// Whether the positions must be flattened.
        @inlinable public var flatten: Bool { !drawdownTripped.isNaN || !dailyTripped.isNaN }
        /// Whether anything happened.
        @inlinable public var any: Bool { flatten || !drawdownResumed.isNaN || !dailyResumed.isNaN }

        /// Hands each event to `record` (rule, action, symbol, value, limit) in firing order.
        @inlinable
        public func record(_ limits: RiskLimits, symbol: Int,
                           _ record: (RiskRule, RiskAction, Int, Double, Double) -> Void) {
            if !drawdownResumed.isNaN { record(.maxDrawdown, .resumed, symbol, drawdownResumed, Double(limits.haltBars)) }
            if !dailyResumed.isNaN { record(.dailyLoss, .resumed, symbol, dailyResumed, limits.maxDailyLoss ?? 0) }
            if !drawdownTripped.isNaN { record(.maxDrawdown, .flattened, symbol, drawdownTripped, limits.maxDrawdown ?? 0) }
            if !dailyTripped.isNaN { record(.dailyLoss, .flattened, symbol, dailyTripped, limits.maxDailyLoss ?? 0) }
        }
    }

    /// Whether entries are refused now.
    @inlinable public var isHalted: Bool { breakerTripped || dailyHalt }
    /// The rule that halts entries (the breaker first).
    @inlinable public var haltedBy: RiskRule { breakerTripped ? .maxDrawdown : .dailyLoss }

    /// Whether checks with this unchanged `equity` at later bars would record nothing and change
    /// nothing but the day (equity as last seen; no daily halt and no drawdown halt counting down
    /// — a breaker halted for the rest of the run stays so): a flat stretch may skip them.
    @inlinable
    public func isQuiet(at equity: Double, _ limits: RiskLimits) -> Bool {
        !dailyHalt && (!breakerTripped || limits.haltBars == 0) && lastEquity == equity
    }

    /// The UTC day number of a timestamp (floor division, so times before 1970 work too).
    @inlinable
    public static func utcDay(_ ts: Int64) -> Int64 { ts >= 0 ? ts / 86_400_000 : (ts - 86_399_999) / 86_400_000 }

    /// The check at the close of the bar opening at `ts`, with equity `equity` marked there.
    @inlinable
    public mutating func check(_ limits: RiskLimits, ts: Int64, equity: Double) -> Firings {
        var f = Firings()
        if ts != lastTs {
            if lastTs != Int64.min && breakerTripped && limits.haltBars > 0 {
                haltLeft -= 1
                if haltLeft == 0 {
                    breakerTripped = false
                    peak = equity
                    f.drawdownResumed = equity
                }
            }
            lastTs = ts
        }
        let today = Self.utcDay(ts)
        if today != day {
            day = today
            dayStart = lastEquity.isNaN ? equity : lastEquity
            if dailyHalt {
                dailyHalt = false
                f.dailyResumed = dayStart
            }
        }
        lastEquity = equity
        peak = max(peak, equity)
        if let limit = limits.maxDrawdown, !breakerTripped, equity <= peak * (1 - limit) {
            breakerTripped = true
            haltLeft = limits.haltBars
            f.drawdownTripped = 1 - equity / peak
        }
        if let limit = limits.maxDailyLoss, !dailyHalt, equity <= dayStart * (1 - limit) {
            dailyHalt = true
            f.dailyTripped = 1 - equity / dayStart
        }
        return f
    }
}
