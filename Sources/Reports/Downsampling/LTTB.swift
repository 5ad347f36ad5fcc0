/// Largest-triangle-three-buckets downsampling (Steinarsson, 2013): keeps the shape of a long
/// line with a fixed number of points.
///
/// Semantics: the first and last points are always kept. The points between are split into
/// `threshold - 2` equal buckets (by index); from each bucket the point kept is the one forming
/// the largest triangle with the point kept from the previous bucket and the average of the
/// next bucket (the last point for the final bucket). Inputs must be finite and sorted by x;
/// with `threshold >= count` every index is returned, with `threshold < 3` only the ends.
public enum LTTB {
    /// Indices of the kept points, increasing.
    public static func indices(x: [Double], y: [Double], threshold: Int) -> [Int] {
        let count = min(x.count, y.count)
        if threshold >= count { return Array(0..<count) }
        if threshold < 3 { return count == 0 ? [] : (count == 1 ? [0] : [0, count - 1]) }
        let buckets = threshold - 2
        let every = Double(count - 2) / Double(buckets)
        var kept = [Int]()
        kept.reserveCapacity(threshold)
        kept.append(0)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                var anchor = 0
                for bucket in 0..<buckets {
                    let start = Int(Double(bucket) * every) + 1
                    let end = min(Int(Double(bucket + 1) * every) + 1, count - 1)
                    let nextStart = end
                    let nextEnd = min(Int(Double(bucket + 2) * every) + 1, count - 1)
                    var avgX = 0.0, avgY = 0.0
                    if nextEnd > nextStart {
                        for j in nextStart..<nextEnd { avgX += xs[j]; avgY += ys[j] }
                        avgX /= Double(nextEnd - nextStart)
                        avgY /= Double(nextEnd - nextStart)
                    } else {
                        avgX = xs[count - 1]
                        avgY = ys[count - 1]
                    }
                    let ax = xs[anchor], ay = ys[anchor]
                    var best = start, bestArea = -1.0
                    for j in start..<max(end, start + 1) {
                        // Twice the triangle's area; the factor does not change the argmax.
                        let area = abs((ax - avgX) * (ys[j] - ay) - (ax - xs[j]) * (avgY - ay))
                        if area > bestArea { bestArea = area; best = j }
                    }
                    kept.append(best)
                    anchor = best
                }
            }
        }
        kept.append(count - 1)
        return kept
    }
}
