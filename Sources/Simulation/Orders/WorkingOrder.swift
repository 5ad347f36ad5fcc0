import Strategies

/// An accepted order while it works in the event engine.
@usableFromInline
struct WorkingOrder {
    @usableFromInline var id: OrderID
    @usableFromInline var symbol: Int
    @usableFromInline var side: Side
    @usableFromInline var kind: OrderKind
    @usableFromInline var timeInForce: TimeInForce
    @usableFromInline var ocoGroup: Int?
    @usableFromInline var reason: ExitReason
    @usableFromInline var bracket: BracketExits?
    /// Resolved at the first fill for price-dependent sizes; the remainder after partial fills.
    @usableFromInline var size: OrderSize
    /// First bar (of `symbol`) on which the order may fill.
    @usableFromInline var liveFrom: Int
    /// On bar `liveFrom`, only touches at this intrabar rank or later count (bracket exits live
    /// from their entry's fill; a stop-limit's limit from its trigger).
    @usableFromInline var minRank: Int
    /// Live bars completed (time in force).
    @usableFromInline var liveBars = 0
    /// Stop-limit: the stop has triggered and the order rests as a limit.
    @usableFromInline var triggered = false
    /// Trailing stop: the current trigger level.
    @usableFromInline var trailLevel = Double.nan
    /// Bracket exit: the entry it protects (reduce-only; cancelled when the position closes).
    @usableFromInline var parent: OrderID?
    /// Bracket trailing stop: the fixed stop level it was combined with (NaN: none), which
    /// decides the exit reason of its fill (`ProtectiveLevels`).
    @usableFromInline var floorLevel = Double.nan
    /// Last bar on which the order filled or was found unable to fill (one attempt per bar).
    @usableFromInline var doneBar = -1

    @usableFromInline
    init(id: OrderID, request: OrderRequest, liveFrom: Int) {
        self.id = id
        self.symbol = request.symbol
        self.side = request.side
        self.kind = request.kind
        self.timeInForce = request.timeInForce
        self.ocoGroup = request.ocoGroup
        self.reason = request.exitReason
        self.bracket = request.bracket
        self.size = request.size
        self.liveFrom = liveFrom
        self.minRank = 0
    }

    /// The exit reason a fill of this order reports: a bracket's combined stop reports
    /// `trailing_stop` only while its trailing level binds.
    @usableFromInline var fillReason: ExitReason {
        guard parent != nil, case .trailingStop = kind else { return reason }
        return ProtectiveLevels.trailingBinds(stop: trailLevel, floor: floorLevel, direction: side == .sell ? 1 : -1) ? .trailingStop : .stopLoss
    }

    @usableFromInline var isMarket: Bool { if case .market = kind { return true } else { return false } }

    /// The trigger direction and level this order waits for (nil for market orders).
    @usableFromInline
    var pendingTrigger: (trigger: Trigger, level: Double, isStop: Bool)? {
        switch kind {
        case .market: return nil
        case let .limit(price): return (Trigger.of(side: side, isStop: false), price, false)
        case let .stop(trigger): return (Trigger.of(side: side, isStop: true), trigger, true)
        case let .stopLimit(trigger, limit):
            return triggered ? (Trigger.of(side: side, isStop: false), limit, false) : (Trigger.of(side: side, isStop: true), trigger, true)
        case .trailingStop: return (Trigger.of(side: side, isStop: true), trailLevel, true)
        }
    }

    /// Moves a trailing stop's level with a new close (only ever towards the price).
    @usableFromInline
    mutating func trail(close: Double) {
        guard case let .trailingStop(distance) = kind else { return }
        let offset: Double
        switch distance {
        case let .amount(a): offset = a
        case let .percent(p): offset = close * p
        }
        let level = side == .sell ? close - offset : close + offset
        if trailLevel.isNaN || (side == .sell ? level > trailLevel : level < trailLevel) { trailLevel = level }
    }
}
