import Strategies

/// What a column run keeps besides its streaming metrics. A generic parameter: the sweep uses
/// `MetricsOnly` (nothing, no allocation), single runs use `FullRecord`.
public protocol RunRecorder {
    mutating func mark(bar: Int, equity: Double, cash: Double)
    mutating func fill(_ fill: Fill)
    mutating func trade(_ trade: Trade)
    mutating func risk(_ event: RiskEvent)
}

/// Keeps nothing.
@frozen
public struct MetricsOnly: RunRecorder {
    @inlinable public init() {}
    @inlinable public mutating func mark(bar: Int, equity: Double, cash: Double) {}
    @inlinable public mutating func fill(_ fill: Fill) {}
    @inlinable public mutating func trade(_ trade: Trade) {}
    @inlinable public mutating func risk(_ event: RiskEvent) {}
}

/// Keeps the equity and cash curves, every fill, every closed trade and every risk event.
public struct FullRecord: RunRecorder {
    public var equity: [Double] = []
    public var cash: [Double] = []
    public var fills: [Fill] = []
    public var trades: [Trade] = []
    public var riskEvents: [RiskEvent] = []

    public init(bars: Int) {
        equity.reserveCapacity(bars)
        cash.reserveCapacity(bars)
    }

    @inlinable public mutating func mark(bar: Int, equity e: Double, cash c: Double) {
        equity.append(e)
        cash.append(c)
    }
    @inlinable public mutating func fill(_ f: Fill) { fills.append(f) }
    @inlinable public mutating func trade(_ t: Trade) { trades.append(t) }
    @inlinable public mutating func risk(_ e: RiskEvent) { riskEvents.append(e) }
}
