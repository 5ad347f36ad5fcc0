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
        var returns = [Double](repeating: .nan, count: n)
        var valid: [Double] = []
        valid.reserveCapacity(n)
        bars.close.withUnsafeBufferPointer { c in
            for i in 1..<n where c[i] > 0 && c[i - 1] > 0 && c[i].isFinite && c[i - 1].isFinite {
                let r = log(c[i] / c[i - 1])
                returns[i] = r
                valid.append(r)
            }
        }
        guard valid.count > 2 else { return [] }
        let median = Selection.median(valid)
        for k in valid.indices { valid[k] = abs(valid[k] - median) }
        let scale = 1.4826 * Selection.median(valid)
        guard scale > 0 else { return [] }
        let limit = threshold * scale
        var rows: [Int] = []
        for i in 1..<n where !returns[i].isNaN && abs(returns[i] - median) > limit { rows.append(i) }
        return rows
    }
}

/// Exact order statistics by radix selection: each double maps to an integer key with the
/// same order (flip all bits of negatives, set the sign bit of the rest). A histogram of the
/// keys' top 16 bits (sign, exponent and four mantissa bits) finds the bucket of the k-th key
/// and drops the keys of every other bucket; for returns and their deviations that leaves a
/// few percent of the keys, and the next bytes decide among them, one byte per pass.
/// Branch-free passes, so no mispredictions on random data (quickselect's partition
/// mispredicts about every other comparison).
enum Selection {
    /// The median (mean of the two middle values for an even count) of non-NaN `values`.
    static func median(_ values: [Double]) -> Double {
        let n = values.count
        precondition(n > 0)
        return values.withUnsafeBufferPointer { buffer in
            let upper = select(buffer, n / 2)
            return n % 2 == 1 ? upper : (select(buffer, n / 2 - 1) + upper) / 2
        }
    }

    /// The k-th smallest (0-based) of `values`.
    static func select(_ values: UnsafeBufferPointer<Double>, _ k: Int) -> Double {
        precondition(k >= 0 && k < values.count && values.count < Int(UInt32.max))
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: values.count) { keys in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 1 << 16) { histogram in
                for i in 0..<values.count {
                    let bits = values[i].bitPattern
                    keys[i] = bits >> 63 != 0 ? ~bits : bits | (1 << 63)
                }
                var count = values.count, rank = k
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
        }
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
