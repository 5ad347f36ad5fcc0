extension TA {
    /// Highest value of the last n (TA-Lib MAX); first value at n − 1. NaN rule *window*.
    public static func max(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
        _ = try RollingExtremum(period: period, maximum: true)
        return blockExtremum(x, period: period, maximum: true)
    }

    /// Lowest value of the last n (TA-Lib MIN); first value at n − 1. NaN rule *window*.
    public static func min(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
        _ = try RollingExtremum(period: period, maximum: false)
        return blockExtremum(x, period: period, maximum: false)
    }

    /// The rolling extreme of a whole column in O(n) without a deque (van Herk / Gil–Werman):
    /// blocks of `period` bars, the running extreme from each block's start (`ahead`) and to
    /// each block's end (`behind`); a window that is not one block is the end of one block and
    /// the start of the next. The values are `RollingExtremum`'s to the bit, the streaming form
    /// (a test compares them): NaN before bar `period` − 1 and while a NaN is in the window, and
    /// among equal extremes (±0) the latest one's bits.
    static func blockExtremum(_ x: [Double], period w: Int, maximum: Bool) -> [Double] {
        let n = x.count
        guard n > 0 else { return [] }
        // A NaN (its window's value is NaN anyway) stands in as the extreme that never wins.
        let never: Double = maximum ? -.infinity : .infinity
        var ahead = [Double](repeating: 0, count: n), behind = [Double](repeating: 0, count: n)
        return x.withUnsafeBufferPointer { v in
            ahead.withUnsafeMutableBufferPointer { a in
                behind.withUnsafeMutableBufferPointer { b in
                    // "x wins over y", ties to x (x is the later bar in every use below).
                    @inline(__always) func wins(_ x: Double, _ y: Double) -> Bool { maximum ? x >= y : x <= y }
                    @inline(__always) func value(_ i: Int) -> Double { v[i].isNaN ? never : v[i] }
                    var start = 0
                    while start < n {
                        let end = Swift.min(start + w, n) - 1
                        a[start] = value(start)
                        if start < end { for i in (start + 1)...end { let c = value(i); a[i] = wins(c, a[i - 1]) ? c : a[i - 1] } }
                        b[end] = value(end)
                        if start < end {
                            for i in stride(from: end - 1, through: start, by: -1) { let c = value(i); b[i] = wins(b[i + 1], c) ? b[i + 1] : c }
                        }
                        start = end + 1
                    }
                    return [Double](unsafeUninitializedCapacity: n) { out, initialized in
                        var lastNaN = Int.min / 2
                        for i in 0..<n {
                            if v[i].isNaN { lastNaN = i }
                            let j = i - w + 1
                            if j < 0 || lastNaN >= j {
                                out[i] = .nan
                            } else if j % w == 0 {
                                out[i] = a[i]
                            } else {
                                out[i] = wins(a[i], b[j]) ? a[i] : b[j]
                            }
                        }
                        initialized = n
                    }
                }
            }
        }
    }
}

/// `RollingExtremum` reduced to its value, as a `SeriesIndicator` (the streaming MAX and MIN).
struct RollingExtremumValue: SeriesIndicator {
    var extremum: RollingExtremum

    init(period: Int, maximum: Bool) throws(IndicatorError) {
        extremum = try RollingExtremum(period: period, maximum: maximum)
    }

    mutating func update(_ value: Double) -> Double { extremum.update(value).value }
}
