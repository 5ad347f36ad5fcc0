/// The position a signal stream implies on its own: +1 after an entry long, −1 after an entry
/// short, 0 after the exit of the side held. Exits apply before entries and an entry in the other
/// direction closes first, exactly as `SignalOrders` trades them — so the stance is the position
/// the strategy would hold alone, before stops and sizing.
@frozen
public struct Stance: Sendable, Hashable {
    /// −1, 0 or +1.
    @inlinable public var value: Double { current }
    @usableFromInline var current: Double = 0

    public init() {}

    /// Applies one bar's signal and returns the new stance.
    @inlinable
    public mutating func apply(_ s: SignalFlags) -> Double {
        if current > 0 && (s.contains(.exitLong) || s.contains(.entryShort)) { current = 0 }
        if current < 0 && (s.contains(.exitShort) || s.contains(.entryLong)) { current = 0 }
        if current == 0 {
            if s.contains(.entryLong) { current = 1 } else if s.contains(.entryShort) { current = -1 }
        }
        return current
    }
}
