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
        let median = Selection.median(&valid)
        for k in valid.indices { valid[k] = abs(valid[k] - median) }
        let scale = 1.4826 * Selection.median(&valid)
        guard scale > 0 else { return [] }
        let limit = threshold * scale
        var rows: [Int] = []
        for i in 1..<n where !returns[i].isNaN && abs(returns[i] - median) > limit { rows.append(i) }
        return rows
    }
}

/// Order statistics in linear expected time (quickselect with median-of-three pivots).
enum Selection {
    /// The median of `values` (mean of the two middle values for an even count). Reorders `values`.
    static func median(_ values: inout [Double]) -> Double {
        let n = values.count
        precondition(n > 0)
        return values.withUnsafeMutableBufferPointer { buffer in
            let upper = select(buffer, n / 2)
            guard n % 2 == 0 else { return upper }
            // After selecting k, everything left of k is ≤ it: the lower middle is their maximum.
            var lower = -Double.infinity
            for i in 0..<(n / 2) where buffer[i] > lower { lower = buffer[i] }
            return (lower + upper) / 2
        }
    }

    /// The k-th smallest element (0-based); partially orders `a` around position k.
    static func select(_ a: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var lo = 0, hi = a.count - 1
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
