import Strategies

/// One round trip: from a flat position to a position and back to flat (or reversed).
public struct Trade: Sendable, Hashable {
    public var symbol: Int
    /// +1 long, -1 short.
    public var direction: Double
    public var entryBar: Int
    public var entryTs: Int64
    /// Average entry price (quantity-weighted over entry fills).
    public var entryPrice: Double
    /// Largest quantity held (absolute).
    public var quantity: Double
    public var entryFees: Double
    /// nil while the trade is open.
    public var exitBar: Int?
    public var exitTs: Int64?
    /// Average exit price (quantity-weighted over exit fills).
    public var exitPrice: Double?
    public var exitFees: Double
    /// Price pnl minus all fees (funding and borrow excluded; they are in equity).
    public var pnl: Double
    public var exitReason: ExitReason?

    /// Total fees of the trade.
    @inlinable public var fees: Double { entryFees + exitFees }

    @inlinable
    public init(symbol: Int, direction: Double, entryBar: Int, entryTs: Int64, entryPrice: Double, quantity: Double,
                entryFees: Double, exitBar: Int? = nil, exitTs: Int64? = nil, exitPrice: Double? = nil,
                exitFees: Double = 0, pnl: Double = 0, exitReason: ExitReason? = nil) {
        self.symbol = symbol; self.direction = direction; self.entryBar = entryBar; self.entryTs = entryTs
        self.entryPrice = entryPrice; self.quantity = quantity; self.entryFees = entryFees; self.exitBar = exitBar
        self.exitTs = exitTs; self.exitPrice = exitPrice; self.exitFees = exitFees; self.pnl = pnl; self.exitReason = exitReason
    }
    @inlinable public var isOpen: Bool { exitBar == nil }
}

/// Builds trades from fills: one implementation used by both engines.
@frozen
public struct TradeBuilder: Sendable {
    public var position = 0.0
    @usableFromInline var open: Trade?
    @usableFromInline var entryNotional = 0.0
    @usableFromInline var exitQuantity = 0.0
    @usableFromInline var exitNotional = 0.0
    @usableFromInline var pricePnl = 0.0

    public init() {}

    /// Applies one fill; returns the trade it closed, if any. A fill larger than the position
    /// closes it and opens the opposite one with the rest (fees split pro rata).
    @inlinable
    public mutating func apply(symbol: Int, bar: Int, ts: Int64, side: Side, quantity: Double, price: Double,
                               fee: Double, reason: ExitReason, closed: (Trade) -> Void) {
        var remaining = quantity
        var remainingFee = fee
        if position != 0 && (position > 0) != (side == .buy) {
            let reduce = min(remaining, abs(position))
            let feePart = reduce == remaining ? remainingFee : fee * reduce / quantity
            var t = open!
            exitQuantity += reduce
            exitNotional += reduce * price
            pricePnl += reduce * (price - t.entryPrice) * t.direction
            t.exitFees += feePart
            position += side.sign * reduce
            remaining -= reduce
            remainingFee -= feePart
            if abs(position) <= abs(t.quantity) * 1e-12 {
                position = 0
                t.exitBar = bar
                t.exitTs = ts
                // One exit fill: its own price, not a quotient that may round by an ulp.
                t.exitPrice = exitQuantity == reduce ? price : exitNotional / exitQuantity
                t.pnl = pricePnl - t.entryFees - t.exitFees
                t.exitReason = reason
                open = nil
                closed(t)
            } else {
                open = t
            }
        }
        guard remaining > 0 else { return }
        if position == 0 {
            open = Trade(symbol: symbol, direction: side.sign, entryBar: bar, entryTs: ts, entryPrice: price,
                         quantity: remaining, entryFees: remainingFee, exitBar: nil, exitTs: nil, exitPrice: nil,
                         exitFees: 0, pnl: 0, exitReason: nil)
            entryNotional = remaining * price
            exitQuantity = 0
            exitNotional = 0
            pricePnl = 0
        } else {
            var t = open!
            entryNotional += remaining * price
            t.quantity += remaining
            t.entryPrice = entryNotional / t.quantity
            t.entryFees += remainingFee
            open = t
        }
        position += side.sign * remaining
    }

    /// The open trade marked at `price`: pnl = unrealized price pnl minus fees paid so far.
    public func openTrade(markedAt price: Double) -> Trade? {
        guard var t = open else { return nil }
        t.pnl = pricePnl + abs(position) * (price - t.entryPrice) * t.direction - t.entryFees - t.exitFees
        return t
    }
}
