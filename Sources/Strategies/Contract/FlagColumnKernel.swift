/// The kernel of a rule whose flags are precomputed into a cache column when the cache is built
/// (rules that carry state from bar to bar: `SpikeDetection`, `Blend`). The column holds each
/// bar's `SignalFlags.rawValue`; the strategy's short-side filter is applied on reading.
public struct FlagColumnKernel: SignalKernel {
    @usableFromInline let flags: UnsafePointer<Double>
    @usableFromInline let settings: TradeSettings
    @inlinable init(flags: UnsafePointer<Double>, settings: TradeSettings) { self.flags = flags; self.settings = settings }
    @inlinable public func signal(at i: Int) -> SignalFlags { settings.filter(SignalFlags(rawValue: UInt8(flags[i]))) }
}
