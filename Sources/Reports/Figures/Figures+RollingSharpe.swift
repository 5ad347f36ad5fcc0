extension Figures {
    /// Annualised Sharpe ratio of simple returns over a trailing window, aligned with `equity`.
    ///
    /// Semantics: r[i] = equity[i] / equity[i-1] - 1; the value at bar i uses r[i-window+1...i]:
    /// mean / sample standard deviation (n - 1) × √periodsPerYear, risk-free rate zero. Bars with
    /// fewer than `window` returns before them, a window holding a non-finite return, or a zero
    /// deviation (constant returns) are NaN. Sliding sums of returns shifted by a reference value
    /// make it O(n); they are rebuilt every `window` bars to bound rounding drift.
    public static func rollingSharpe(equity: [Double], window: Int, periodsPerYear: Double) -> [Double] {
        var out = [Double](repeating: .nan, count: equity.count)
        guard window >= 2, equity.count > window else { return out }
        var returns = [Double](repeating: .nan, count: equity.count)
        for i in 1..<equity.count { returns[i] = equity[i] / equity[i - 1] - 1 }
        let scale = periodsPerYear.squareRoot()
        let n = Double(window)
        var shift = 0.0, sum = 0.0, sumSquares = 0.0
        for i in window..<equity.count {
            if (i - window) % window == 0 || !sum.isFinite {
                shift = returns[i]
                sum = 0; sumSquares = 0
                for j in (i - window + 1)...i {
                    let d = returns[j] - shift
                    sum += d; sumSquares += d * d
                }
            } else {
                let added = returns[i] - shift, removed = returns[i - window] - shift
                sum += added - removed
                sumSquares += added * added - removed * removed
            }
            let mean = sum / n
            let variance = (sumSquares - sum * mean) / (n - 1)
            guard variance.isFinite, variance > 0 else { continue }
            let deviation = variance.squareRoot()
            let meanReturn = mean + shift
            guard deviation > 1e-12 * abs(meanReturn) else { continue }
            out[i] = meanReturn / deviation * scale
        }
        return out
    }
}
