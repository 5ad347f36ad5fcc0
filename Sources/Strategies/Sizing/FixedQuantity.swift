/// Trade a fixed number of base-asset units on each entry.
public struct FixedQuantitySizer: PositionSizer, Hashable {
    public let units: Double

    public init(units: Double) {
        precondition(units > 0, "fixed-quantity sizing needs a positive quantity")
        self.units = units
    }

    @inlinable
    public func rawQuantity(_ input: SizingInput) -> Double { units }
}
