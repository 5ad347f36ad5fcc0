/// The largest (or smallest) value of the last `period` inputs and the bar index where it
/// occurred, in O(1) amortized per update (a monotonic deque in fixed storage).
///
/// Ties: the most recent extreme wins (TA-Lib's AROON convention). NaN rule *window*: a NaN
/// input makes the result NaN until it has left the window.
public struct RollingExtremum: Sendable {
    @usableFromInline let period: Int
    @usableFromInline let isMax: Bool
    @usableFromInline var values: [Double]
    @usableFromInline var indices: [Int]
    @usableFromInline var front = 0
    @usableFromInline var size = 0
    @usableFromInline var bar = -1
    @usableFromInline var lastNaN = Int.min / 2

    /// `maximum: true` tracks the highest value, `false` the lowest.
    public init(period: Int, maximum: Bool) throws(IndicatorError) {
        try IndicatorError.require(maximum ? "MAX" : "MIN", "timeperiod", period, atLeast: 1)
        self.period = period
        isMax = maximum
        values = Array(repeating: .nan, count: period + 1)
        indices = Array(repeating: 0, count: period + 1)
    }

    /// Adds one value; returns the extreme of the last `period` values and its bar index
    /// (counting from 0 at the first update), or `(NaN, -1)` when there is none.
    @inlinable
    public mutating func update(_ x: Double) -> (value: Double, index: Int) {
        bar += 1
        let capacity = values.count
        while size > 0 && indices[front] <= bar - period {
            front += 1
            if front == capacity { front = 0 }
            size -= 1
        }
        if x.isNaN {
            lastNaN = bar
        } else {
            while size > 0 {
                var back = front + size - 1
                if back >= capacity { back -= capacity }
                let v = values[back]
                if isMax ? (v <= x) : (v >= x) { size -= 1 } else { break }
            }
            var slot = front + size
            if slot >= capacity { slot -= capacity }
            values[slot] = x
            indices[slot] = bar
            size += 1
        }
        if bar < period - 1 || lastNaN > bar - period || size == 0 { return (.nan, -1) }
        return (values[front], indices[front])
    }
}

/// Highest high and lowest low of the last `period` bars (STOCH, WILLR, Ichimoku, Donchian).
public struct HighLowWindow: Sendable {
    @usableFromInline var highest: RollingExtremum
    @usableFromInline var lowest: RollingExtremum

    public init(period: Int) throws(IndicatorError) {
        highest = try RollingExtremum(period: period, maximum: true)
        lowest = try RollingExtremum(period: period, maximum: false)
    }

    /// Adds one bar; NaN until `period` bars have been seen.
    @inlinable
    public mutating func update(high: Double, low: Double) -> (highest: Double, lowest: Double) {
        (highest.update(high).value, lowest.update(low).value)
    }
}
