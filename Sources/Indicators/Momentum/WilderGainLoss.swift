/// Wilder-smoothed average gain and loss of a series' changes, shared by RSI and CMO.
///
/// The averages are seeded with the plain mean of the first n changes (so the first value is at
/// bar n), then `avg = (avg·(n−1) + x)/n`. NaN: leading skipped, then *poison*.
public struct WilderGainLoss: Sendable {
    @usableFromInline let n: Double
    @usableFromInline let period: Int
    @usableFromInline var count = 0
    @usableFromInline var previous = 0.0
    @usableFromInline var gain = 0.0
    @usableFromInline var loss = 0.0

    public init(indicator: String, period: Int) throws(IndicatorError) {
        try IndicatorError.require(indicator, "timeperiod", period, atLeast: 1)
        self.period = period
        n = Double(period)
    }

    /// Adds one value; returns the average gain and loss (NaN until `period` changes are seen).
    @inlinable
    public mutating func update(_ x: Double) -> (gain: Double, loss: Double) {
        if count == 0 {
            if x.isNaN { return (.nan, .nan) }
            previous = x
            count = 1
            return (.nan, .nan)
        }
        let change = x - previous
        previous = x
        if count <= period {
            if change > 0 { gain += change } else { loss -= change }
            if change.isNaN { gain = .nan }
            count += 1
            if count <= period { return (.nan, .nan) }
            gain /= n
            loss /= n
            return (gain, loss)
        }
        gain *= n - 1
        loss *= n - 1
        if change < 0 { loss -= change } else { gain += change }
        gain /= n
        loss /= n
        return (gain, loss)
    }
}
