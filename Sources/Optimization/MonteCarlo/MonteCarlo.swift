import Analytics
import Foundation
import MarketData

/// Monte Carlo robustness analysis of one strategy at one point.
///
/// Every method builds `settings.paths` equity paths (path p seeded from (seed, method, p),
/// see `MonteCarloSettings`), computed on up to `threads` threads and aggregated in path
/// order, so a report depends on the settings and seed alone. Resampling methods work on a
/// finished run's trades or bar returns; the others rerun the strategy through a
/// `WindowEvaluator` (`MonteCarlo+Reruns.swift`). `progress`, when set, hears of every
/// finished path and baseline run, weighted as `estimatedWork` plans them.
public struct MonteCarlo: Sendable {
    public let settings: MonteCarloSettings
    public let threads: Int
    /// Told of each finished path (one unit) and its work; the caller plans the totals.
    public var progress: ProgressTally?
    /// What rerunning the strategy over one bar costs next to the vectorized engine (1; the
    /// event engine about 3): weighs reruns against path generation and resampling in
    /// `estimatedWork`, so the progress ETA follows the engine in use.
    public var rerunCost = 1.0

    public init(settings: MonteCarloSettings, threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ValidationError) {
        try settings.validate()
        self.settings = settings
        self.threads = threads
    }

    /// Why synthetic price paths refuse a window with finer bars (also checked by the spec decoder).
    public static let syntheticSubBarsRefusal =
        "gbm, garch and jump_diffusion generate synthetic bars, which have no finer bars for the sub_bars intrabar path; "
        + "use the other methods, or an intrabar path without sub-bars"

    /// Seed of path `p` of `method`.
    func pathSeed(_ method: MonteCarloMethod, _ p: Int) -> UInt64 { SeedMixer.mix(settings.seed, method.stream, UInt64(p)) }

    /// The trade returns in a random order per path (Fisher–Yates); the fan runs over trades.
    ///
    /// The final equity of every path is the same (a product does not depend on order); the
    /// drawdowns and the path to it change.
    public func tradeReshuffle(_ sample: TradeSample) throws(ValidationError) -> MonteCarloReport {
        try resampleTrades(sample, method: .tradeReshuffle, draw: Self.reshuffled)
    }

    /// As many trade returns as the sample holds, drawn uniformly with replacement per path.
    public func tradeBootstrap(_ sample: TradeSample) throws(ValidationError) -> MonteCarloReport {
        try resampleTrades(sample, method: .tradeBootstrap, draw: Self.bootstrapped)
    }

    /// Bar returns resampled by a stationary block bootstrap (Analytics' `BlockBootstrap`, one
    /// generator per path) and compounded from `initialEquity`.
    public func returnBootstrap(returns: [Double], initialEquity: Double, periodsPerYear: Double,
                                meanBlockLength: Double) throws(ValidationError) -> MonteCarloReport {
        let method = MonteCarloMethod.returnBootstrap(meanBlockLength: meanBlockLength)
        guard returns.count >= 2 else { throw .insufficientData("return bootstrap needs at least 2 bar returns, got \(returns.count)") }
        guard meanBlockLength >= 1, meanBlockLength.isFinite else {
            throw .invalidSetting("monte_carlo.mean_block_length: expected a number ≥ 1, got \(meanBlockLength)")
        }
        let ruin = settings.ruinThreshold * initialEquity, fanPoints = settings.fanPoints
        let summaries = parallelMap(settings.paths, threads: threads) { p -> PathSummary? in
            guard var bootstrap = try? BlockBootstrap(scheme: .stationary(meanBlockLength: meanBlockLength), periods: returns.count,
                                                      seed: pathSeed(method, p)) else { return nil }
            let equity = Self.compound(bootstrap.nextIndices().map { returns[$0] }, from: initialEquity)
            progress?.add(units: 1, work: pathWork(method, bars: returns.count))
            return PathSummary(equity: equity, periodsPerYear: periodsPerYear, tradeCount: nil, ruinLevel: ruin, fanPoints: fanPoints)
        }
        return try MonteCarloReport(method: method.name, paths: summaries, initialEquity: initialEquity,
                                    nominalLength: returns.count + 1, settings: settings)
    }

    /// Shared body of the trade methods: `draw` makes one path's returns from the sample.
    private func resampleTrades(_ sample: TradeSample, method: MonteCarloMethod,
                                draw: @escaping @Sendable ([Double], SeededGenerator) -> [Double]) throws(ValidationError) -> MonteCarloReport {
        guard sample.returns.count >= 2 else {
            throw .insufficientData("\(method.name) needs at least 2 closed trades, got \(sample.returns.count)")
        }
        let ruin = settings.ruinThreshold * sample.initialEquity, fanPoints = settings.fanPoints
        let summaries = parallelMap(settings.paths, threads: threads) { p -> PathSummary? in
            let rng = SeededGenerator(seed: pathSeed(method, p))
            let equity = Self.compound(draw(sample.returns, rng), from: sample.initialEquity)
            progress?.add(units: 1, work: pathWork(method, bars: 0))
            return PathSummary(equity: equity, periodsPerYear: sample.periodsPerYear, tradeCount: nil, ruinLevel: ruin, fanPoints: fanPoints)
        }
        return try MonteCarloReport(method: method.name, paths: summaries, initialEquity: sample.initialEquity,
                                    nominalLength: sample.returns.count + 1, settings: settings)
    }

    /// The returns in a uniformly random order (Fisher–Yates).
    @Sendable static func reshuffled(_ returns: [Double], _ rng: SeededGenerator) -> [Double] {
        var r = returns
        for i in stride(from: r.count - 1, to: 0, by: -1) { r.swapAt(i, rng.index(i + 1)) }
        return r
    }

    /// As many returns drawn uniformly with replacement.
    @Sendable static func bootstrapped(_ returns: [Double], _ rng: SeededGenerator) -> [Double] {
        (0..<returns.count).map { _ in returns[rng.index(returns.count)] }
    }

    /// `initial` followed by the equity after each return: e_k = e_{k−1} · (1 + r_k).
    static func compound(_ returns: [Double], from initial: Double) -> [Double] {
        var equity = [initial]
        equity.reserveCapacity(returns.count + 1)
        var e = initial
        for r in returns {
            e *= 1 + r
            equity.append(e)
        }
        return equity
    }
}
