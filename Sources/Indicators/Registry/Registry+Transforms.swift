extension IndicatorRegistry {
    static let transforms: [IndicatorDefinition] = [
        IndicatorDefinition(
            name: "HEIKIN_ASHI", summary: "Heikin-Ashi candles", inputs: [.open, .high, .low, .close],
            outputs: ["open", "high", "low", "close"],
            vectorized: { (x, _) throws(IndicatorError) in
                let r = try TA.heikinAshi(open: x.open, high: x.high, low: x.low, close: x.close)
                return [r.open, r.high, r.low, r.close]
            },
            streaming: { _ in
                var s = HeikinAshi()
                return IndicatorStream { b, out in
                    let r = s.update(open: b.open, high: b.high, low: b.low, close: b.close)
                    out[0] = r.open; out[1] = r.high; out[2] = r.low; out[3] = r.close
                }
            }),
        .series("MAX", "highest value of the last n", [P.int("timeperiod", 30)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.max(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try RollingExtremumValue(period: p.int("timeperiod"), maximum: true) }),
        .series("MIN", "lowest value of the last n", [P.int("timeperiod", 30)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.min(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try RollingExtremumValue(period: p.int("timeperiod"), maximum: false) }),
        .series("ZSCORE", "rolling z-score (population σ)", [P.int("timeperiod", 20)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.zscore(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try ZScore(period: p.int("timeperiod")) }),
        .series("PERCENTRANK", "rolling percentile rank in percent (pandas rank(pct=True) × 100)", [P.int("timeperiod", 20)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.percentileRank(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try PercentileRank(period: p.int("timeperiod")) }),
        .series("LOGRET", "log return ln(x/x[n])", [P.int("timeperiod", 1)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.logReturns(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try Momentum(period: p.int("timeperiod"), kind: .logReturn) }),
    ]
}
