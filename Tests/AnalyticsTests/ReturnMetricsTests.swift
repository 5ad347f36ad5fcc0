import Foundation
import MarketData
import Testing
@testable import Analytics

/// Golden values: Tests/Fixtures/stats/metrics.json (empyrical-reloaded 0.7.1 and scipy).
@Suite struct ReturnMetricsTests {
    @Test func matchesEveryMetricsFixtureCase() throws {
        let cases = try StatsFixture.cases("metrics")
        #expect(!cases.isEmpty)
        for c in cases {
            let id = c.string("id")
            let inputs = c.dict("inputs"), e = c.dict("expected")
            let returns = inputs.doubles("returns")
            let m = try ReturnMetrics(returns: returns, periodsPerYear: try #require(inputs.double("annualization")))
            #expect(m.count == e.int("n"), "\(id) n")
            let pairs: [(String, Double?)] = [
                ("mean", m.mean), ("std_ddof1", m.stdDev), ("cum_returns_final", m.cumReturnsFinal),
                ("annual_return", m.annualReturn), ("annual_volatility", m.annualVolatility),
                ("sharpe_ratio", m.sharpeRatio), ("downside_risk", m.downsideRisk),
                ("sortino_ratio", m.sortinoRatio), ("max_drawdown", m.maxDrawdown),
                ("calmar_ratio", m.calmarRatio), ("omega_ratio", m.omegaRatio),
                ("tail_ratio", m.tailRatio), ("value_at_risk", m.valueAtRisk),
                ("conditional_value_at_risk", m.conditionalValueAtRisk),
                ("stability_of_timeseries", m.stabilityOfTimeseries),
                ("skew_biased", m.skew), ("skew_unbiased", m.skewUnbiased),
                ("excess_kurtosis_biased", m.excessKurtosis),
                ("excess_kurtosis_unbiased", m.excessKurtosisUnbiased),
            ]
            for (name, value) in pairs {
                #expect(e[name] != nil, "\(id): fixture lacks \(name)")
                expectClose(value, e[name], "\(id) \(name)")
            }
            let dd = e.dict("drawdown_duration")
            let spells = m.drawdowns
            #expect(spells.spells.count == dd.int("n_spells"), "\(id) n_spells")
            #expect(spells.maxDuration == dd.int("max_drawdown_duration"), "\(id) max_drawdown_duration")
            let longest = try #require(spells.longest)
            #expect(longest.peakIndex == dd.int("peak_index"), "\(id) peak_index")
            #expect(longest.recoveryIndex == dd.int("recovery_index"), "\(id) recovery_index")
            #expect(longest.recovered == (dd["recovered"] as? Bool), "\(id) recovered")
            #expect(longest.underwaterPeriods == dd.int("underwater_periods"), "\(id) underwater_periods")
            let deep = dd.dict("deepest_spell")
            let deepest = try #require(spells.deepest)
            #expect(deepest.peakIndex == deep.int("peak_index"), "\(id) deepest peak")
            #expect(deepest.troughIndex == deep.int("trough_index"), "\(id) deepest trough")
            #expect(deepest.recoveryIndex == deep.int("recovery_index"), "\(id) deepest recovery")
            #expect(deepest.duration == deep.int("duration"), "\(id) deepest duration")
            #expect(deepest.underwaterPeriods == deep.int("underwater_periods"), "\(id) deepest underwater")
            expectClose(deepest.depth, deep["depth"], "\(id) deepest depth")
        }
    }

    @Test func constantSeriesReportsUndefinedSharpeWithReason() throws {
        let m = try ReturnMetrics(returns: [0.001, 0.001, 0.001, 0.001], periodsPerYear: 365)
        #expect(m.sharpeRatio == nil)
        #expect(m.undefinedReasons["sharpe_ratio"] != nil)
        #expect(m.sortinoRatio == nil && m.calmarRatio == nil && m.omegaRatio == nil)
        #expect(m.maxDrawdown == 0)
    }

    /// 1h bars: A = 8760; a drawdown of 48 bars lasts 48 · 365 / 8760 = 2 days.
    @Test func annualizesByTimeframeAndReportsDurationInDays() throws {
        let returns = [0.01, -0.02] + [Double](repeating: 0.0001, count: 46) + [0.05]
        let m = try ReturnMetrics(returns: returns, periodsPerYear: TradingCalendar.alwaysOpen.periodsPerYear(.h1))
        let byHand = try ReturnMetrics(returns: returns, periodsPerYear: 8760)
        #expect(m == byHand)
        #expect(m.drawdowns.maxDuration == 48)       // peak at wealth index 1, recovered at 49
        #expect(m.maxDrawdownDurationDays == 2)
    }

    @Test func rejectsNaNAndTooShortSeries() {
        #expect(throws: AnalyticsError.nonFinite(series: "returns", index: 1)) {
            try ReturnMetrics(returns: [0.01, .nan, 0.02], periodsPerYear: 365)
        }
        #expect(throws: AnalyticsError.tooFewObservations(what: "return metrics", needed: 2, got: 1)) {
            try ReturnMetrics(returns: [0.01], periodsPerYear: 365)
        }
    }

    /// Hand computation: r = 2b + 0.001 exactly ⇒ β = 2, alpha = 1.001^A − 1, and the active
    /// return r − b = b + 0.001 has excess Sharpe mean(b + 0.001) / std(b).
    @Test func alphaBetaOnAnExactLinearSeries() throws {
        let b = [0.01, -0.02, 0.015, 0.0, -0.005, 0.02]
        let r = b.map { 2 * $0 + 0.001 }
        let m = try BenchmarkMetrics(returns: r, benchmark: b, periodsPerYear: 365)
        #expect(abs(m.beta! - 2) < 1e-12)
        #expect(abs(m.alpha! - (pow(1.001, 365) - 1)) < 1e-9)
        // mean(b) = 0.02/6, std(b) with ddof 1 computed by hand:
        let mb = 0.02 / 6
        let sb = (b.map { ($0 - mb) * ($0 - mb) }.reduce(0, +) / 5).squareRoot()
        #expect(abs(m.excessSharpe! - (mb + 0.001) / sb) < 1e-12)
    }

    /// Hand computation on three trades: pnl 10, −4, 6 ⇒ win rate 2/3, profit factor 16/4,
    /// expectancy 4, average win 8, average loss −4, holding (1000 + 3000 + 2000) / 3 ms.
    @Test func tradeMetricsByHand() {
        let t = [
            TradeRecord(entryTime: 0, exitTime: 1000, entryPrice: 100, exitPrice: 110, quantity: 1, pnl: 10, fees: 0.1, returnFraction: 0.1),
            TradeRecord(entryTime: 1000, exitTime: 4000, entryPrice: 110, exitPrice: 106, quantity: 1, pnl: -4, fees: 0.1, returnFraction: -0.036),
            TradeRecord(entryTime: 5000, exitTime: 7000, entryPrice: 100, exitPrice: 94, quantity: -1, pnl: 6, fees: 0.1, returnFraction: 0.06),
        ]
        let m = TradeMetrics(trades: t)
        #expect(m.tradeCount == 3)
        #expect(m.winRate == 2.0 / 3.0)
        #expect(m.profitFactor == 4)
        #expect(m.expectancy == 4)
        #expect(m.averageWin == 8 && m.averageLoss == -4)
        #expect(m.largestWin == 10 && m.largestLoss == -4)
        #expect(m.averageHoldingMilliseconds == 2000)
        #expect(abs(m.totalFees - 0.3) < 1e-15)
        #expect(TradeMetrics(trades: []).profitFactor == nil)
    }

    /// Positions 0, 1, 1, 0, −1: in the market 3 of 5 bars; |Δw| = 0, 1, 0, 1, 1 ⇒ turnover 3/5.
    @Test func exposureAndTurnoverByHand() throws {
        let m = try ExposureMetrics(positions: [0, 1, 1, 0, -1])
        #expect(m.exposure == 0.6)
        #expect(m.turnover == 0.6)
    }
}
