/// Purged k-fold splits with an embargo (López de Prado, *Advances in Financial Machine
/// Learning*, §7.4).
///
/// Semantics: the samples (bar indices with a usable label, ascending) are cut into `folds`
/// contiguous groups, the first `count % folds` one sample longer (numpy's `array_split`).
/// Sample `i`'s label interval is `[i, end[i]]`. For each test group, a training candidate `j`
/// is **purged** when `[j, end[j]]` overlaps the interval of any test sample (closed
/// intervals: sharing one bar is overlap), and **embargoed** when it starts in the `embargo`
/// bars after the fold, `maxEnd < j ≤ maxEnd + embargo` with `maxEnd` the last bar any test
/// label reads. Everything else trains.
public enum PurgedKFold {
    public static func splits(samples: [Int], end: [Int], folds: Int, embargo: Int) throws(LearningError) -> [Split] {
        try ValidationSpec.purgedKFold(folds: folds, embargo: embargo).validate()
        guard samples.count >= folds else {
            throw .tooFewRows(what: "purged \(folds)-fold cross-validation", needed: folds, got: samples.count)
        }
        let n = samples.count
        var splits: [Split] = []
        splits.reserveCapacity(folds)
        var start = 0
        for f in 0..<folds {
            let size = n / folds + (f < n % folds ? 1 : 0)
            let testRange = start..<(start + size)
            start += size
            let union = mergedIntervals(testRange.map { (samples[$0], end[samples[$0]]) })
            let maxEnd = union.last!.1
            var train: [Int] = []
            train.reserveCapacity(n - size)
            var purged = 0, embargoed = 0
            for k in 0..<n where !testRange.contains(k) {
                let j = samples[k]
                if overlaps(union, j, end[j]) { purged += 1 }
                else if j > maxEnd && j <= maxEnd + embargo { embargoed += 1 }
                else { train.append(j) }
            }
            splits.append(Split(train: train, test: testRange.map { samples[$0] }, purged: purged, embargoed: embargoed))
        }
        return splits
    }

    /// The union of closed intervals given in ascending order of start, as disjoint intervals
    /// ascending in both ends.
    static func mergedIntervals(_ intervals: [(Int, Int)]) -> [(Int, Int)] {
        var merged: [(Int, Int)] = []
        for (a, b) in intervals {
            if let last = merged.last, a <= last.1 { merged[merged.count - 1].1 = max(last.1, b) }
            else { merged.append((a, b)) }
        }
        return merged
    }

    /// Whether `[a, b]` meets any interval of `union` (disjoint, ascending).
    static func overlaps(_ union: [(Int, Int)], _ a: Int, _ b: Int) -> Bool {
        // The last interval starting at or before b is the only candidate: earlier ones end
        // before it starts.
        var lo = 0, hi = union.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if union[mid].0 <= b { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && union[lo - 1].1 >= a
    }
}
