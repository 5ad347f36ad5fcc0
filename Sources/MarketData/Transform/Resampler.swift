/// Aggregates bars into a coarser timeframe.
///
/// Semantics: a target bar of length Δ covers `[k·Δ, (k+1)·Δ)` in UTC epoch time (weeks start
/// on Monday 00:00 UTC). Its open is the first source open in that window, high the maximum
/// high, low the minimum low, close the last close and volume the sum of volumes (added in time
/// order). Windows without source bars produce no bar; windows with some bars missing still
/// produce one (validate the source for gaps first). The last window is dropped unless the
/// source reaches its end, or `keepIncomplete` is set — a half-formed bar would look ahead of
/// what a live system could have seen.
public enum Resampler {
    /// Resamples `bars` (strictly ascending) to `target`, a multiple of the source timeframe.
    public static func resample(_ bars: BarSeries, to target: Timeframe, keepIncomplete: Bool = false) throws(DataError) -> BarSeries {
        let source = bars.timeframe
        let step = target.milliseconds
        guard step >= source.milliseconds, step % source.milliseconds == 0 else {
            throw .invalidArgument("cannot resample \(source) bars to \(target): the target must be a whole multiple of \(source)")
        }
        let origin: Int64 = target == .w1 ? 4 * 86_400_000 : 0     // 1970-01-05 was a Monday
        var out = BarSeries(instrument: bars.instrument, timeframe: target, ts: [], open: [], high: [], low: [], close: [], volume: [])
        let estimate = bars.count / Int(step / source.milliseconds) + 1
        out.ts.reserveCapacity(estimate); out.open.reserveCapacity(estimate); out.high.reserveCapacity(estimate)
        out.low.reserveCapacity(estimate); out.close.reserveCapacity(estimate); out.volume.reserveCapacity(estimate)

        var failure: DataError?
        bars.ts.withUnsafeBufferPointer { ts in
            var i = 0
            let n = ts.count
            while i < n {
                let bucket = floorDiv(ts[i] - origin, step) * step + origin
                var high = bars.high[i], low = bars.low[i], volume = bars.volume[i]
                let open = bars.open[i]
                var j = i + 1
                while j < n && ts[j] < bucket + step {
                    guard ts[j] > ts[j - 1] else {
                        failure = .invalidArgument("cannot resample: bar \(j) (\(formatTimestamp(ts[j]))) is not after the bar before it; validate with --policy drop first")
                        return
                    }
                    high = max(high, bars.high[j]); low = min(low, bars.low[j]); volume += bars.volume[j]
                    j += 1
                }
                if j < n && ts[j] <= ts[j - 1] {
                    failure = .invalidArgument("cannot resample: bar \(j) (\(formatTimestamp(ts[j]))) is not after the bar before it; validate with --policy drop first")
                    return
                }
                let complete = j < n || ts[j - 1] + source.milliseconds >= bucket + step
                if complete || keepIncomplete {
                    out.ts.append(bucket); out.open.append(open); out.high.append(high); out.low.append(low)
                    out.close.append(bars.close[j - 1]); out.volume.append(volume)
                }
                i = j
            }
        }
        if let failure { throw failure }
        return out
    }

    @inline(__always)
    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
