/// Whether a fill added liquidity (resting limit: maker) or took it (market, stop: taker).
@frozen
public enum Liquidity: UInt8, Sendable, Hashable, Codable {
    case maker, taker
}

/// One execution, reported to the strategy and kept in the fill log.
public struct Fill: Sendable, Hashable {
    public var orderID: OrderID
    public var symbol: Int
    /// Index of the bar (of `symbol`) during which the fill happened.
    public var bar: Int
    /// Timestamp of that bar's open (epoch ms UTC).
    public var ts: Int64
    public var side: Side
    public var quantity: Double
    /// Execution price including slippage.
    public var price: Double
    /// Fee charged in the quote currency.
    public var fee: Double
    public var liquidity: Liquidity
    /// The exit reason the order carries (used if the fill closes a trade).
    public var reason: ExitReason

    public init(orderID: OrderID, symbol: Int, bar: Int, ts: Int64, side: Side, quantity: Double,
                price: Double, fee: Double, liquidity: Liquidity, reason: ExitReason) {
        self.orderID = orderID
        self.symbol = symbol
        self.bar = bar
        self.ts = ts
        self.side = side
        self.quantity = quantity
        self.price = price
        self.fee = fee
        self.liquidity = liquidity
        self.reason = reason
    }
}

/// Why an order was not accepted or could not fill. A value, never a crash.
@frozen
public enum RejectReason: UInt8, Sendable, Hashable, Codable, CustomStringConvertible {
    case insufficientCash, insufficientMargin, belowMinimumNotional, zeroQuantity
    case nothingToClose, unknownSymbol, invalidPrice, unknownOrder
    /// The order reached the engine before the run's trading start (`OrderTiming`): the bars
    /// before it only warm indicators up (walk-forward and Monte Carlo windows).
    case beforeTradingStart

    public var description: String {
        switch self {
        case .insufficientCash: return "insufficient cash"
        case .insufficientMargin: return "insufficient margin"
        case .belowMinimumNotional: return "below minimum notional"
        case .zeroQuantity: return "zero quantity after lot rounding"
        case .nothingToClose: return "no position to close"
        case .unknownSymbol: return "unknown symbol"
        case .invalidPrice: return "invalid price"
        case .unknownOrder: return "unknown or finished order"
        case .beforeTradingStart: return "before the trading start (warm-up bars)"
        }
    }
}

/// The life-cycle states an order reports.
@frozen
public enum OrderStatus: Sendable, Hashable {
    case accepted
    case partiallyFilled(remaining: Double)
    case filled
    case cancelled
    /// Time in force ran out (IOC/FOK remainder, good-for-N-bars).
    case expired
    case rejected(RejectReason)
    /// A replace was applied.
    case replaced
    /// A stop-limit's stop triggered; it now rests as a limit.
    case triggered
}

/// A change in an order's state, reported to the strategy.
public struct OrderUpdate: Sendable, Hashable {
    public var orderID: OrderID
    public var symbol: Int
    public var bar: Int
    public var status: OrderStatus

    public init(orderID: OrderID, symbol: Int, bar: Int, status: OrderStatus) {
        self.orderID = orderID
        self.symbol = symbol
        self.bar = bar
        self.status = status
    }
}
