/// The two data-changing steps of validation, each counted in the report.
enum Cleaner {
    /// Keeps rows that are not broken and are strictly later than the last kept row.
    static func drop(_ bars: BarSeries, broken: [Bool], report: inout ValidationReport) -> BarSeries {
        var keep: [Int] = []
        keep.reserveCapacity(bars.count)
        var last = Int64.min
        for i in 0..<bars.count {
            if broken[i] && bars.ts[i] > last { report.droppedInvalid += 1; continue }
            if bars.ts[i] <= last { report.droppedOutOfOrder += 1; continue }
            keep.append(i)
            last = bars.ts[i]
        }
        if keep.count == bars.count { return bars }
        return BarSeries(instrument: bars.instrument, timeframe: bars.timeframe, ts: keep.map { bars.ts[$0] },
                         open: keep.map { bars.open[$0] }, high: keep.map { bars.high[$0] }, low: keep.map { bars.low[$0] },
                         close: keep.map { bars.close[$0] }, volume: keep.map { bars.volume[$0] })
    }

    /// Inserts a bar at the previous close (volume 0) into every empty timeframe slot between
    /// consecutive bars; returns the series and a flag per bar marking the inserted ones.
    static func fillGaps(_ bars: BarSeries, report: inout ValidationReport) -> (BarSeries, [Bool]) {
        let timeframe = bars.timeframe
        var out = BarSeries(instrument: bars.instrument, timeframe: bars.timeframe, ts: [], open: [], high: [], low: [], close: [], volume: [])
        var filled: [Bool] = []
        let capacity = bars.count + report.missingBars
        out.ts.reserveCapacity(capacity); out.open.reserveCapacity(capacity); out.high.reserveCapacity(capacity)
        out.low.reserveCapacity(capacity); out.close.reserveCapacity(capacity); out.volume.reserveCapacity(capacity)
        filled.reserveCapacity(capacity)
        for i in 0..<bars.count {
            if i > 0 {
                var t = timeframe.nextOpen(after: bars.ts[i - 1])
                let price = bars.close[i - 1]
                while t < bars.ts[i] {
                    out.ts.append(t); out.open.append(price); out.high.append(price); out.low.append(price)
                    out.close.append(price); out.volume.append(0); filled.append(true)
                    report.filled += 1
                    t = timeframe.nextOpen(after: t)
                }
            }
            out.ts.append(bars.ts[i]); out.open.append(bars.open[i]); out.high.append(bars.high[i]); out.low.append(bars.low[i])
            out.close.append(bars.close[i]); out.volume.append(bars.volume[i]); filled.append(false)
        }
        return (out, filled)
    }
}
