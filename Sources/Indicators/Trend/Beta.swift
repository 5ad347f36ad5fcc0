extension TA {
    /// Beta (TA-Lib BETA): over the last n simple returns (n + 1 prices) of both series,
    /// beta = (n·Σxy − Σx·Σy)/(n·Σx² − (Σx)²) with x = `real0`'s returns and y = `real1`'s —
    /// the slope of real1 on real0, so pass the market as `real0`. A return whose previous
    /// price is 0 counts as 0; beta is 0 when the denominator is ≈ 0. First value at bar n.
    /// NaN: running sums, *poison*.
    @inlinable
    public static func beta(_ real0: [Double], _ real1: [Double], period: Int = 5) throws(IndicatorError) -> [Double] {
        try requireSameLength("BETA", real0.count, real1.count)
        var state = try Beta(period: period)
        return real0.indices.map { state.update(real0[$0], real1[$0]) }
    }
}

/// Streaming beta: same numbers as `TA.beta`.
public struct Beta: Sendable {
    @usableFromInline var xs: RingBuffer
    @usableFromInline var ys: RingBuffer
    @usableFromInline var sums = (x: 0.0, y: 0.0, xx: 0.0, xy: 0.0)
    @usableFromInline var previous = (x: Double.nan, y: Double.nan)
    @usableFromInline var started = false
    @usableFromInline let n: Double

    public init(period: Int = 5) throws(IndicatorError) {
        try IndicatorError.require("BETA", "timeperiod", period, atLeast: 1)
        xs = RingBuffer(capacity: period)
        ys = RingBuffer(capacity: period)
        n = Double(period)
    }

    @inlinable @inline(__always)
    static func simpleReturn(_ price: Double, _ last: Double) -> Double {
        last == 0 ? 0 : (price - last) / last
    }

    /// Adds one price of each series; returns beta (NaN until n returns are seen).
    @inlinable
    public mutating func update(_ real0: Double, _ real1: Double) -> Double {
        defer { previous = (real0, real1) }
        guard started else { started = true; return .nan }
        let x = Beta.simpleReturn(real0, previous.x)
        let y = Beta.simpleReturn(real1, previous.y)
        if xs.isFull {
            let ox = xs.oldest, oy = ys.oldest
            sums.x -= ox; sums.y -= oy; sums.xx -= ox * ox; sums.xy -= ox * oy
        }
        xs.push(x)
        ys.push(y)
        sums.x += x; sums.y += y; sums.xx += x * x; sums.xy += x * y
        guard xs.isFull else { return .nan }
        let denominator = n * sums.xx - sums.x * sums.x
        if denominator.isNaN || sums.xy.isNaN || sums.y.isNaN { return .nan }
        return ZeroGuard.isZero(denominator) ? 0 : (n * sums.xy - sums.x * sums.y) / denominator
    }
}
