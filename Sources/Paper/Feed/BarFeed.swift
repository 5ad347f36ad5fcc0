import MarketData

/// Where a paper run's closed bars come from, one at a time, in time order.
public protocol BarFeed {
    var instrument: Instrument { get }
    var timeframe: Timeframe { get }
    /// Bars per year under the spec's calendar.
    var periodsPerYear: Double { get }
    /// How many bars the feed expects to deliver (storage is reserved for them; 0 if unknown).
    var expectedBars: Int { get }
    /// The next closed bar, waiting for it if needed; nil when the feed has ended.
    mutating func next() throws -> Bar?
}
