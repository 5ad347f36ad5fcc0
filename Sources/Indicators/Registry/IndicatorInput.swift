import MarketData

/// The columns an indicator may read: a bar series plus, for two-series indicators (BETA), a
/// second series' closes at the same timestamps.
public struct IndicatorInput: Sendable {
    public var timestamp: [Int64]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    /// Closes of the second series (BETA's `real0`, e.g. the market), aligned with `timestamp`.
    public var secondaryClose: [Double]?

    public init(timestamp: [Int64], open: [Double], high: [Double], low: [Double], close: [Double],
                volume: [Double], secondaryClose: [Double]? = nil) {
        self.timestamp = timestamp
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.secondaryClose = secondaryClose
    }

    /// The columns of `bars`, with `secondary`'s closes when given.
    public init(bars: BarSeries, secondary: [Double]? = nil) {
        self.init(timestamp: bars.ts, open: bars.open, high: bars.high, low: bars.low, close: bars.close,
                  volume: bars.volume, secondaryClose: secondary)
    }

    /// Number of bars.
    public var count: Int { timestamp.count }

    /// Bar `i` as one streaming update (NaN for a missing secondary series).
    public func bar(_ i: Int) -> IndicatorBar {
        IndicatorBar(timestamp: timestamp[i], open: open[i], high: high[i], low: low[i], close: close[i],
                     volume: volume[i], secondaryClose: secondaryClose?[i] ?? .nan)
    }
}

/// One bar fed to a registry stream.
public struct IndicatorBar: Sendable {
    public var timestamp: Int64
    public var open, high, low, close, volume: Double
    public var secondaryClose: Double

    public init(timestamp: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double, secondaryClose: Double = .nan) {
        self.timestamp = timestamp
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.secondaryClose = secondaryClose
    }
}

/// A column an indicator reads; raw values are the fixture's input names.
public enum InputColumn: String, Sendable, CaseIterable {
    case timestamp, open, high, low, close, volume
    case secondaryClose = "secondary.close"
}
