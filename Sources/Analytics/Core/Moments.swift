/// Sample moments shared by the metrics and the tests. Sums are Neumaier-compensated so the
/// results do not depend on summation order beyond the last bit or two.
package enum Moments {
    /// A running Neumaier-compensated sum: adding x₁…xₙ in order gives exactly `sum` of them,
    /// so several sums can share one pass over the data without intermediate arrays.
    @frozen
    package struct CompensatedSum {
        @usableFromInline var s = 0.0
        @usableFromInline var c = 0.0

        @inlinable package init() {}

        @inlinable
        package mutating func add(_ v: Double) {
            let t = s + v
            if abs(s) >= abs(v) { c += (s - t) + v } else { c += (v - t) + s }
            s = t
        }

        /// Σ xᵢ so far.
        @inlinable package var value: Double { s + c }
    }

    /// Compensated sum Σ xᵢ.
    @inlinable package static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
        var total = CompensatedSum()
        for v in x { total.add(v) }
        return total.value
    }

    /// Compensated sum of an array.
    @inlinable package static func sum(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { sum($0) } }

    /// Arithmetic mean (1/n) Σ xᵢ.
    @inlinable package static func mean(_ x: [Double]) -> Double { sum(x) / Double(x.count) }

    /// Running sums of the powers 2, 3, 4 of deviations from a mean, so the central moments can
    /// share a pass with other sums.
    @frozen
    package struct DeviationPowerSums {
        @usableFromInline var d2 = CompensatedSum(), d3 = CompensatedSum(), d4 = CompensatedSum()

        @inlinable package init() {}

        /// Adds one deviation d = xᵢ − mean.
        @inlinable
        package mutating func add(_ d: Double) {
            let sq = d * d
            d2.add(sq); d3.add(sq * d); d4.add(sq * sq)
        }

        /// (m₂, m₃, m₄) over `count` deviations.
        @inlinable package func moments(count: Int) -> (m2: Double, m3: Double, m4: Double) {
            let n = Double(count)
            return (d2.value / n, d3.value / n, d4.value / n)
        }
    }

    /// Central moment m_k = (1/n) Σ (xᵢ − mean)^k for k = 2, 3, 4 in one pass after the mean.
    package static func centralMoments(_ x: [Double]) -> (mean: Double, m2: Double, m3: Double, m4: Double) {
        let m = mean(x)
        var sums = DeviationPowerSums()
        for v in x { sums.add(v - m) }
        let c = sums.moments(count: x.count)
        return (m, c.m2, c.m3, c.m4)
    }

    /// Sample variance with `ddof` degrees of freedom removed: Σ (xᵢ − mean)² / (n − ddof).
    package static func variance(_ x: [Double], ddof: Int = 1) -> Double {
        let m = mean(x)
        let d = x.map { ($0 - m) * ($0 - m) }
        return sum(d) / Double(x.count - ddof)
    }

    /// Sample standard deviation, ddof = 1 unless told.
    package static func std(_ x: [Double], ddof: Int = 1) -> Double { variance(x, ddof: ddof).squareRoot() }

    /// Sample covariance of paired series with `ddof` removed.
    package static func covariance(_ x: [Double], _ y: [Double], ddof: Int = 1) -> Double {
        let mx = mean(x), my = mean(y)
        var p = [Double](); p.reserveCapacity(x.count)
        for i in x.indices { p.append((x[i] - mx) * (y[i] - my)) }
        return sum(p) / Double(x.count - ddof)
    }

    /// numpy's default ('linear', Hyndman–Fan type 7) percentile of already sorted values,
    /// q in [0, 100]: h = (n−1)q/100, j = ⌊h⌋, P = x₍ⱼ₎ + (h−j)(x₍ⱼ₊₁₎ − x₍ⱼ₎).
    package static func percentile(sorted x: [Double], _ q: Double) -> Double {
        let h = Double(x.count - 1) * q / 100
        let j = Int(h.rounded(.down))
        if j >= x.count - 1 { return x[x.count - 1] }
        return x[j] + (h - Double(j)) * (x[j + 1] - x[j])
    }

    /// Ordinary least squares y = a + b x with R² (scipy.stats.linregress).
    package static func linearRegression(x: [Double], y: [Double]) -> (slope: Double, intercept: Double, rSquared: Double) {
        linearRegression(count: x.count, x: { x[$0] }, y: { y[$0] })
    }

    /// `linearRegression` of the points (x(i), y(i)), i in 0..<count, without building arrays.
    @inlinable
    package static func linearRegression(count: Int, x: (Int) -> Double, y: (Int) -> Double)
        -> (slope: Double, intercept: Double, rSquared: Double) {
        var sumX = CompensatedSum(), sumY = CompensatedSum()
        for i in 0..<count { sumX.add(x(i)); sumY.add(y(i)) }
        let mx = sumX.value / Double(count), my = sumY.value / Double(count)
        var sums = CrossDeviationSums()
        for i in 0..<count { sums.add(x(i) - mx, y(i) - my) }
        return sums.fit(meanX: mx, meanY: my)
    }

    /// Running sums of squared and crossed deviations from the means (Sxx, Syy, Sxy), so an OLS
    /// fit can share its second pass with other sums.
    @frozen
    package struct CrossDeviationSums {
        @usableFromInline var sxx = CompensatedSum(), syy = CompensatedSum(), sxy = CompensatedSum()

        @inlinable package init() {}

        /// Adds one point's deviations dx = xᵢ − x̄, dy = yᵢ − ȳ.
        @inlinable
        package mutating func add(_ dx: Double, _ dy: Double) {
            sxx.add(dx * dx); syy.add(dy * dy); sxy.add(dx * dy)
        }

        /// The OLS line y = a + b x and its R² (clamped r in [−1, 1], as scipy.stats.linregress).
        @inlinable
        package func fit(meanX mx: Double, meanY my: Double) -> (slope: Double, intercept: Double, rSquared: Double) {
            let ssxx = sxx.value, ssyy = syy.value, ssxy = sxy.value
            let slope = ssxy / ssxx
            var r = ssxy / (ssxx * ssyy).squareRoot()
            r = max(-1, min(1, r))
            return (slope, my - slope * mx, r * r)
        }
    }

    /// Rearranges `x` so that `x[k]` is the value a full ascending sort would put there, every
    /// element before it is ≤ it and every element after it ≥ it (quickselect with a
    /// median-of-three pivot, falling back to a sort of the range when partitions stay
    /// unbalanced, so the worst case stays O(n log n)). Order statistics equal a sort's exactly.
    package static func select(_ x: UnsafeMutableBufferPointer<Double>, _ k: Int) {
        precondition(k >= 0 && k < x.count, "order statistic out of range")
        var lo = 0, hi = x.count - 1
        var budget = 2 * (Int.bitWidth - x.count.leadingZeroBitCount) + 8
        while hi > lo {
            if budget == 0 {
                var range = UnsafeMutableBufferPointer(rebasing: x[lo...hi])
                range.sort()
                return
            }
            budget -= 1
            let mid = lo + (hi - lo) / 2
            if x[mid] < x[lo] { x.swapAt(mid, lo) }
            if x[hi] < x[lo] { x.swapAt(hi, lo) }
            if x[hi] < x[mid] { x.swapAt(hi, mid) }
            let pivot = x[mid]
            var i = lo, j = hi
            while i <= j {
                while x[i] < pivot { i += 1 }
                while x[j] > pivot { j -= 1 }
                if i <= j { x.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return }
        }
    }

    /// Ranks 1…n of `x` ascending with ties given the average of the ranks they span
    /// (scipy.stats.rankdata method='average').
    package static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let r = Double(i + j + 2) / 2
            for k in i...j { ranks[order[k]] = r }
            i = j + 1
        }
        return ranks
    }
}
