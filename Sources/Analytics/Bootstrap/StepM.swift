/// Romano & Wolf's (2005) StepM: the set of strategies that beat the benchmark, controlling
/// the family-wise error rate, with step-down adjusted p-values.
///
/// Semantics (arch 8.0's algorithm): Zₖ,ᵦ = s_k (d̄*ₖ,ᵦ − g_consistent(d̄ₖ)) with s_k = 1
/// (unstudentized, arch's form) or √T/ωₖ (studentized). Starting from all strategies as
/// active, the critical value is numpy's linear 100(1 − size)-th percentile of
/// max_{k active} Zₖ,ᵦ over the replicates; active strategies with s_k d̄ₖ above it are
/// superior and leave the active set; repeat until no new strategy is found. The step-down
/// p-value of the strategy ranked r-th by s_k d̄ₖ (descending) is
/// max_{s≤r} #{b : max_{j ranked ≥ s} Zⱼ,ᵦ > s₍ₛ₎ d̄₍ₛ₎} / B.
public struct StepM: Sendable, Equatable {
    /// Whether the statistics were studentized.
    public var studentized: Bool
    /// Family-wise error rate.
    public var size: Double
    /// 0-based indices of the superior strategies, ascending.
    public var superior: [Int]
    /// Step-down adjusted p-value of each strategy (input order).
    public var adjustedPValues: [Double]

    public init(strategies: [[Double]], benchmark: [Double], size: Double = 0.05, studentized: Bool = true,
                blockSize: Double = 10, replicates: Int = 10_000, seed: UInt64) throws(AnalyticsError) {
        guard size > 0 && size < 1 else { throw .invalidArgument(name: "size", expected: "a number in (0, 1)", got: "\(size)") }
        let diff = try LossDifferentials(strategies: strategies, benchmark: benchmark, blockSize: blockSize,
                                         replicates: replicates, seed: seed)
        self.init(diff, size: size, studentized: studentized)
    }

    init(_ diff: LossDifferentials, size: Double, studentized: Bool) {
        self.size = size
        self.studentized = studentized
        let k = diff.strategies, reps = diff.replicates
        let scale = diff.scales(studentized: studentized)
        let g = diff.recentring(.consistent)
        let observed = (0..<k).map { diff.meanDifferential[$0] * scale[$0] }
        // Z[b * k + j]
        var z = [Double](repeating: 0, count: reps * k)
        for b in 0..<reps {
            for j in 0..<k { z[b * k + j] = (diff.bootstrapMeans[b * k + j] - g[j]) * scale[j] }
        }
        var active = [Bool](repeating: true, count: k)
        var found: [Int] = []
        var maxima = [Double](repeating: 0, count: reps)
        while active.contains(true) {
            for b in 0..<reps {
                var m = -Double.infinity
                for j in 0..<k where active[j] { m = max(m, z[b * k + j]) }
                maxima[b] = m
            }
            let critical = Moments.percentile(sorted: maxima.sorted(), 100 * (1 - size))
            let newOnes = (0..<k).filter { active[$0] && observed[$0] > critical }
            if newOnes.isEmpty { break }
            for j in newOnes { active[j] = false }
            found += newOnes
        }
        superior = found.sorted()

        let order = (0..<k).sorted { observed[$0] > observed[$1] || (observed[$0] == observed[$1] && $0 < $1) }
        var adjusted = [Double](repeating: 1, count: k)
        var running = 0.0
        for (r, idx) in order.enumerated() {
            let rest = order[r...]
            var exceed = 0
            for b in 0..<reps {
                var m = -Double.infinity
                for j in rest { m = max(m, z[b * k + j]) }
                if m > observed[idx] { exceed += 1 }
            }
            running = max(running, Double(exceed) / Double(reps))
            adjusted[idx] = running
        }
        adjustedPValues = adjusted
    }
}
