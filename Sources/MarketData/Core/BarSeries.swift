/// OHLCV bars of one instrument at one timeframe, stored column by column.
///
/// `ts[i]` is the bar's open time in epoch milliseconds UTC; the bar covers `[ts[i], ts[i] + Δ)`.
/// Columns always have equal lengths. Slicing copies the selected range once; callers that need
/// zero-copy access read the columns through `withUnsafeBufferPointer`.
public struct BarSeries: Sendable, Equatable {
    public var instrument: Instrument
    public var timeframe: Timeframe
    public var ts: [Int64]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    /// The market's trading calendar, which sets how many bars make a year (24/7 unless the
    /// data's source says otherwise); slices and derived series keep it.
    public var calendar: TradingCalendar = .alwaysOpen

    public init(instrument: Instrument, timeframe: Timeframe,
                ts: [Int64], open: [Double], high: [Double], low: [Double], close: [Double], volume: [Double]) {
        precondition(ts.count == open.count && ts.count == high.count && ts.count == low.count
                     && ts.count == close.count && ts.count == volume.count, "BarSeries columns differ in length")
        self.instrument = instrument
        self.timeframe = timeframe
        self.ts = ts
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
    }

    /// Bars per year under the series' calendar: the factor every annualized figure uses.
    public var periodsPerYear: Double { calendar.periodsPerYear(timeframe) }

    /// Number of bars.
    @inlinable public var count: Int { ts.count }
    @inlinable public var isEmpty: Bool { ts.isEmpty }

    /// Calls `body` with the six columns as buffers (ts, open, high, low, close, volume), entered
    /// once for the whole call.
    @inlinable
    public func withUnsafeColumns<R>(
        _ body: (UnsafeBufferPointer<Int64>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>,
                 UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>) -> R
    ) -> R {
        ts.withUnsafeBufferPointer { t in
            open.withUnsafeBufferPointer { o in
                high.withUnsafeBufferPointer { h in
                    low.withUnsafeBufferPointer { l in
                        close.withUnsafeBufferPointer { c in
                            volume.withUnsafeBufferPointer { v in body(t, o, h, l, c, v) }
                        }
                    }
                }
            }
        }
    }

    /// The bars at positions `range`.
    public func slice(_ range: Range<Int>) -> BarSeries {
        var part = BarSeries(instrument: instrument, timeframe: timeframe,
                             ts: Array(ts[range]), open: Array(open[range]), high: Array(high[range]),
                             low: Array(low[range]), close: Array(close[range]), volume: Array(volume[range]))
        part.calendar = calendar
        return part
    }

    /// The bars whose open time lies in `[start, end)` (epoch ms), found by binary search.
    public func slice(from start: Int64, to end: Int64) -> BarSeries {
        slice(indexRange(from: start, to: end))
    }

    /// Index range of the bars whose open time lies in `[start, end)`.
    public func indexRange(from start: Int64, to end: Int64) -> Range<Int> {
        let lower = firstIndex(atOrAfter: start)
        let upper = max(lower, firstIndex(atOrAfter: end))
        return lower..<upper
    }

    /// The first index whose timestamp is ≥ `time` (`count` if none).
    public func firstIndex(atOrAfter time: Int64) -> Int {
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ts[mid] < time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
