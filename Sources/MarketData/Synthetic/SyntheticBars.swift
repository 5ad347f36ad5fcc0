import Foundation

/// A stochastic model for synthetic price paths.
///
/// Semantics (log price x, bar length Δt in years = 1 / calendar.periodsPerYear(timeframe)):
/// - `gbm`: dx = (μ − σ²/2) dt + σ dW, with annualized drift μ and volatility σ.
/// - `garch`: per-bar log return r_t = μ + σ_t z_t, σ²_t = ω + α (r_{t−1} − μ)² + β σ²_{t−1},
///   starting at the unconditional variance ω / (1 − α − β) (requires α + β < 1).
/// - `merton`: GBM plus compound Poisson jumps, λ jumps a year with log size N(μ_J, σ_J²);
///   the drift is compensated (μ − σ²/2 − λ k, k = e^{μ_J + σ_J²/2} − 1) so E[S_t] = S_0 e^{μt}.
/// - `bootstrap`: blocks of `blockLength` consecutive real bars drawn with replacement; each
///   drawn bar keeps its open/high/low/close relative to the previous real close, and its volume.
public enum SyntheticModel: Sendable {
    case gbm(drift: Double, volatility: Double)
    case garch(mean: Double, omega: Double, alpha: Double, beta: Double)
    case merton(drift: Double, volatility: Double, jumpsPerYear: Double, jumpMean: Double, jumpVolatility: Double)
    case bootstrap(source: BarSeries, blockLength: Int)
}

