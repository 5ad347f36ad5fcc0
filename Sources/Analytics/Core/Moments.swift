/// Sample moments shared by the metrics and the tests. Sums are Neumaier-compensated so the
/// results do not depend on summation order beyond the last bit or two.
package enum Moments {
    /// Compensated sum Σ xᵢ.
    @inlinable package static func sum(_ x: UnsafeBufferPointer<Double>) -> Double {
        var s = 0.0, c = 0.0
        for v in x {
            let t = s + v
            if abs(s) >= abs(v) { c += (s - t) + v } else { c += (v - t) + s }
            s = t
        }
        return s + c
    }

    /// Compensated sum of an array.
    @inlinable package static func sum(_ x: [Double]) -> Double { x.withUnsafeBufferPointer { sum($0) } }

    /// Arithmetic mean (1/n) Σ xᵢ.
    @inlinable package static func mean(_ x: [Double]) -> Double { sum(x) / Double(x.count) }

    /// Central moment m_k = (1/n) Σ (xᵢ − mean)^k for k = 2, 3, 4 in one pass after the mean.
    package static func centralMoments(_ x: [Double]) -> (mean: Double, m2: Double, m3: Double, m4: Double) {
        let m = mean(x)
        var d2 = [Double](), d3 = [Double](), d4 = [Double]()
        d2.reserveCapacity(x.count); d3.reserveCapacity(x.count); d4.reserveCapacity(x.count)
        for v in x {
            let d = v - m
            let sq = d * d
            d2.append(sq); d3.append(sq * d); d4.append(sq * sq)
        }
        let n = Double(x.count)
        return (m, sum(d2) / n, sum(d3) / n, sum(d4) / n)
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
        let mx = mean(x), my = mean(y)
        var sxx = [Double](), syy = [Double](), sxy = [Double]()
        sxx.reserveCapacity(x.count); syy.reserveCapacity(x.count); sxy.reserveCapacity(x.count)
        for i in x.indices {
            let dx = x[i] - mx, dy = y[i] - my
            sxx.append(dx * dx); syy.append(dy * dy); sxy.append(dx * dy)
        }
        let ssxx = sum(sxx), ssyy = sum(syy), ssxy = sum(sxy)
        let slope = ssxy / ssxx
        var r = ssxy / (ssxx * ssyy).squareRoot()
        r = max(-1, min(1, r))
        return (slope, my - slope * mx, r * r)
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
