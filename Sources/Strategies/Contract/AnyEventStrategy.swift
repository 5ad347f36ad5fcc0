/// A strategy whose type is known only at run time (a spec's, built by name) as one concrete
/// type, so code generic over the strategy — the event engine's step — can be compiled once for
/// it, specialized, instead of running as unspecialized generic code behind an existential.
/// Each callback is one dynamic call into the wrapped strategy, which keeps its own state.
@frozen
public struct AnyEventStrategy: EventStrategy {
    public var base: any EventStrategy

    @inlinable public init(_ base: any EventStrategy) { self.base = base }

    @inlinable public mutating func onBar(_ context: inout StrategyContext) { base.onBar(&context) }

    @inlinable public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) { base.onFill(fill, &context) }

    @inlinable public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {
        base.onOrderUpdate(update, &context)
    }
}
