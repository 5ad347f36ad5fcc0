/// One bar as it arrives from a feed: open time (epoch ms UTC) and OHLCV. Batch code keeps bars
/// in columns (`BarSeries`); incremental runs take them one at a time.
public struct Bar: Sendable, Equatable {
    public var ts: Int64
    public var open, high, low, close, volume: Double

    public init(ts: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        self.ts = ts; self.open = open; self.high = high; self.low = low; self.close = close; self.volume = volume
    }
}

extension BarSeries {
    /// Bar `i` as a value.
    public func bar(_ i: Int) -> Bar {
        Bar(ts: ts[i], open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i])
    }
}
