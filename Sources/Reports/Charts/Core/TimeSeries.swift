/// A named series of values at epoch-millisecond timestamps (increasing), the input of the
/// time charts.
public struct TimeSeries: Sendable, Equatable {
    public var name: String
    public var ts: [Int64]
    public var values: [Double]

    public init(name: String, ts: [Int64], values: [Double]) {
        self.name = name
        self.ts = ts
        self.values = values
    }

    /// The drawable points: NaN/infinite values (and non-positive ones when `positiveOnly`) are
    /// skipped, so the line joins the neighbouring points; then thinned with `downsampling`.
    func drawable(positiveOnly: Bool = false, downsampling: Downsampling) -> (x: [Double], y: [Double]) {
        let count = min(ts.count, values.count)
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(count)
        ys.reserveCapacity(count)
        for i in 0..<count {
            let v = values[i]
            guard v.isFinite, !positiveOnly || v > 0 else { continue }
            xs.append(Double(ts[i]))
            ys.append(v)
        }
        let keep = downsampling.indices(x: xs, y: ys)
        if keep.count == xs.count { return (xs, ys) }
        return (keep.map { xs[$0] }, keep.map { ys[$0] })
    }

    /// The drawable points split into runs at every NaN/infinite (or, when `positiveOnly`,
    /// non-positive) value, so gaps stay gaps; each run is thinned with its share of the
    /// downsampling budget.
    func drawableSegments(positiveOnly: Bool = false, downsampling: Downsampling) -> [(x: [Double], y: [Double])] {
        let count = min(ts.count, values.count)
        var runs: [Range<Int>] = []
        var start: Int? = nil
        for i in 0..<count {
            let v = values[i]
            let ok = v.isFinite && (!positiveOnly || v > 0)
            if ok, start == nil { start = i }
            if !ok, let s = start { runs.append(s..<i); start = nil }
        }
        if let s = start { runs.append(s..<count) }
        let total = runs.reduce(0) { $0 + $1.count }
        return runs.map { run in
            let xs = run.map { Double(ts[$0]) }, ys = Array(values[run])
            let keep = downsampling.share(Double(run.count) / Double(max(total, 1))).indices(x: xs, y: ys)
            return keep.count == xs.count ? (xs, ys) : (keep.map { xs[$0] }, keep.map { ys[$0] })
        }
    }
}
