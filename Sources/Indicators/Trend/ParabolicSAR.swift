extension TA {
    /// Parabolic SAR (TA-Lib): first value at bar 1. The start is short iff bar 1 has −DM > 0
    /// (L[0] − L[1] > 0 and > H[1] − H[0]); a long start has SAR = L[0], EP = H[1], a short start
    /// SAR = H[0], EP = L[1]. Each bar outputs the SAR computed for it. A penetration (long:
    /// L ≤ SAR, short: H ≥ SAR) reverses: SAR = EP clamped to the previous and current bar's
    /// extreme, AF reset, EP = the current extreme. Otherwise a new extreme moves EP and adds
    /// `acceleration` to AF (capped at `maximum`); then SAR += AF·(EP − SAR), clamped out of the
    /// previous and current bar's range. NaN: *poison*.
    @inlinable
    public static func sar(high: [Double], low: [Double], acceleration: Double = 0.02, maximum: Double = 0.2) throws(IndicatorError) -> [Double] {
        try requireSameLength("SAR", high.count, low.count)
        var state = try ParabolicSAR(acceleration: acceleration, maximum: maximum)
        return high.indices.map { state.update(high: high[$0], low: low[$0]) }
    }
}

/// Streaming parabolic SAR: same numbers as `TA.sar`.
public struct ParabolicSAR: Sendable {
    @usableFromInline let step: Double
    @usableFromInline let maximum: Double
    @usableFromInline var bar = -1
    @usableFromInline var isLong = true
    @usableFromInline var sar = 0.0
    @usableFromInline var extreme = 0.0
    @usableFromInline var factor = 0.0
    @usableFromInline var previous = (high: 0.0, low: 0.0)

    public init(acceleration: Double = 0.02, maximum: Double = 0.2) throws(IndicatorError) {
        guard acceleration >= 0 else {
            throw .invalidParameter(indicator: "SAR", parameter: "acceleration", reason: "must be ≥ 0, got \(acceleration)")
        }
        guard maximum >= 0 else {
            throw .invalidParameter(indicator: "SAR", parameter: "maximum", reason: "must be ≥ 0, got \(maximum)")
        }
        step = Swift.min(acceleration, maximum)
        self.maximum = maximum
        factor = step
    }

    @inlinable
    public mutating func update(high: Double, low: Double) -> Double {
        bar += 1
        if bar == 0 {
            previous = (high, low)
            return .nan
        }
        if bar == 1 {
            let down = previous.low - low
            let up = high - previous.high
            isLong = !(down > 0 && down > up)
            if isLong { sar = previous.low; extreme = high } else { sar = previous.high; extreme = low }
            previous = (high, low)
        }
        let prior = previous
        previous = (high, low)
        if high.isNaN || low.isNaN { sar = .nan }
        if sar.isNaN { return .nan }
        let output: Double
        if isLong {
            if low <= sar {
                isLong = false
                sar = Swift.max(extreme, prior.high, high)
                output = sar
                factor = step
                extreme = low
                sar = Swift.max(sar + factor * (extreme - sar), prior.high, high)
            } else {
                output = sar
                if high > extreme {
                    extreme = high
                    factor = Swift.min(factor + step, maximum)
                }
                sar = Swift.min(sar + factor * (extreme - sar), prior.low, low)
            }
        } else {
            if high >= sar {
                isLong = true
                sar = Swift.min(extreme, prior.low, low)
                output = sar
                factor = step
                extreme = high
                sar = Swift.min(sar + factor * (extreme - sar), prior.low, low)
            } else {
                output = sar
                if low < extreme {
                    extreme = low
                    factor = Swift.min(factor + step, maximum)
                }
                sar = Swift.max(sar + factor * (extreme - sar), prior.high, high)
            }
        }
        return output
    }
}
