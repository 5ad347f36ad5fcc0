/// What one fill did to a symbol's position, as seen by `PositionTracker`.
@frozen
public enum PositionChange: Sendable, Hashable {
    /// A position was opened from flat (possibly after a flip closed the previous one).
    case opened
    /// An open position grew.
    case increased
    /// An open position shrank but stays open.
    case reduced
    /// The position went to zero.
    case closed
}

/// A round trip the tracker saw close (entry to flat).
public struct ClosedTrade: Sendable, Hashable {
    public var symbol: Int
    /// +1 long, -1 short.
    public var direction: Double
    public var quantity: Double
    /// Average entry price.
    public var entryPrice: Double
    /// Average exit price.
    public var exitPrice: Double
    /// Fees of the entry and exit fills.
    public var fees: Double

    /// Profit in quote currency after fees.
    @inlinable public var pnl: Double { direction * (exitPrice - entryPrice) * quantity - fees }
    /// `pnl` ÷ entry notional.
    @inlinable public var tradeReturn: Double { pnl / (entryPrice * quantity) }
}

/// Follows each symbol's position from the strategy's own fills (wrappers such as `Sized`,
/// `ProtectiveExits` and `RiskManaged` use it to see entries, exits and closed trades without
/// depending on when the engine publishes positions). Storage is sized once; no allocation per fill.
public struct PositionTracker: Sendable {
    /// Signed quantity per symbol.
    public private(set) var quantity: [Double]
    /// Average entry price per symbol (NaN while flat).
    public private(set) var entryPrice: [Double]
    @usableFromInline var entryFees: [Double]
    @usableFromInline var exitValue: [Double]
    @usableFromInline var exitQuantity: [Double]
    @usableFromInline var exitFees: [Double]
    @usableFromInline var tradeQuantity: [Double]

    public init(symbols: Int) {
        quantity = Array(repeating: 0, count: symbols)
        entryPrice = Array(repeating: .nan, count: symbols)
        entryFees = Array(repeating: 0, count: symbols)
        exitValue = Array(repeating: 0, count: symbols)
        exitQuantity = Array(repeating: 0, count: symbols)
        exitFees = Array(repeating: 0, count: symbols)
        tradeQuantity = Array(repeating: 0, count: symbols)
    }

    /// Grows the storage to cover `symbol` (for wrappers that learn the symbol count late).
    public mutating func ensure(_ symbol: Int) {
        while quantity.count <= symbol {
            quantity.append(0); entryPrice.append(.nan); entryFees.append(0)
            exitValue.append(0); exitQuantity.append(0); exitFees.append(0); tradeQuantity.append(0)
        }
    }

    /// Applies a fill. Returns what happened to the position and, if a round trip ended, the trade.
    /// A fill that flips the position closes the old trade and opens a new one (`.opened`), its fee
    /// split pro rata between the two.
    public mutating func apply(_ fill: Fill) -> (change: PositionChange, closed: ClosedTrade?) {
        let s = fill.symbol
        ensure(s)
        let signed = fill.side.sign * fill.quantity
        let old = quantity[s]
        if old == 0 || (old > 0) == (signed > 0) {
            let total = abs(old) + fill.quantity
            entryPrice[s] = old == 0 ? fill.price : (entryPrice[s] * abs(old) + fill.price * fill.quantity) / total
            entryFees[s] += fill.fee
            tradeQuantity[s] += fill.quantity
            quantity[s] = old + signed
            return (old == 0 ? .opened : .increased, nil)
        }
        let closing = min(abs(old), fill.quantity)
        let closingFee = fill.fee * closing / fill.quantity
        exitValue[s] += closing * fill.price
        exitQuantity[s] += closing
        exitFees[s] += closingFee
        let remaining = old + signed
        if abs(remaining) > 1e-12 * max(abs(old), 1) && (remaining > 0) == (old > 0) {
            quantity[s] = remaining
            return (.reduced, nil)
        }
        let trade = ClosedTrade(symbol: s, direction: old > 0 ? 1 : -1, quantity: tradeQuantity[s],
                                entryPrice: entryPrice[s], exitPrice: exitValue[s] / exitQuantity[s],
                                fees: entryFees[s] + exitFees[s])
        exitValue[s] = 0; exitQuantity[s] = 0; exitFees[s] = 0
        let opening = fill.quantity - closing
        if opening > 1e-12 * fill.quantity {
            quantity[s] = signed > 0 ? opening : -opening
            entryPrice[s] = fill.price
            entryFees[s] = fill.fee - closingFee
            tradeQuantity[s] = opening
            return (.opened, trade)
        }
        quantity[s] = 0
        entryPrice[s] = .nan
        entryFees[s] = 0
        tradeQuantity[s] = 0
        return (.closed, trade)
    }
}
