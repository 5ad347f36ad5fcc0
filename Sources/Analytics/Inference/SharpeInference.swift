/// Sharpe ratio inference after Bailey & López de Prado: the probabilistic Sharpe ratio and
/// minimum track record length ("The Sharpe Ratio Efficient Frontier", 2012) and the deflated
/// Sharpe ratio ("The Deflated Sharpe Ratio", 2014).
///
/// Semantics: all Sharpe ratios are per period (not annualized), SR = mean / s with s the
/// ddof = 1 standard deviation; g₃ is the biased skewness m₃/m₂^1.5 and g₄ the biased,
/// non-excess kurtosis m₄/m₂² (normal = 3); n is the number of returns.
public struct SharpeMoments: Sendable, Equatable {
    /// Per-period Sharpe ratio.
    public var sharpe: Double
    /// Number of observations.
    public var count: Int
    /// Skewness g₃.
    public var skew: Double
    /// Non-excess kurtosis g₄.
    public var kurtosis: Double

    public init(sharpe: Double, count: Int, skew: Double, kurtosis: Double) {
        self.sharpe = sharpe; self.count = count; self.skew = skew; self.kurtosis = kurtosis
    }

    /// Estimates the moments from a return series; throws on NaN, n < 3 or a constant series
    /// (whose Sharpe ratio is undefined).
    public init(returns: [Double]) throws(AnalyticsError) {
        try AnalyticsError.checkFinite(returns, series: "returns")
        try AnalyticsError.checkCount(returns.count, atLeast: 3, for: "Sharpe inference")
        guard let moments = SharpeMoments(moments: Moments.centralMoments(returns), count: returns.count,
                                          isConstant: returns.allSatisfy({ $0 == returns[0] })) else {
            throw .invalidArgument(name: "returns", expected: "a series with non-zero variance", got: "a constant series (Sharpe ratio undefined)")
        }
        self = moments
    }

    /// The moments from a series' central moments (`Moments.centralMoments`); nil for fewer
    /// than 3 observations or a constant series.
    package init?(moments m: (mean: Double, m2: Double, m3: Double, m4: Double), count: Int, isConstant: Bool) {
        guard count >= 3, m.m2 > 0, !isConstant else { return nil }
        let n = Double(count)
        let s = (m.m2 * n / (n - 1)).squareRoot()
        self.init(sharpe: m.mean / s, count: count, skew: m.m3 / pow(m.m2, 1.5), kurtosis: m.m4 / (m.m2 * m.m2))
    }

    /// The variance factor 1 − g₃·SR + (g₄ − 1)/4 · SR².
    public var varianceFactor: Double { 1 - skew * sharpe + (kurtosis - 1) / 4 * sharpe * sharpe }

    /// Standard error of the Sharpe ratio, σ_SR = √(varianceFactor / (n − 1)).
    public var standardError: Double { (varianceFactor / Double(count - 1)).squareRoot() }

    /// z = (SR − SR*) √(n − 1) / √varianceFactor, the argument of Φ in the PSR.
    public func psrStatistic(benchmark: Double) -> Double {
        (sharpe - benchmark) * Double(count - 1).squareRoot() / varianceFactor.squareRoot()
    }

    /// Probabilistic Sharpe ratio PSR(SR*) = Φ(z): the probability that the true Sharpe ratio
    /// exceeds the per-period benchmark SR*.
    public func probabilisticSharpe(benchmark: Double) -> Double {
        Distributions.normalCDF(psrStatistic(benchmark: benchmark))
    }

    /// Minimum track record length MinTRL(SR*, p) = 1 + varianceFactor · (Φ⁻¹(p) / (SR − SR*))²
    /// in observations (not rounded); nil when SR ≤ SR* (no track record is long enough).
    public func minimumTrackRecordLength(benchmark: Double, confidence: Double) -> Double? {
        guard sharpe > benchmark else { return nil }
        let z = Distributions.normalQuantile(confidence) / (sharpe - benchmark)
        return 1 + varianceFactor * z * z
    }

    /// Deflated Sharpe ratio: PSR at the expected maximum Sharpe ratio of `trials` (see
    /// `ExpectedMaximumSharpe`).
    public func deflatedSharpe(trials: ExpectedMaximumSharpe) -> Double {
        probabilisticSharpe(benchmark: trials.sharpe)
    }
}

/// Expected maximum of N independent trial Sharpe ratios under the null of zero skill
/// (Bailey & López de Prado 2014, E[SRₙ] = 0):
/// SR₀ = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))), γ = Euler–Mascheroni, V the
/// variance of the trials' per-period Sharpe ratios.
public struct ExpectedMaximumSharpe: Sendable, Equatable {
    /// z₁ = Φ⁻¹(1 − 1/N).
    public var z1: Double
    /// z₂ = Φ⁻¹(1 − 1/(N e)).
    public var z2: Double
    /// (1 − γ) z₁ + γ z₂.
    public var expectedMaxZ: Double
    /// SR₀ = √V · expectedMaxZ.
    public var sharpe: Double

    static let eulerGamma = 0.5772156649015329

    /// Throws unless N ≥ 2 and V ≥ 0.
    public init(trials: Int, varianceOfSharpes: Double) throws(AnalyticsError) {
        guard trials >= 2 else { throw .invalidArgument(name: "trials", expected: "at least 2", got: "\(trials)") }
        guard varianceOfSharpes >= 0, varianceOfSharpes.isFinite else {
            throw .invalidArgument(name: "varianceOfSharpes", expected: "a finite number ≥ 0", got: "\(varianceOfSharpes)")
        }
        let n = Double(trials)
        z1 = Distributions.normalQuantile(1 - 1 / n)
        z2 = Distributions.normalQuantile(1 - 1 / (n * M_E))
        expectedMaxZ = (1 - Self.eulerGamma) * z1 + Self.eulerGamma * z2
        sharpe = varianceOfSharpes.squareRoot() * expectedMaxZ
    }
}

/// The deflated Sharpe ratio of the best of several trials, from their return series.
public struct DeflatedSharpeFromTrials: Sendable, Equatable {
    /// Per-period Sharpe ratio of each trial.
    public var trialSharpes: [Double]
    /// Variance of the trial Sharpe ratios (ddof = 1).
    public var varianceOfSharpes: Double
    /// Index of the best trial (lowest on ties).
    public var candidateIndex: Int
    /// Moments of the best trial.
    public var candidate: SharpeMoments
    /// Expected maximum Sharpe ratio of the trials under the null.
    public var expectedMaximum: ExpectedMaximumSharpe
    /// DSR = PSR(SR₀) of the candidate.
    public var deflatedSharpe: Double

    /// `returnsByTrial[k]` is trial k's return series.
    public init(returnsByTrial: [[Double]]) throws(AnalyticsError) {
        try AnalyticsError.checkCount(returnsByTrial.count, atLeast: 2, for: "deflated Sharpe ratio (trials)")
        var moments: [SharpeMoments] = []
        for r in returnsByTrial { moments.append(try SharpeMoments(returns: r)) }
        trialSharpes = moments.map(\.sharpe)
        varianceOfSharpes = Moments.variance(trialSharpes, ddof: 1)
        var best = 0
        for k in trialSharpes.indices where trialSharpes[k] > trialSharpes[best] { best = k }
        candidateIndex = best
        candidate = moments[best]
        expectedMaximum = try ExpectedMaximumSharpe(trials: returnsByTrial.count, varianceOfSharpes: varianceOfSharpes)
        deflatedSharpe = candidate.deflatedSharpe(trials: expectedMaximum)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
