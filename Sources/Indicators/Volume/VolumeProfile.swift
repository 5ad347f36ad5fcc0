/// A volume-by-price histogram of a window of bars.
///
/// Semantics: `bins` equal-width bins span the window's lowest low to its highest high (the last
/// bin includes the high). Each bar's volume is spread over the bins its [low, high] range
/// overlaps, in proportion to the overlap; a bar with high = low (or a window with no range)
/// puts all its volume in the bin holding its price.
public struct VolumeProfile: Sendable, Equatable {
    /// Price at the bottom of bin 0.
    public var lowerBound: Double
    /// Width of each bin (0 when the window has no range).
    public var binWidth: Double
    /// Volume per bin, lowest price first.
    public var volumes: [Double]

    /// Builds the profile of the bars at `range` of the columns.
    public init(high: [Double], low: [Double], volume: [Double], range: Range<Int>, bins: Int) throws(IndicatorError) {
        try IndicatorError.require("VOLUME_PROFILE", "bins", bins, atLeast: 1)
        try TA.requireSameLength("VOLUME_PROFILE", high.count, low.count, volume.count)
        guard range.lowerBound >= 0, range.upperBound <= high.count else {
            throw .invalidParameter(indicator: "VOLUME_PROFILE", parameter: "range",
                                    reason: "\(range) lies outside the \(high.count) bars")
        }
        self.init(bins: bins)
        accumulate(count: range.count) { k in
            let i = range.lowerBound + k
            return (high[i], low[i], volume[i])
        }
    }

    @usableFromInline
    init(bins: Int) {
        lowerBound = .nan
        binWidth = .nan
        volumes = [Double](repeating: 0, count: bins)
    }

    /// A profile with no data yet: every number NaN.
    @usableFromInline
    init(undefinedWithBins bins: Int) {
        lowerBound = .nan
        binWidth = .nan
        volumes = [Double](repeating: .nan, count: bins)
    }

    /// Refills the histogram from `count` bars given by `bar(k)`, k = 0..<count.
    @inlinable
    mutating func accumulate(count: Int, _ bar: (Int) -> (high: Double, low: Double, volume: Double)) {
        for b in volumes.indices { volumes[b] = 0 }
        var lo = Double.infinity, hi = -Double.infinity
        for k in 0..<count {
            let b = bar(k)
            if b.high.isNaN || b.low.isNaN || b.volume.isNaN {
                self = VolumeProfile(undefinedWithBins: volumes.count)
                return
            }
            lo = Swift.min(lo, b.low)
            hi = Swift.max(hi, b.high)
        }
        lowerBound = lo
        binWidth = (hi - lo) / Double(volumes.count)
        for k in 0..<count {
            let b = bar(k)
            let first = bin(of: b.low), last = bin(of: b.high)
            let span = b.high - b.low
            if span <= 0 || first == last {
                volumes[first] += b.volume
                continue
            }
            for j in first...last {
                let top = Swift.min(b.high, lowerBound + Double(j + 1) * binWidth)
                let bottom = Swift.max(b.low, lowerBound + Double(j) * binWidth)
                if top > bottom { volumes[j] += b.volume * ((top - bottom) / span) }
            }
        }
    }

    /// The bin holding `price` (clamped to the histogram).
    @inlinable
    public func bin(of price: Double) -> Int {
        guard binWidth > 0 else { return 0 }
        return Swift.max(0, Swift.min(volumes.count - 1, Int((price - lowerBound) / binWidth)))
    }

    /// Price at the middle of bin `b`.
    @inlinable
    public func center(of b: Int) -> Double { lowerBound + (Double(b) + 0.5) * binWidth }

    /// Point of control: the center of the bin with the most volume (the lowest such bin on ties).
    @inlinable
    public var pointOfControl: Double {
        var best = 0
        for b in volumes.indices where volumes[b] > volumes[best] { best = b }
        return volumes[best].isNaN ? .nan : center(of: best)
    }
}

extension TA {
    /// Rolling point of control: the `VolumeProfile` of the last n bars at every bar, reduced to
    /// its point of control; first value at n − 1. O(n·bins) per bar. NaN: a NaN gives NaN
    /// while it is in the window.
    @inlinable
    public static func volumeProfilePOC(high: [Double], low: [Double], volume: [Double], period: Int = 24,
                                        bins: Int = 24) throws(IndicatorError) -> [Double] {
        try requireSameLength("VOLUME_PROFILE", high.count, low.count, volume.count)
        var state = try RollingVolumeProfile(period: period, bins: bins)
        return high.indices.map { state.update(high: high[$0], low: low[$0], volume: volume[$0]).pointOfControl }
    }
}

/// Streaming volume profile of the last n bars: same numbers as `TA.volumeProfilePOC`.
public struct RollingVolumeProfile: Sendable {
    @usableFromInline var highs: RingBuffer
    @usableFromInline var lows: RingBuffer
    @usableFromInline var volumes: RingBuffer
    @usableFromInline var profile: VolumeProfile

    public init(period: Int = 24, bins: Int = 24) throws(IndicatorError) {
        try IndicatorError.require("VOLUME_PROFILE", "timeperiod", period, atLeast: 1)
        try IndicatorError.require("VOLUME_PROFILE", "bins", bins, atLeast: 1)
        highs = RingBuffer(capacity: period)
        lows = RingBuffer(capacity: period)
        volumes = RingBuffer(capacity: period)
        profile = VolumeProfile(bins: bins)
    }

    /// Adds one bar; returns the profile of the last n bars (all NaN until n bars are seen).
    @inlinable
    public mutating func update(high: Double, low: Double, volume: Double) -> VolumeProfile {
        highs.push(high); lows.push(low); volumes.push(volume)
        guard highs.isFull else { return VolumeProfile(undefinedWithBins: profile.volumes.count) }
        let n = highs.count
        profile.accumulate(count: n) { k in (highs.back(n - 1 - k), lows.back(n - 1 - k), volumes.back(n - 1 - k)) }
        return profile
    }
}
