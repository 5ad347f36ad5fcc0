/// Spend a fixed fraction of equity on each entry: quantity = fraction × equity ÷ price.
public struct FixedFractionSizer: PositionSizer, Hashable {
    public let fraction: Double

    public init(fraction: Double) {
        precondition(fraction > 0, "fixed-fraction sizing needs a positive fraction")
        self.fraction = fraction
    }

    @inlinable
    public func rawQuantity(_ input: SizingInput) -> Double {
        fraction * input.equity / input.price
    }
}
