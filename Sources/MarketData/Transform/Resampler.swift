/// Aggregates bars into a coarser timeframe.
///
/// Semantics: a target bar of length Δ covers `[k·Δ, (k+1)·Δ)` in UTC epoch time (weeks start
/// on Monday 00:00 UTC); a month (`1M`) covers its calendar month in UTC, from any source
/// timeframe of a day or less. Its open is the first source open in that window, high the maximum
/// high, low the minimum low, close the last close and volume the sum of volumes (added in time
/// order). Windows without source bars produce no bar; windows with some bars missing still
/// produce one (validate the source for gaps first). The last window is dropped unless the
/// source reaches its end, or `keepIncomplete` is set — a half-formed bar would look ahead of
/// what a live system could have seen.
public enum Resampler {
    /// Resamples `bars` (strictly ascending) to `target`, a multiple of the source timeframe.
    public static func resample(_ bars: BarSeries, to target: Timeframe, keepIncomplete: Bool = false) throws(DataError) -> BarSeries {
        let source = bars.timeframe
        // A month is a whole number of days, so every source that divides a day divides it.
        let step = target.isFixedLength ? target.milliseconds : 86_400_000
        guard source.isFixedLength, step >= source.milliseconds, step % source.milliseconds == 0 else {
            throw .invalidArgument("cannot resample \(source) bars to \(target): the target must be a whole multiple of \(source)")
        }
        var out = BarSeries(instrument: bars.instrument, timeframe: target, ts: [], open: [], high: [], low: [], close: [], volume: [])
        let estimate = Int(min(Int64(bars.count), Int64(bars.count) * source.milliseconds / target.milliseconds + 1))
        out.ts.reserveCapacity(estimate); out.open.reserveCapacity(estimate); out.high.reserveCapacity(estimate)
        out.low.reserveCapacity(estimate); out.close.reserveCapacity(estimate); out.volume.reserveCapacity(estimate)

        var failure: DataError?
        bars.ts.withUnsafeBufferPointer { ts in
            var i = 0
            let n = ts.count
            while i < n {
                let bucket = target.barOpen(containing: ts[i]), end = target.nextOpen(after: bucket)
                var high = bars.high[i], low = bars.low[i], volume = bars.volume[i]
                let open = bars.open[i]
                var j = i + 1
                while j < n && ts[j] < end {
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
                let complete = j < n || ts[j - 1] + source.milliseconds >= end
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
}
