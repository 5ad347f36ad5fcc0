/// Deterministic resampling of daily returns for the sample fan chart: block bootstrap whose
/// block starts follow the golden-ratio (Weyl) sequence instead of a random generator, so the
/// sample report is identical on every run.
struct DemoMonteCarlo {
    var paths: [[Double]] = []
    var finalReturns: [Double] = []
    var maxDrawdowns: [Double] = []

    init(dailyReturns: [Double], paths count: Int, blockLength: Int = 30) {
        let n = dailyReturns.count
        guard n > 0 else { return }
        let phi = 0.6180339887498949
        var u = 0.5
        for _ in 0..<count {
            var equity = [Double](repeating: 1, count: n)
            var value = 1.0, peak = 1.0, worst = 0.0
            var i = 0
            while i < n {
                u = (u + phi).truncatingRemainder(dividingBy: 1)
                let start = Int(u * Double(n))
                for k in 0..<blockLength where i < n {
                    value *= 1 + dailyReturns[(start + k) % n]
                    equity[i] = value
                    peak = max(peak, value)
                    worst = min(worst, value / peak - 1)
                    i += 1
                }
            }
            paths.append(equity)
            finalReturns.append(value - 1)
            maxDrawdowns.append(worst)
        }
    }
}
