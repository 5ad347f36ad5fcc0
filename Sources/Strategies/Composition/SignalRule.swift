/// A strategy whose decision at a bar is a set of signal flags, turned into orders by
/// `SignalOrders`. Its rule can run on its own, without orders (inside a `Blend`, or to inspect
/// the signals).
public protocol SignalRule {
    /// Advances the rule by the bar that just closed (the last bar of `bars`) and returns its
    /// signal, short-side flags already dropped unless the strategy allows shorts. Call once per
    /// bar, in order.
    mutating func nextSignal(_ bars: BarWindow) -> SignalFlags
}
