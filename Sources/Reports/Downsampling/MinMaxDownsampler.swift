/// Min/max-per-pixel-column downsampling: exact for drawing, because a column of pixels can
/// only show the extremes of the points that fall in it.
///
/// Semantics: the x range is divided into `columns` equal columns; in each non-empty column the
/// first, lowest, highest and last points are kept (duplicates once), in index order. So at most
/// `4 × columns` points remain, every local extreme survives, and lines between columns join the
/// right ends. Inputs must be finite and sorted by x.
public enum MinMaxDownsampler {
    /// Indices of the kept points, increasing.
    public static func indices(x: [Double], y: [Double], columns: Int) -> [Int] {
        let count = min(x.count, y.count)
        guard count > 4 * max(columns, 1), columns > 0 else { return Array(0..<count) }
        var kept = [Int]()
        kept.reserveCapacity(4 * columns)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                let x0 = xs[0], span = xs[count - 1] - xs[0]
                let width = span > 0 ? span / Double(columns) : 1
                var i = 0
                while i < count {
                    let column = span > 0 ? min(Int((xs[i] - x0) / width), columns - 1) : 0
                    let first = i
                    var lowest = i, highest = i
                    i += 1
                    while i < count, (span > 0 ? min(Int((xs[i] - x0) / width), columns - 1) : 0) == column {
                        if ys[i] < ys[lowest] { lowest = i }
                        if ys[i] > ys[highest] { highest = i }
                        i += 1
                    }
                    let last = i - 1
                    for index in [first, min(lowest, highest), max(lowest, highest), last] where kept.last != index {
                        kept.append(index)
                    }
                }
            }
        }
        return kept
    }
}
