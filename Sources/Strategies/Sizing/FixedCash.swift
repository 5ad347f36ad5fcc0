/// Spend a fixed amount of quote currency on each entry: quantity = cash ÷ price.
public struct FixedCashSizer: PositionSizer, Hashable {
    public let cash: Double

    public init(cash: Double) {
        precondition(cash > 0, "fixed-cash sizing needs a positive amount")
        self.cash = cash
    }

    @inlinable
    public func rawQuantity(_ input: SizingInput) -> Double { cash / input.price }
}
