import Simulation

/// One training trial of a fold.
public struct ScoredTrial: Sendable, Hashable {
    public var point: TrialPoint
    /// The objective score, higher is better; NaN when the evaluation failed or was infeasible.
    public var score: Double
}

/// What one fold produced: the point its training search chose and how it did out of sample.
public struct FoldOutcome: Sendable {
    public var fold: WalkForwardFold
    /// Seed given to this fold's optimizer.
    public var seed: UInt64
    public var best: TrialPoint
    /// The objective score (higher is better) of `best` on the training window.
    public var trainScore: Double
    /// The objective score of `best` on the test window.
    public var testScore: Double
    /// Every training trial in proposal order, with its score (NaN: failed or infeasible).
    public var trials: [ScoredTrial]
    /// Trials whose evaluation failed or scored NaN (observed as failures).
    public var failedTrials: Int
    /// `best` on the training window (in sample).
    public var inSample: PerformanceSummary
    /// The counted training run of `best` (the run it was chosen on).
    public var trainResult: BacktestResult
    /// `best` on the test window (out of sample).
    public var outOfSample: PerformanceSummary
    /// The counted test run of `best` (see `BacktestResult.counted(in:)`): base point, then
    /// every test bar; fills and trades indexed on that curve.
    public var testResult: BacktestResult
}

/// The out-of-sample equity of every fold joined into one account.
///
/// Semantics: the curve starts at the first fold's base point (initial cash, one bar before
/// its test window); each fold's test curve is scaled so it starts from the previous fold's
/// ending equity, and its bars follow (bars between test windows, when the step exceeds the
/// test length, are absent). `foldStarts[k]` is the index of fold k's first test bar.
public struct StitchedEquity: Sendable, Hashable {
    public var timestamps: [Int64]
    public var equity: [Double]
    public var foldStarts: [Int]
}

/// Walk-forward efficiency (Pardo): how much of the in-sample performance survives out of sample.
///
/// Semantics: in-sample figures are the means over folds of the chosen point's training
/// annualized return and Sharpe ratio (folds where the figure is undefined are left out);
/// out-of-sample figures are those of the stitched curve. Each efficiency is out-of-sample
/// over in-sample, nil when either is undefined or the in-sample figure is not positive
/// (a ratio against a loss means nothing).
public struct WalkForwardEfficiency: Sendable, Hashable {
    public var inSampleAnnualReturn: Double?
    public var outOfSampleAnnualReturn: Double?
    public var returnEfficiency: Double?
    public var inSampleSharpe: Double?
    public var outOfSampleSharpe: Double?
    public var sharpeEfficiency: Double?

    init(folds: [FoldOutcome], outOfSample: PerformanceSummary) {
        func mean(_ values: [Double?]) -> Double? {
            let known = values.compactMap { $0 }.filter(\.isFinite)
            return known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
        }
        func ratio(_ oos: Double?, _ ins: Double?) -> Double? {
            guard let oos, let ins, ins > 0, oos.isFinite else { return nil }
            return oos / ins
        }
        inSampleAnnualReturn = mean(folds.map(\.inSample.annualReturn))
        inSampleSharpe = mean(folds.map(\.inSample.sharpe))
        outOfSampleAnnualReturn = outOfSample.annualReturn
        outOfSampleSharpe = outOfSample.sharpe
        returnEfficiency = ratio(outOfSampleAnnualReturn, inSampleAnnualReturn)
        sharpeEfficiency = ratio(outOfSampleSharpe, inSampleSharpe)
    }
}

/// Everything a walk-forward run produced.
public struct WalkForwardReport: Sendable {
    public var settings: WalkForwardSettings
    public var folds: [FoldOutcome]
    public var stitched: StitchedEquity
    /// The stitched out-of-sample curve summarized.
    public var outOfSample: PerformanceSummary
    public var efficiency: WalkForwardEfficiency
    /// One entry per parameter, declaration order.
    public var stability: [ParameterStability]
}

extension StitchedEquity {
    /// Joins the folds' counted test curves (see the type's semantics).
    init(folds: [FoldOutcome]) {
        let first = folds[0].testResult
        var timestamps = [first.timestamps[0]]
        var equity = [first.equity[0]]
        var starts: [Int] = []
        for fold in folds {
            let r = fold.testResult
            let scale = equity[equity.count - 1] / r.equity[0]
            starts.append(equity.count)
            timestamps.append(contentsOf: r.timestamps[1...])
            for e in r.equity[1...] { equity.append(e * scale) }
        }
        self.init(timestamps: timestamps, equity: equity, foldStarts: starts)
    }
}
