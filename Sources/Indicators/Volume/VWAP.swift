extension TA {
    /// Session VWAP anchored at 00:00 UTC (pandas-ta `vwap`, anchor "D"): tp = (H+L+C)/3,
    /// vwap[i] = Σ tp·v / Σ v over the bars of bar i's UTC calendar day (by open time) up to and
    /// including bar i. No warm-up; NaN while the session's volume is 0. NaN: poisons the rest
    /// of its session only.
    @inlinable
    public static func vwapSession(timestamp: [Int64], high: [Double], low: [Double], close: [Double],
                                   volume: [Double]) throws(IndicatorError) -> [Double] {
        try requireSameLength("VWAP_SESSION", timestamp.count, high.count, low.count, close.count, volume.count)
        var state = SessionVWAP()
        return close.indices.map { state.update(timestamp: timestamp[$0], high: high[$0], low: low[$0], close: close[$0], volume: volume[$0]) }
    }

    /// Rolling VWAP: Σ tp·v / Σ v over the last n bars including bar i, first value at n − 1;
    /// NaN when the window's volume is 0. NaN: running sums, *poison*.
    @inlinable
    public static func vwapRolling(high: [Double], low: [Double], close: [Double], volume: [Double],
                                   period: Int = 24) throws(IndicatorError) -> [Double] {
        try requireSameLength("VWAP_ROLLING", high.count, low.count, close.count, volume.count)
        var state = try RollingVWAP(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0], volume: volume[$0]) }
    }
}

/// Streaming session VWAP: same numbers as `TA.vwapSession`.
public struct SessionVWAP: Sendable {
    @usableFromInline static let dayMilliseconds: Int64 = 86_400_000
    @usableFromInline var day = Int64.min
    @usableFromInline var weighted = 0.0
    @usableFromInline var volume = 0.0

    public init() {}

    @inlinable
    public mutating func update(timestamp: Int64, high: Double, low: Double, close: Double, volume v: Double) -> Double {
        var d = timestamp / SessionVWAP.dayMilliseconds
        if timestamp < 0 && timestamp % SessionVWAP.dayMilliseconds != 0 { d -= 1 }
        if d != day {
            day = d
            weighted = 0
            volume = 0
        }
        weighted += (high + low + close) / 3 * v
        volume += v
        return volume == 0 ? .nan : weighted / volume
    }
}

/// Streaming rolling VWAP: same numbers as `TA.vwapRolling`.
public struct RollingVWAP: Sendable {
    @usableFromInline var weightedWindow: RingBuffer
    @usableFromInline var volumeWindow: RingBuffer
    @usableFromInline var weighted = 0.0
    @usableFromInline var volume = 0.0

    public init(period: Int = 24) throws(IndicatorError) {
        try IndicatorError.require("VWAP_ROLLING", "length", period, atLeast: 1)
        weightedWindow = RingBuffer(capacity: period)
        volumeWindow = RingBuffer(capacity: period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double, volume v: Double) -> Double {
        let pv = (high + low + close) / 3 * v
        if weightedWindow.isFull {
            weighted -= weightedWindow.oldest
            volume -= volumeWindow.oldest
        }
        weightedWindow.push(pv)
        volumeWindow.push(v)
        weighted += pv
        volume += v
        guard weightedWindow.isFull, volume != 0 else { return .nan }
        return weighted / volume
    }
}
