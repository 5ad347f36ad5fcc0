/// The price levels of a bracket (`BracketExits`) for one position: the one implementation
/// both engines use, so their stops agree to the last bit.
///
/// Semantics: see `BracketExits`. `floor` is the fixed stop (the tighter of the fraction or
/// price stop and the offset stop), `stop` the live stop level (the floor or the trailing
/// level, whichever is tighter), `take` the take-profit; NaN where there is none.
@frozen
public struct ProtectiveLevels: Sendable, Hashable {
    public var floor: Double
    public var stop: Double
    public var take: Double
    /// Trailing distance as a fraction of the close (NaN: no trailing stop).
    public var trailing: Double
    /// +1 long, −1 short.
    public var direction: Double

    /// No levels at all.
    @inlinable
    public init() {
        floor = .nan; stop = .nan; take = .nan; trailing = .nan; direction = 0
    }

    /// The levels of `bracket` for an entry filled at `entryPrice` in `direction`.
    @inlinable
    public init(_ bracket: BracketExits, entryPrice p: Double, direction d: Double) {
        direction = d
        let fixed = Self.level(bracket.stopLoss, isStop: true, entryPrice: p, direction: d)
        var offset = Double.nan
        if let a = bracket.stopOffset, a > 0, a.isFinite { offset = Self.positive(p - d * a) }
        floor = Self.tighter(fixed, offset, direction: d)
        take = Self.level(bracket.takeProfit, isStop: false, entryPrice: p, direction: d)
        if let f = bracket.trailing, f > 0, f < 1 {
            trailing = f
            stop = Self.tighter(floor, Self.positive(p * (1 - d * f)), direction: d)
        } else {
            trailing = .nan
            stop = floor
        }
    }

    /// Whether the trailing level (not the fixed stop) is the live stop.
    @inlinable
    public var trailingBinds: Bool { Self.trailingBinds(stop: stop, floor: floor, direction: direction) }

    /// The exit reason a fill of the stop reports.
    @inlinable
    public var stopReason: ExitReason { trailingBinds ? .trailingStop : .stopLoss }

    /// Moves the trailing level with the close `c` (only ever towards the price). The formula is
    /// the trailing-stop order's: offset = c × f, level = c − offset (long) or c + offset (short).
    @inlinable
    public mutating func trail(close c: Double) {
        guard !trailing.isNaN else { return }
        let offset = c * trailing
        let level = direction > 0 ? c - offset : c + offset
        if stop.isNaN || (direction > 0 ? level > stop : level < stop) { stop = level }
    }

    /// Whether a trailing level `stop` is strictly tighter than the fixed stop `floor`.
    @inlinable
    public static func trailingBinds(stop: Double, floor: Double, direction: Double) -> Bool {
        guard !stop.isNaN else { return false }
        return floor.isNaN || (direction > 0 ? stop > floor : stop < floor)
    }

    /// A bracket level for an entry filled at `entryPrice` (`direction` +1 long, −1 short):
    /// stop-loss `price × (1 ∓ f)`, take-profit `price × (1 ± f)`, or the given price; NaN where
    /// absent or when the fraction or the level is not a positive finite number.
    @inlinable
    public static func level(_ level: ExitLevel?, isStop: Bool, entryPrice: Double, direction: Double) -> Double {
        switch level {
        case nil: return .nan
        case let .price(p)?: return positive(p)
        case let .fraction(f)?:
            guard f > 0, f.isFinite else { return .nan }
            return positive(entryPrice * (1 + (isStop ? -f : f) * direction))
        }
    }

    /// The tighter (nearer the price: higher for a long's stop) of two stop levels, NaN-aware.
    @inlinable
    public static func tighter(_ a: Double, _ b: Double, direction: Double) -> Double {
        if a.isNaN { return b }
        if b.isNaN { return a }
        return direction > 0 ? max(a, b) : min(a, b)
    }

    @inlinable
    static func positive(_ x: Double) -> Double { x > 0 && x.isFinite ? x : .nan }
}

extension BracketExits {
    /// Distance per unit from a reference `close` to the tightest stop of this bracket (what
    /// fixed-risk sizing risks): `.fraction(f)` → f × close, `.price(p)` → |close − p|, the
    /// offset as given, trailing f → f × close; nil when the bracket has no valid stop.
    @inlinable
    public func stopDistance(close: Double) -> Double? {
        var best = Double.infinity
        switch stopLoss {
        case let .fraction(f)?: if f > 0 && f.isFinite { best = min(best, f * close) }
        case let .price(p)?: if p > 0 && p.isFinite { best = min(best, abs(close - p)) }
        case nil: break
        }
        if let a = stopOffset, a > 0, a.isFinite { best = min(best, a) }
        if let f = trailing, f > 0, f < 1 { best = min(best, f * close) }
        return best.isFinite ? best : nil
    }
}
