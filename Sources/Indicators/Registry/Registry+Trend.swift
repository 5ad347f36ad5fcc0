extension IndicatorRegistry {
    static let trend: [IndicatorDefinition] = [
        IndicatorDefinition(
            name: "SAR", summary: "parabolic SAR", inputs: [.high, .low],
            parameters: [P.real("acceleration", 0.02, minimum: 0), P.real("maximum", 0.2, minimum: 0)],
            vectorized: { (x, p) throws(IndicatorError) in
                [try TA.sar(high: x.high, low: x.low, acceleration: p.real("acceleration"), maximum: p.real("maximum"))] },
            streaming: { p throws(IndicatorError) in
                var s = try ParabolicSAR(acceleration: p.real("acceleration"), maximum: p.real("maximum"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low) }
            }),
        IndicatorDefinition(
            name: "SUPERTREND", summary: "SuperTrend, only the active band ratchets (pandas-ta)", inputs: [.high, .low, .close],
            parameters: [P.int("length", 7), P.real("multiplier", 3)], outputs: ["trend", "direction", "long", "short"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.supertrend(high: x.high, low: x.low, close: x.close, period: p.int("length"), multiplier: p.real("multiplier"))
                return [r.trend, r.direction, r.long, r.short]
            },
            streaming: { p throws(IndicatorError) in
                var s = try SuperTrend(period: p.int("length"), multiplier: p.real("multiplier"))
                return IndicatorStream { b, out in
                    let r = s.update(high: b.high, low: b.low, close: b.close)
                    out[0] = r.trend; out[1] = r.direction; out[2] = r.long; out[3] = r.short
                }
            }),
        IndicatorDefinition(
            name: "ICHIMOKU", summary: "Ichimoku; chikou looks ahead (plotting only, never a strategy input)", inputs: [.high, .low, .close],
            parameters: [P.int("tenkan", 9), P.int("kijun", 26), P.int("senkou", 52)],
            outputs: ["tenkan", "kijun", "senkou_a_unshifted", "senkou_b_unshifted", "senkou_a", "senkou_b", "chikou"],
            lookAheadOutputs: ["chikou"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.ichimoku(high: x.high, low: x.low, close: x.close, tenkan: p.int("tenkan"), kijun: p.int("kijun"),
                                        senkou: p.int("senkou"))
                return [r.tenkan, r.kijun, r.senkouAUnshifted, r.senkouBUnshifted, r.senkouA, r.senkouB, r.chikou]
            },
            streaming: { p throws(IndicatorError) in
                var s = try Ichimoku(tenkan: p.int("tenkan"), kijun: p.int("kijun"), senkou: p.int("senkou"))
                return IndicatorStream { b, out in
                    let r = s.update(high: b.high, low: b.low)
                    out[0] = r.tenkan; out[1] = r.kijun; out[2] = r.senkouAUnshifted; out[3] = r.senkouBUnshifted; out[4] = r.senkouA; out[5] = r.senkouB; out[6] = .nan
                }
            }),
        .series("LINEARREG", "least-squares line through the last n values, at the newest bar", [P.int("timeperiod", 14, minimum: 2)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.linearRegression(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try LinearRegression(period: p.int("timeperiod"), output: .value) }),
        .series("LINEARREG_SLOPE", "slope per bar of that line", [P.int("timeperiod", 14, minimum: 2)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.linearRegressionSlope(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try LinearRegression(period: p.int("timeperiod"), output: .slope) }),
        IndicatorDefinition(
            name: "BETA", summary: "beta of close (real1) on the second series (real0) over n returns", inputs: [.secondaryClose, .close],
            parameters: [P.int("timeperiod", 5)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.beta(x.secondaryClose ?? [], x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try Beta(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(b.secondaryClose, b.close) }
            }),
    ]
}