/// Generates seeded synthetic OHLCV bars.
///
/// Semantics: each bar opens at the previous close (markets trade 24/7). For the parametric
/// models a bar is simulated as `subSteps` sub-intervals of the same process; high and low are
/// the extremes of that sub-path (open and close included), so low ≤ min(open, close) and
/// high ≥ max(open, close) by construction. Volume is `baseVolume` times a lognormal factor
/// (σ = 0.5, mean 1) times (1 + |z|) / (1 + √(2/π)), where z is the bar's standardized return,
/// so busy bars trade more and the mean stays near `baseVolume`.
public enum SyntheticBars {
    /// `count` bars from `model`, opening at `start` (epoch ms) at price `initialPrice`.
    public static func generate(_ model: SyntheticModel, count: Int, timeframe: Timeframe, seed: UInt64,
                                start: Int64 = 1_704_067_200_000, initialPrice: Double = 100, baseVolume: Double = 100,
                                subSteps: Int = 16, instrument: Instrument = Instrument(base: "SYN", quote: "USDT"),
                                calendar: TradingCalendar = .alwaysOpen) throws(DataError) -> BarSeries {
        guard count > 0, initialPrice > 0, subSteps > 0 else {
            throw .invalidArgument("synthetic paths need count > 0, initial price > 0 and sub-steps > 0")
        }
        // Six columns of eight bytes per bar.
        if let reason = AllocationLimit.exceeded(count, bytesEach: 48, what: "bars") { throw .invalidArgument(reason) }
        let longest = timeframe.isFixedLength ? timeframe.milliseconds : 31 * 86_400_000
        guard Int64(count).multipliedReportingOverflow(by: longest).overflow == false,
              start.addingReportingOverflow(Int64(count) * longest).overflow == false else {
            throw .invalidArgument("\(count) bars of \(timeframe) from \(start) end past the last representable time")
        }
        let random = SeededGenerator(seed: seed)
        var out = BarSeries(instrument: instrument, timeframe: timeframe, ts: [], open: [], high: [], low: [], close: [], volume: [])
        out.calendar = calendar
        if timeframe.isFixedLength {
            out.ts = (0..<count).map { start + Int64($0) * timeframe.milliseconds }
        } else {
            out.ts.reserveCapacity(count)
            var t = start
            for _ in 0..<count { out.ts.append(t); t = timeframe.nextOpen(after: t) }
        }
        out.open.reserveCapacity(count); out.high.reserveCapacity(count); out.low.reserveCapacity(count)
        out.close.reserveCapacity(count); out.volume.reserveCapacity(count)
        let dt = 1 / calendar.periodsPerYear(timeframe)
        let volumeNorm = 1 + (2 / Double.pi).squareRoot()

        switch model {
        case let .bootstrap(source, blockLength):
            try bootstrap(source, blockLength: blockLength, count: count, initialPrice: initialPrice, random: random, into: &out)
            return out
        case let .garch(_, omega, alpha, beta):
            guard omega > 0, alpha >= 0, beta >= 0, alpha + beta < 1 else {
                throw .invalidArgument("GARCH(1,1) needs ω > 0, α ≥ 0, β ≥ 0 and α + β < 1")
            }
        case let .gbm(_, volatility), let .merton(_, volatility, _, _, _):
            guard volatility >= 0 else { throw .invalidArgument("volatility must be ≥ 0") }
        }

        var price = initialPrice
        var variance: Double = 0        // GARCH state
        var previousShock: Double = 0
        if case let .garch(_, omega, alpha, beta) = model { variance = omega / (1 - alpha - beta) }
        let m = Double(subSteps)
        for _ in 0..<count {
            // Per-sub-step drift and volatility, and jump parameters, for this bar.
            var drift: Double, vol: Double, jumpRate = 0.0, jumpMean = 0.0, jumpVol = 0.0, barSigma: Double
            switch model {
            case let .gbm(mu, sigma):
                drift = (mu - sigma * sigma / 2) * dt / m; vol = sigma * (dt / m).squareRoot(); barSigma = sigma * dt.squareRoot()
            case let .garch(mean, omega, alpha, beta):
                variance = omega + alpha * previousShock * previousShock + beta * variance
                drift = mean / m; vol = (variance / m).squareRoot(); barSigma = variance.squareRoot()
            case let .merton(mu, sigma, lambda, muJ, sigmaJ):
                let k = exp(muJ + sigmaJ * sigmaJ / 2) - 1
                drift = (mu - sigma * sigma / 2 - lambda * k) * dt / m; vol = sigma * (dt / m).squareRoot()
                jumpRate = lambda * dt / m; jumpMean = muJ; jumpVol = sigmaJ
                barSigma = (sigma * sigma * dt + lambda * dt * (muJ * muJ + sigmaJ * sigmaJ)).squareRoot()
            case .bootstrap:
                preconditionFailure("handled above")
            }
            let open = price
            var x = log(open), high = open, low = open
            for _ in 0..<subSteps {
                x += drift + vol * random.normal()
                if jumpRate > 0 {
                    let jumps = random.poisson(jumpRate)
                    if jumps > 0 { x += Double(jumps) * jumpMean + Double(jumps).squareRoot() * jumpVol * random.normal() }
                }
                let p = exp(x)
                if p > high { high = p }
                if p < low { low = p }
            }
            let close = exp(x)
            let r = x - log(open)
            if case let .garch(mean, _, _, _) = model { previousShock = r - mean }
            let z = barSigma > 0 ? abs(r) / barSigma : 0
            let volume = baseVolume * exp(0.5 * random.normal() - 0.125) * (1 + z) / volumeNorm
            out.open.append(open); out.high.append(high); out.low.append(low); out.close.append(close); out.volume.append(volume)
            price = close
        }
        return out
    }

    private static func bootstrap(_ source: BarSeries, blockLength: Int, count: Int, initialPrice: Double,
                                  random: SeededGenerator, into out: inout BarSeries) throws(DataError) {
        // Bars usable as templates: index j ≥ 1 with a positive previous close and consistent OHLC.
        var usable: [Int] = []
        for j in 1..<max(source.count, 1) where source.close[j - 1] > 0 && source.low[j] > 0
            && source.low[j] <= min(source.open[j], source.close[j]) && source.high[j] >= max(source.open[j], source.close[j]) {
            usable.append(j)
        }
        guard blockLength >= 1, usable.count >= blockLength else {
            throw .invalidArgument("bootstrap needs a block length ≥ 1 and at least that many valid source bars (have \(usable.count))")
        }
        var price = initialPrice
        var produced = 0
        while produced < count {
            let first = random.index(usable.count - blockLength + 1)
            for k in 0..<blockLength where produced < count {
                let j = usable[first + k]
                let scale = price / source.close[j - 1]
                out.open.append(source.open[j] * scale); out.high.append(source.high[j] * scale)
                out.low.append(source.low[j] * scale); out.close.append(source.close[j] * scale)
                out.volume.append(source.volume[j])
                price = source.close[j] * scale
                produced += 1
            }
        }
    }
}
