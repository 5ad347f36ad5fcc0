/// Probability of backtest overfitting by combinatorially symmetric cross-validation
/// (Bailey, Borwein, López de Prado, Zhu, "The Probability of Backtest Overfitting").
///
/// Semantics: the T × N matrix of per-period returns of N candidate strategies is cut into S
/// equal blocks in time order (the first T mod S rows are dropped so the most recent rows are
/// kept). For every subset c of S/2 blocks, in lexicographic order, the in-sample set is the
/// rows of c and the out-of-sample set the rest. Performance is the per-period Sharpe ratio
/// mean/s (ddof = 1). n* = argmax_k R_k in sample (lowest k on ties); ω = the out-of-sample
/// rank of n* among all N (ascending, average ranks on ties); λ = ln(ω / (N + 1 − ω)).
/// PBO = share of combinations with λ ≤ 0; the degradation is the OLS line of out-of-sample on
/// in-sample Sharpe of n*; the probability of loss is the share with out-of-sample Sharpe < 0.
public struct CSCVResult: Sendable, Equatable {
    /// Number of blocks S.
    public var blocks: Int
    /// Rows used, S ⌊T/S⌋.
    public var rowsUsed: Int
    /// Rows dropped at the start, T mod S.
    public var rowsDroppedAtStart: Int
    /// Rows per block.
    public var blockLength: Int
    /// Selected strategy n* per combination.
    public var selected: [Int]
    /// In-sample Sharpe ratio of n* per combination.
    public var inSampleSharpe: [Double]
    /// Out-of-sample Sharpe ratio of n* per combination.
    public var outOfSampleSharpe: [Double]
    /// Out-of-sample rank ω of n* (1 = worst, N = best) per combination.
    public var outOfSampleRank: [Double]
    /// Logit λ per combination.
    public var logits: [Double]
    /// Count of combinations with λ ≤ 0.
    public var overfitCount: Int
    /// Probability of backtest overfitting, overfitCount / C(S, S/2).
    public var pbo: Double
    /// Share of combinations whose selected strategy loses out of sample (Sharpe < 0).
    public var probabilityOfLoss: Double
    /// OLS of out-of-sample on in-sample Sharpe of n*: slope, intercept and R².
    public var degradation: (slope: Double, intercept: Double, rSquared: Double)
    /// Mean of λ.
    public var logitMean: Double
    /// Standard deviation of λ (ddof = 0).
    public var logitStd: Double

    public static func == (a: CSCVResult, b: CSCVResult) -> Bool {
        a.selected == b.selected && a.outOfSampleRank == b.outOfSampleRank && a.logits == b.logits
            && a.inSampleSharpe == b.inSampleSharpe && a.outOfSampleSharpe == b.outOfSampleSharpe
    }

    /// Runs CSCV on `returnsByStrategy[k][t]` with `blocks` = S (even, ≥ 2).
    public init(returnsByStrategy: [[Double]], blocks s: Int) throws(AnalyticsError) {
        guard s >= 2, s % 2 == 0 else { throw .invalidArgument(name: "blocks", expected: "an even number ≥ 2", got: "\(s)") }
        try AnalyticsError.checkCount(returnsByStrategy.count, atLeast: 2, for: "CSCV (strategies)")
        let t = returnsByStrategy[0].count
        guard returnsByStrategy.allSatisfy({ $0.count == t }) else {
            throw .lengthMismatch(what: "CSCV", lengths: returnsByStrategy.map(\.count))
        }
        for (k, r) in returnsByStrategy.enumerated() { try AnalyticsError.checkFinite(r, series: "strategy \(k)") }
        try AnalyticsError.checkCount(t, atLeast: 2 * s, for: "CSCV with \(s) blocks")
        let n = returnsByStrategy.count
        let m = t / s
        blocks = s
        blockLength = m
        rowsUsed = m * s
        rowsDroppedAtStart = t - rowsUsed

        // Per block and strategy: mean and sum of squared deviations (combined exactly below).
        var blockMean = [Double](repeating: 0, count: s * n)
        var blockM2 = [Double](repeating: 0, count: s * n)
        for k in 0..<n {
            for b in 0..<s {
                let start = rowsDroppedAtStart + b * m
                let slice = Array(returnsByStrategy[k][start..<(start + m)])
                let mu = Moments.mean(slice)
                blockMean[b * n + k] = mu
                blockM2[b * n + k] = Moments.sum(slice.map { ($0 - mu) * ($0 - mu) })
            }
        }

        let half = s / 2
        var combo = Array(0..<half)
        var inSet = [Bool](repeating: false, count: s)
        var isSR = [Double](repeating: 0, count: n), oosSR = [Double](repeating: 0, count: n)
        selected = []; inSampleSharpe = []; outOfSampleSharpe = []; outOfSampleRank = []; logits = []
        while true {
            for b in 0..<s { inSet[b] = false }
            for b in combo { inSet[b] = true }
            for k in 0..<n {
                isSR[k] = Self.sharpe(blockMean, blockM2, n: n, k: k, rows: m, blocks: inSet, inSample: true)
                oosSR[k] = Self.sharpe(blockMean, blockM2, n: n, k: k, rows: m, blocks: inSet, inSample: false)
            }
            var best = 0
            for k in 1..<n where isSR[k] > isSR[best] { best = k }
            let target = oosSR[best]
            var below = 0, equal = 0
            for k in 0..<n { if oosSR[k] < target { below += 1 } else if oosSR[k] == target { equal += 1 } }
            let rank = Double(below) + Double(equal + 1) / 2
            selected.append(best)
            inSampleSharpe.append(isSR[best])
            outOfSampleSharpe.append(target)
            outOfSampleRank.append(rank)
            logits.append(log(rank / (Double(n) + 1 - rank)))
            guard Self.advance(&combo, total: s) else { break }
        }

        let c = Double(logits.count)
        overfitCount = logits.filter { $0 <= 0 }.count
        pbo = Double(overfitCount) / c
        probabilityOfLoss = Double(outOfSampleSharpe.filter { $0 < 0 }.count) / c
        degradation = Moments.linearRegression(x: inSampleSharpe, y: outOfSampleSharpe)
        logitMean = Moments.mean(logits)
        logitStd = Moments.std(logits, ddof: 0)
    }

    /// Sharpe ratio of strategy k over the chosen blocks, merging block means and squared
    /// deviations: M2 = Σ M2_b + Σ m (mean_b − mean)².
    private static func sharpe(_ mean: [Double], _ m2: [Double], n: Int, k: Int, rows: Int,
                               blocks inSet: [Bool], inSample: Bool) -> Double {
        var total = 0.0, count = 0
        for b in inSet.indices where inSet[b] == inSample { total += mean[b * n + k]; count += 1 }
        let mu = total / Double(count)
        var ss = 0.0
        for b in inSet.indices where inSet[b] == inSample {
            let d = mean[b * n + k] - mu
            ss += m2[b * n + k] + Double(rows) * d * d
        }
        let std = (ss / Double(count * rows - 1)).squareRoot()
        return mu / std
    }

    /// Next subset in lexicographic order (itertools.combinations); false after the last.
    private static func advance(_ c: inout [Int], total: Int) -> Bool {
        let r = c.count
        var i = r - 1
        while i >= 0 && c[i] == total - r + i { i -= 1 }
        if i < 0 { return false }
        c[i] += 1
        for j in (i + 1)..<r { c[j] = c[j - 1] + 1 }
        return true
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
