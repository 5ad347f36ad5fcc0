/// One closed trade (entry to exit) as Analytics sees it. Simulation maps its own trade log
/// into this shape.
///
/// Semantics: `pnl` is net of `fees`, in the quote currency; `returnFraction` is the trade's
/// net return on its entry notional (0.01 = +1%); timestamps are epoch milliseconds UTC.
public struct TradeRecord: Sendable, Equatable {
    public var entryTime: Int64
    public var exitTime: Int64
    public var entryPrice: Double
    public var exitPrice: Double
    /// Signed quantity: positive long, negative short.
    public var quantity: Double
    /// Net profit and loss after fees.
    public var pnl: Double
    /// Fees paid on entry and exit.
    public var fees: Double
    /// Net return on the entry notional.
    public var returnFraction: Double

    public init(entryTime: Int64, exitTime: Int64, entryPrice: Double, exitPrice: Double,
                quantity: Double, pnl: Double, fees: Double, returnFraction: Double) {
        self.entryTime = entryTime; self.exitTime = exitTime
        self.entryPrice = entryPrice; self.exitPrice = exitPrice
        self.quantity = quantity; self.pnl = pnl; self.fees = fees
        self.returnFraction = returnFraction
    }
}
