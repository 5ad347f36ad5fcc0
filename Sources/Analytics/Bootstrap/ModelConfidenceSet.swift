/// Hansen, Lunde & Nason's (2011) model confidence set with the range statistic T_R
/// (arch 8.0's `MCS(method='R')`).
///
/// Semantics: losses are negative returns, Lₖ,ₜ = −rₖ,ₜ. With L̄ₖ the mean loss,
/// dᵢⱼ = L̄ᵢ − L̄ⱼ, bootstrap deviations eᵢⱼ,ᵦ = (L̄*ᵢ,ᵦ − L̄*ⱼ,ᵦ) − dᵢⱼ,
/// varᵢⱼ = mean_b e²ᵢⱼ,ᵦ (+1 on the diagonal), tᵢⱼ = dᵢⱼ/√varᵢⱼ. While more than one
/// strategy remains: T_R = max tᵢⱼ over remaining pairs, p = #{b : T_R < max eᵢⱼ,ᵦ/√varᵢⱼ}/B,
/// the i of the maximizing pair is eliminated with p; the last one gets p = 1. Reported
/// p-values are the running maximum in elimination order; the set holds the strategies with
/// p > size. The same bootstrap replicates serve every step.
public struct ModelConfidenceSet: Sendable, Equatable {
    /// Size of the test (the set keeps strategies with p-value > size).
    public var size: Double
    /// MCS p-value of each strategy (input order).
    public var pValues: [Double]
    /// 0-based indices in the set, ascending.
    public var included: [Int]
    /// Elimination order, first eliminated first.
    public var eliminationOrder: [Int]

    /// `strategies[k][t]` are per-period returns (higher is better).
    public init(strategies: [[Double]], size: Double = 0.1, blockSize: Double = 10, replicates: Int = 10_000,
                seed: UInt64) throws(AnalyticsError) {
        try AnalyticsError.checkCount(strategies.count, atLeast: 2, for: "model confidence set (strategies)")
        guard size > 0 && size < 1 else { throw .invalidArgument(name: "size", expected: "a number in (0, 1)", got: "\(size)") }
        let boot = try BootstrapMeans(series: strategies, scheme: .stationary(meanBlockLength: blockSize),
                                      replicates: replicates, seed: seed)
        self.init(boot, size: size)
    }

    init(_ boot: BootstrapMeans, size: Double) {
        self.size = size
        let k = boot.columns, reps = boot.replicates
        // u[b * k + i] = L̄*ᵢ,ᵦ − L̄ᵢ with L = −r.
        var u = [Double](repeating: 0, count: reps * k)
        for b in 0..<reps { for i in 0..<k { u[b * k + i] = -(boot.means[b * k + i] - boot.sampleMeans[i]) } }
        let lbar = boot.sampleMeans.map { -$0 }
        var invSD = [Double](repeating: 0, count: k * k)
        var t = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0..<k {
                var s = 0.0
                for b in 0..<reps { let e = u[b * k + i] - u[b * k + j]; s += e * e }
                let v = s / Double(reps) + (i == j ? 1 : 0)
                invSD[i * k + j] = 1 / v.squareRoot()
                t[i * k + j] = (lbar[i] - lbar[j]) * invSD[i * k + j]
            }
        }
        var remaining = Array(0..<k)
        var order: [Int] = [], raw: [Double] = []
        u.withUnsafeBufferPointer { ub in
            invSD.withUnsafeBufferPointer { w in
                while remaining.count > 1 {
                    var best = -Double.infinity, worst = remaining[0]
                    for i in remaining { for j in remaining where t[i * k + j] > best { best = t[i * k + j]; worst = i } }
                    var exceed = 0
                    for b in 0..<reps {
                        let row = ub.baseAddress! + b * k
                        var m = -Double.infinity
                        for i in remaining {
                            let ui = row[i]
                            for j in remaining { m = max(m, (ui - row[j]) * w[i * k + j]) }
                        }
                        if best < m { exceed += 1 }
                    }
                    order.append(worst)
                    raw.append(Double(exceed) / Double(reps))
                    remaining.removeAll { $0 == worst }
                }
            }
        }
        order.append(remaining[0]); raw.append(1)
        var p = [Double](repeating: 1, count: k)
        var running = 0.0
        for (idx, value) in zip(order, raw) { running = max(running, value); p[idx] = running }
        pValues = p
        eliminationOrder = order
        included = (0..<k).filter { p[$0] > size }
    }
}
