/// How the engines order events inside one bar when several orders (or a stop-loss and a
/// take-profit) could have filled.
///
/// Semantics (docs/ARCHITECTURE.md):
/// - `worstCase` (default): the extreme adverse to the position held after the open's fills is
///   visited first: lows first when long, highs first when short; flat follows `ohlc`.
/// - `ohlc`: O→L→H→C on up bars (close ≥ open), O→H→L→C on down bars.
/// - `subBars`: replay the finer bars of the same symbol inside the bar (e.g. 1m under 1h), each
///   with the `worstCase` rule; a bar with no finer data falls back to `worstCase`.
/// Every result records the rule used.
@frozen
public enum IntrabarPath: String, Sendable, Hashable, CaseIterable, Codable {
    case worstCase = "worst_case"
    case ohlc
    case subBars = "sub_bars"

    /// Whether the low comes before the high in a bar with this open and close, for a position
    /// of sign `positionSign` (+1 long, -1 short, 0 flat).
    @inlinable
    public func lowFirst(open: Double, close: Double, positionSign: Double) -> Bool {
        if self != .ohlc {
            if positionSign > 0 { return true }
            if positionSign < 0 { return false }
        }
        return close >= open
    }
}

/// Which way price must move to set a resting order off.
@frozen
public enum Trigger: Sendable, Hashable {
    /// Price at or below the level: buy limits, sell stops (stop-loss of a long).
    case atOrBelow
    /// Price at or above the level: sell limits (take-profit of a long), buy stops.
    case atOrAbove

    /// The trigger direction of a limit (`isStop == false`) or stop order on `side`.
    @inlinable
    public static func of(side: Side, isStop: Bool) -> Trigger {
        (side == .buy) != isStop ? .atOrBelow : .atOrAbove
    }
}

import Strategies

/// When and at what price a level is reached inside a bar: `rank` orders touches along the
/// intrabar path (0 = the open, then the first and the second extreme; sub-bar k adds 3·(k+1)).
@frozen
public struct Touch: Sendable, Hashable, Comparable {
    public var rank: Int
    public var price: Double

    @inlinable public init(rank: Int, price: Double) { self.rank = rank; self.price = price }

    @inlinable public static func < (a: Touch, b: Touch) -> Bool { a.rank < b.rank }

    /// The one fill-price rule for limits and stops against a bar (docs/ARCHITECTURE.md):
    /// at or below L: open ≤ L → the open (a gap); else low ≤ L → L; mirrored for at or above.
    @inlinable
    public static func find(_ trigger: Trigger, level: Double, open: Double, high: Double, low: Double, lowFirst: Bool) -> Touch? {
        switch trigger {
        case .atOrBelow:
            if open <= level { return Touch(rank: 0, price: open) }
            if low <= level { return Touch(rank: lowFirst ? 1 : 2, price: level) }
        case .atOrAbove:
            if open >= level { return Touch(rank: 0, price: open) }
            if high >= level { return Touch(rank: lowFirst ? 2 : 1, price: level) }
        }
        return nil
    }
}
