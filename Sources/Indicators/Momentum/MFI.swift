extension TA {
    /// Money flow index (TA-Lib): tp = (H+L+C)/3, flow = tp·volume, positive when tp > tp[1],
    /// negative when tp < tp[1]; MFI = 100·pos/(pos+neg) over the last n bars, first value at
    /// bar n; 0 when pos + neg ≈ 0. NaN: running sums, *poison*.
    @inlinable
    public static func mfi(high: [Double], low: [Double], close: [Double], volume: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("MFI", high.count, low.count, close.count, volume.count)
        var state = try MFI(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0], volume: volume[$0]) }
    }
}

/// Streaming MFI: same numbers as `TA.mfi`.
public struct MFI: Sendable {
    @usableFromInline var positive: RingBuffer
    @usableFromInline var negative: RingBuffer
    @usableFromInline var positiveSum = 0.0
    @usableFromInline var negativeSum = 0.0
    @usableFromInline var previousTP = Double.nan
    @usableFromInline var started = false

    public init(period: Int = 14) throws(IndicatorError) {
        try IndicatorError.require("MFI", "timeperiod", period, atLeast: 1)
        positive = RingBuffer(capacity: period)
        negative = RingBuffer(capacity: period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let tp = (high + low + close) / 3
        defer { previousTP = tp }
        guard started else { started = true; return .nan }
        let flow = tp * volume
        var up = 0.0, down = 0.0
        if tp > previousTP { up = flow } else if tp < previousTP { down = flow }
        if tp.isNaN || previousTP.isNaN || flow.isNaN { up = .nan }
        if positive.isFull {
            positiveSum -= positive.oldest
            negativeSum -= negative.oldest
        }
        positive.push(up)
        negative.push(down)
        positiveSum += up
        negativeSum += down
        guard positive.isFull else { return .nan }
        let total = positiveSum + negativeSum
        if total.isNaN { return .nan }
        return ZeroGuard.isZero(total) ? 0 : 100 * (positiveSum / total)
    }
}
