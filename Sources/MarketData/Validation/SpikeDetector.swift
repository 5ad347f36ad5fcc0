import Foundation

/// Flags price spikes by the robust z-score of close-to-close log returns.
///
/// Semantics: r_i = log(close_i / close_{i−1}) for consecutive rows with positive, finite
/// closes; z_i = (r_i − median(r)) / (1.4826 · MAD(r)), where MAD is the median absolute
/// deviation (1.4826 makes it estimate σ under a normal law). Row i is a spike when
/// |z_i| > threshold. Median and MAD come from the whole series, so a calm regime does not
/// hide a jump; with MAD = 0 (a flat series) nothing is flagged.
public enum SpikeDetector {
    /// Row indices (ascending) whose incoming log return is a spike.
    public static func spikes(_ bars: BarSeries, threshold: Double) -> [Int] {
        let n = bars.count
        guard n > 2 else { return [] }
        // returns[i] is NaN where row i has no return (its close or the previous one is unusable).
        var returns = [Double](repeating: .nan, count: n)
        var valid = 0
        returns.withUnsafeMutableBufferPointer { r in
            bars.close.withUnsafeBufferPointer { c in
                for i in 1..<n where c[i] > 0 && c[i - 1] > 0 && c[i].isFinite && c[i - 1].isFinite {
                    r[i] = log(c[i] / c[i - 1])
                    valid += 1
                }
            }
        }
        guard valid > 2 else { return [] }
        return returns.withUnsafeBufferPointer { r in
            guard let (median, deviation) = Selection.medianAndDeviation(r) else { return [] }
            let scale = 1.4826 * deviation
            guard scale > 0 else { return [] }
            let limit = threshold * scale
            var rows: [Int] = []
            for i in 1..<n where !r[i].isNaN && abs(r[i] - median) > limit { rows.append(i) }
            return rows
        }
    }
}

/// Exact order statistics by radix selection: each double maps to an integer key with the
/// same order (flip all bits of negatives, set the sign bit of the rest). A histogram of the
/// keys' top 16 bits (sign, exponent and four mantissa bits) finds the bucket of the k-th key
/// and drops the keys of every other bucket; for returns and their deviations that leaves a
/// few percent of the keys, and the next bytes decide among them, one byte per pass.
/// Branch-free passes, so no mispredictions on random data (quickselect's partition
/// mispredicts about every other comparison). The key buffer is allocated once per call.
enum Selection {
    /// The median (mean of the two middle values for an even count) of non-NaN `values`.
    static func median(_ values: [Double]) -> Double {
        precondition(!values.isEmpty)
        return values.withUnsafeBufferPointer { buffer in
            withScratch(buffer.count) { keys, histogram in median(buffer, around: nil, keys, histogram)! }
        }
    }

    /// The k-th smallest (0-based) of non-NaN `values`.
    static func select(_ values: UnsafeBufferPointer<Double>, _ k: Int) -> Double {
        withScratch(values.count) { keys, histogram in
            let count = fillKeys(values, around: nil, keys)
            precondition(k >= 0 && k < count)
            return select(keys, count, k, histogram)
        }
    }

    /// The median m of the non-NaN entries of `values` and the median of their absolute
    /// deviations |x − m| (the MAD); nil when every entry is NaN.
    static func medianAndDeviation(_ values: UnsafeBufferPointer<Double>) -> (Double, Double)? {
        withScratch(values.count) { keys, histogram in
            guard let center = median(values, around: nil, keys, histogram) else { return nil }
            return (center, median(values, around: center, keys, histogram)!)
        }
    }

    /// Runs `body` with room for `count` keys and a 2^16-bucket histogram.
    static func withScratch<R>(_ count: Int, _ body: (UnsafeMutableBufferPointer<UInt64>, UnsafeMutableBufferPointer<UInt32>) -> R) -> R {
        precondition(count < Int(UInt32.max))
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { keys in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 1 << 16) { histogram in body(keys, histogram) }
        }
    }

    /// The median of the non-NaN entries x of `values` — or of |x − center| when a center is
    /// given — or nil when there are none.
    static func median(_ values: UnsafeBufferPointer<Double>, around center: Double?, _ keys: UnsafeMutableBufferPointer<UInt64>,
                       _ histogram: UnsafeMutableBufferPointer<UInt32>) -> Double? {
        let count = fillKeys(values, around: center, keys)
        guard count > 0 else { return nil }
        let upper = select(keys, count, count / 2, histogram)
        guard count % 2 == 0 else { return upper }
        _ = fillKeys(values, around: center, keys)     // selection consumed the keys
        return (select(keys, count, count / 2 - 1, histogram) + upper) / 2
    }

    /// Writes the order-preserving keys of the non-NaN entries x (or of |x − center|) to the
    /// front of `keys`; returns how many.
    static func fillKeys(_ values: UnsafeBufferPointer<Double>, around center: Double?, _ keys: UnsafeMutableBufferPointer<UInt64>) -> Int {
        var count = 0
        let deviations = center != nil, c = center ?? 0
        for x in values {
            let bits = (deviations ? abs(x - c) : x).bitPattern
            keys[count] = bits >> 63 != 0 ? ~bits : bits | (1 << 63)
            count &+= x.isNaN ? 0 : 1
        }
        return count
    }

    /// The k-th smallest of the values whose keys are the first `count` of `keys` (which it
    /// reorders).
    static func select(_ keys: UnsafeMutableBufferPointer<UInt64>, _ count: Int, _ k: Int,
                       _ histogram: UnsafeMutableBufferPointer<UInt32>) -> Double {
        var count = count, rank = k
        var shift: UInt64 = 48, width: UInt64 = 16
        while true {
            narrow(keys, &count, &rank, shift: shift, width: width, histogram: histogram)
            if count == 1 || shift == 0 { break }     // one key left, or all remaining keys equal
            width = 8
            shift -= 8
        }
        let key = keys[0]
        return Double(bitPattern: key >> 63 != 0 ? key & ~(1 << 63) : ~key)
    }
    /// One pass on the digit `(key >> shift) & (2^width − 1)` of the first `count` keys: keeps
    /// (moved to the front, in order) only the keys whose digit is that of the `rank`-th
    /// smallest, and makes `rank` the rank among them.
    @inline(__always)
    static func narrow(_ keys: UnsafeMutableBufferPointer<UInt64>, _ count: inout Int, _ rank: inout Int, shift: UInt64,
                       width: UInt64, histogram: UnsafeMutableBufferPointer<UInt32>) {
        let mask: UInt64 = (1 << width) - 1
        let buckets = Int(1 << width)
        histogram.baseAddress!.initialize(repeating: 0, count: buckets)
        for i in 0..<count { histogram[Int(truncatingIfNeeded: (keys[i] >> shift) & mask)] &+= 1 }
        var digit = 0
        while rank >= Int(histogram[digit]) { rank -= Int(histogram[digit]); digit += 1 }
        var kept = 0
        for i in 0..<count {
            let key = keys[i]
            keys[kept] = key
            kept &+= (key >> shift) & mask == UInt64(digit) ? 1 : 0
        }
        count = kept
    }
}
