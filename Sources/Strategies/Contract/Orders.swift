/// Which way an order trades.
@frozen
public enum Side: UInt8, Sendable, Hashable, Codable {
    case buy, sell

    /// +1 for buys, -1 for sells.
    @inlinable public var sign: Double { self == .buy ? 1 : -1 }
    /// The other side.
    @inlinable public var opposite: Side { self == .buy ? .sell : .buy }
}

/// Identifies an order within one run; assigned by `StrategyContext.submit` in submission order.
public typealias OrderID = Int

/// Distance of a trailing stop from the best close seen since the order went live.
@frozen
public enum TrailDistance: Sendable, Hashable {
    /// A fixed distance in quote currency.
    case amount(Double)
    /// A fraction of the reference close (0.02 = 2 %).
    case percent(Double)
}

/// The closed set of order types (an enum, dispatched with `switch`).
///
/// Semantics (docs/ARCHITECTURE.md): every order is live from the bar after the one whose close
/// produced it. Market orders fill at that bar's open (or at the signal bar's close when the
/// run opts into `fill: close`). Limit and stop prices are checked against each bar's OHLC with
/// gap handling; a trailing stop's level moves only at bar closes.
@frozen
public enum OrderKind: Sendable, Hashable {
    case market
    /// Buy at `price` or lower / sell at `price` or higher.
    case limit(price: Double)
    /// Becomes a market order when price trades through `trigger` (buy: at or above).
    case stop(trigger: Double)
    /// Triggers like a stop, then rests as a limit at `limit`.
    case stopLimit(trigger: Double, limit: Double)
    /// A stop whose trigger follows the close at `distance` (sells trail below, buys above).
    case trailingStop(distance: TrailDistance)
}

/// How long an order works.
@frozen
public enum TimeInForce: Sendable, Hashable {
    /// Good till cancelled.
    case gtc
    /// Immediate or cancel: whatever cannot fill on the first live bar is cancelled.
    case ioc
    /// Fill or kill: fills completely on the first live bar or is cancelled without a fill.
    case fok
    /// Works for at most `n` live bars, then expires.
    case goodForBars(Int)
}

/// How much an order trades. Sizes that depend on prices resolve at fill time, against the
/// fill price, so a strategy deciding at a close never needs the next open.
@frozen
public enum OrderSize: Sendable, Hashable {
    /// An absolute quantity of the base asset (rounded down to the lot size).
    case quantity(Double)
    /// Spend `fraction` of equity (times leverage) including the fee: quantity =
    /// budget ÷ (price × (1 + fee rate)), rounded down to the lot size.
    case equityFraction(Double)
    /// Exactly the open position of the symbol (a sell for longs, a buy for shorts); the side
    /// given with the order is ignored. Nothing to close means the order is rejected.
    case closePosition
}

/// A protective exit level attached to an entry.
@frozen
public enum ExitLevel: Sendable, Hashable {
    /// An absolute price.
    case price(Double)
    /// A fraction of the entry's fill price (stop-loss 0.05 on a long = 5 % below the fill).
    case fraction(Double)
}

/// The exits of a bracket order: a take-profit limit and a stop-loss stop, one-cancels-other,
/// live from the bar whose open (or intrabar touch) filled the entry.
public struct BracketExits: Sendable, Hashable {
    public var takeProfit: ExitLevel?
    public var stopLoss: ExitLevel?

    public init(takeProfit: ExitLevel? = nil, stopLoss: ExitLevel? = nil) {
        self.takeProfit = takeProfit
        self.stopLoss = stopLoss
    }
}

/// Why a trade (or a fill) closed a position; reported in the trade log.
@frozen
public enum ExitReason: UInt8, Sendable, Hashable, Codable, CustomStringConvertible {
    case signal, stopLoss, takeProfit, stop, limit, trailingStop, liquidation

    public var description: String {
        switch self {
        case .signal: return "signal"
        case .stopLoss: return "stop_loss"
        case .takeProfit: return "take_profit"
        case .stop: return "stop"
        case .limit: return "limit"
        case .trailingStop: return "trailing_stop"
        case .liquidation: return "liquidation"
        }
    }
}

/// An order a strategy asks for.
public struct OrderRequest: Sendable, Hashable {
    /// Index of the symbol in the run's data list (0 for single-symbol runs).
    public var symbol: Int
    public var side: Side
    public var size: OrderSize
    public var kind: OrderKind
    public var timeInForce: TimeInForce
    /// Optional take-profit / stop-loss exits created when this order fills.
    public var bracket: BracketExits?
    /// Orders sharing a non-nil group (use non-negative numbers; the engine numbers bracket
    /// exits with negative ones) are one-cancels-other: the first complete fill cancels the rest.
    public var ocoGroup: Int?
    /// Reported as the trade's exit reason when this order closes a position.
    public var exitReason: ExitReason

    public init(symbol: Int = 0, side: Side, size: OrderSize, kind: OrderKind = .market,
                timeInForce: TimeInForce = .gtc, bracket: BracketExits? = nil, ocoGroup: Int? = nil,
                exitReason: ExitReason? = nil) {
        self.symbol = symbol
        self.side = side
        self.size = size
        self.kind = kind
        self.timeInForce = timeInForce
        self.bracket = bracket
        self.ocoGroup = ocoGroup
        self.exitReason = exitReason ?? OrderRequest.defaultReason(kind)
    }

    @inlinable
    static func defaultReason(_ kind: OrderKind) -> ExitReason {
        switch kind {
        case .market: return .signal
        case .limit: return .limit
        case .stop, .stopLimit: return .stop
        case .trailingStop: return .trailingStop
        }
    }

    /// A market order.
    public static func market(_ side: Side, _ size: OrderSize, symbol: Int = 0, bracket: BracketExits? = nil) -> OrderRequest {
        OrderRequest(symbol: symbol, side: side, size: size, kind: .market, bracket: bracket)
    }
}

/// What a strategy can do to orders: submit, cancel, or replace price / quantity of a working one.
@frozen
public enum OrderCommand: Sendable, Hashable {
    case submit(OrderID, OrderRequest)
    case cancel(OrderID)
    /// New limit/trigger price and/or quantity for a working order (nil keeps the old value).
    /// For stop-limit orders `price` replaces the limit.
    case replace(OrderID, price: Double?, quantity: Double?)
}
