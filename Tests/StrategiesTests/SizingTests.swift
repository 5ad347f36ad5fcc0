import Testing
import Foundation
import MarketData
import Strategies

/// Every sizing rule on numbers worked out by hand.
@Suite struct SizingTests {
    /// Lot 0.001, minimum notional 10.
    let instrument = Instrument(base: "BTC", quote: "USDT", tickSize: 0.01, lotSize: 0.001, minNotional: 10)
    let input = SizingInput(equity: 10_000, price: 3_000)

    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    @Test func fixedFractionRoundsDownToTheLot() {
        // 0.5 × 10,000 / 3,000 = 1.6667 → 1.666 lots of 0.001.
        #expect(close(FixedFractionSizer(fraction: 0.5).quantity(input, instrument: instrument), 1.666))
    }

    @Test func fixedCashAndFixedQuantity() {
        // 1,000 / 3,000 = 0.33333 → 0.333.
        #expect(close(FixedCashSizer(cash: 1_000).quantity(input, instrument: instrument), 0.333))
        // 0.0125 → 0.012.
        #expect(close(FixedQuantitySizer(units: 0.0125).quantity(input, instrument: instrument), 0.012))
    }

    @Test func belowMinimumNotionalIsNoEntry() {
        // 9 / 3,000 = 0.003 → notional 9 < 10.
        #expect(FixedCashSizer(cash: 9).quantity(input, instrument: instrument) == 0)
        // 12 / 3,000 = 0.004 → notional 12 ≥ 10.
        #expect(close(FixedCashSizer(cash: 12).quantity(input, instrument: instrument), 0.004))
        // Less than one lot.
        #expect(FixedQuantitySizer(units: 0.0009).quantity(input, instrument: instrument) == 0)
    }

    @Test func fixedRiskIsRiskOverStopDistance() {
        // Risk 1 % of 10,000 = 100 over a 150 stop distance: 0.6667 → 0.666 (notional 1,998 < cap 10,000).
        let withStop = SizingInput(equity: 10_000, price: 3_000, stopDistance: 150)
        #expect(close(FixedRiskSizer(risk: 0.01).quantity(withStop, instrument: instrument), 0.666))
        // Capped at 10 % of equity: 1,000 / 3,000 = 0.3333 → 0.333.
        #expect(close(FixedRiskSizer(risk: 0.01, maxFraction: 0.1).quantity(withStop, instrument: instrument), 0.333))
        // No stop, no entry.
        #expect(FixedRiskSizer(risk: 0.01).quantity(input, instrument: instrument) == 0)
    }

    @Test func kellyFromWinRateAndPayoff() {
        var kelly = KellySizer(window: 10, multiplier: 1, maxFraction: 1, minTrades: 4, fallback: 0.1)
        for r in [0.04, -0.02, 0.06] { kelly.recordTrade(return: r) }
        // Fewer than 4 trades: the fallback 10 %.
        #expect(close(kelly.fraction, 0.1))
        for r in [-0.01, 0.02] { kelly.recordTrade(return: r) }
        // Wins 0.04, 0.06, 0.02 (mean 0.04); losses 0.02, 0.01 (mean 0.015): W = 0.6, R = 8/3,
        // K = 0.6 − 0.4 / (8/3) = 0.6 − 0.15 = 0.45.
        let (w, payoff) = kelly.statistics
        #expect(close(w, 0.6) && close(payoff, 8.0 / 3.0))
        #expect(close(kelly.fraction, 0.45))
        // 0.45 × 10,000 / 3,000 = 1.5.
        #expect(close(kelly.quantity(input, instrument: instrument), 1.5))

        var half = KellySizer(window: 10, multiplier: 0.5, maxFraction: 1, minTrades: 4)
        for r in [0.04, -0.02, 0.06, -0.01, 0.02] { half.recordTrade(return: r) }
        #expect(close(half.fraction, 0.225))
    }

    @Test func kellyWindowRollsAndNeverGoesNegative() {
        var kelly = KellySizer(window: 4, multiplier: 1, maxFraction: 1, minTrades: 4)
        for r in [0.04, -0.02, 0.06, -0.01, 0.02] { kelly.recordTrade(return: r) }
        // Last four: -0.02, 0.06, -0.01, 0.02: W = 0.5, wins mean 0.04, losses mean 0.015, R = 8/3,
        // K = 0.5 − 0.5 · 3/8 = 0.3125.
        #expect(close(kelly.fraction, 0.3125))
        var losing = KellySizer(window: 4, multiplier: 1, maxFraction: 1, minTrades: 2)
        for r in [0.01, -0.03, -0.03, -0.03] { losing.recordTrade(return: r) }
        // W = 0.25, R = 0.01/0.03 = 1/3: K = 0.25 − 0.75 · 3 = −2 → no entry.
        #expect(losing.fraction == 0)
        var capped = KellySizer(window: 4, multiplier: 1, maxFraction: 0.3, minTrades: 2)
        for r in [0.05, 0.02] { capped.recordTrade(return: r) }
        // No losses: K = W = 1, capped at 0.3.
        #expect(close(capped.fraction, 0.3))
    }

    @Test func volatilityTargetingAnnualizesRollingSigma() throws {
        var sizer = try VolatilityTargetSizer(target: 0.5, window: 4, periodsPerYear: 365, maxLeverage: 1)
        for c in [100.0, 110, 100, 110] { sizer.observe(close: c) }
        // Only 3 returns so far: σ unknown, no entry.
        #expect(sizer.fraction == 0)
        sizer.observe(close: 100)
        // Returns ±ln 1.1: mean 0, population σ = ln 1.1 per bar, annualized ln 1.1 · √365 = 1.82093…;
        // fraction = 0.5 / 1.82093 = 0.274585…
        let sigma = log(1.1) * 365.0.squareRoot()
        #expect(close(sizer.volatility, sigma, 1e-12))
        #expect(close(sizer.fraction, 0.5 / sigma, 1e-12))
        // 0.274585 × 10,000 / 3,000 = 0.91528 → 0.915.
        #expect(close(sizer.quantity(input, instrument: instrument), 0.915))

        var levered = try VolatilityTargetSizer(target: 5, window: 4, periodsPerYear: 365, maxLeverage: 2)
        for c in [100.0, 110, 100, 110, 100] { levered.observe(close: c) }
        // 5 / 1.82 = 2.75 → capped at 2.
        #expect(close(levered.fraction, 2))
    }
}
