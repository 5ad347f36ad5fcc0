/// One fill to mark on a price chart: when, at what price, which side, opening or closing.
public struct TradeMark: Sendable, Equatable {
    public enum Side: Sendable, Equatable { case buy, sell }

    public var ts: Int64
    public var price: Double
    public var side: Side
    /// True for a fill that opens (or adds to) a position, false for one that closes it.
    public var isEntry: Bool

    public init(ts: Int64, price: Double, side: Side, isEntry: Bool) {
        self.ts = ts
        self.price = price
        self.side = side
        self.isEntry = isEntry
    }
}
