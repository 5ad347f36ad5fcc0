extension IndicatorRegistry {
    static let volatility: [IndicatorDefinition] = [
        IndicatorDefinition(
            name: "BBANDS", summary: "Bollinger bands (population σ)", inputs: [.close],
            parameters: [P.int("timeperiod", 20), P.real("nbdevup", 2), P.real("nbdevdn", 2), P.int("matype", 0, minimum: 0)],
            outputs: ["upperband", "middleband", "lowerband"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.bbands(x.close, period: p.int("timeperiod"), devUp: p.real("nbdevup"), devDown: p.real("nbdevdn"),
                                      type: p.maType("matype", indicator: "BBANDS"))
                return [r.upper, r.middle, r.lower]
            },
            streaming: { p throws(IndicatorError) in
                var s = try BBANDS(period: p.int("timeperiod"), devUp: p.real("nbdevup"), devDown: p.real("nbdevdn"),
                                   type: p.maType("matype", indicator: "BBANDS"))
                return IndicatorStream { b, out in let r = s.update(b.close); out[0] = r.upper; out[1] = r.middle; out[2] = r.lower }
            }),
        .series("STDDEV", "population standard deviation × nbdev", [P.int("timeperiod", 5), P.real("nbdev", 1)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.stddev(x, period: p.int("timeperiod"), deviations: p.real("nbdev")) },
                make: { p throws(IndicatorError) in try StdDev(period: p.int("timeperiod"), deviations: p.real("nbdev")) }),
        IndicatorDefinition(
            name: "TRANGE", summary: "true range", inputs: [.high, .low, .close],
            vectorized: { (x, _) throws(IndicatorError) in [try TA.trange(high: x.high, low: x.low, close: x.close)] },
            streaming: { _ in
                var s = TrueRange()
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
        IndicatorDefinition(
            name: "ATR", summary: "average true range (Wilder)", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.atr(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try ATR(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
        IndicatorDefinition(
            name: "NATR", summary: "ATR in percent of the close", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.natr(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try NATR(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
        IndicatorDefinition(
            name: "KELTNER", summary: "Keltner channels: EMA basis ± scalar·EMA(true range) (pandas-ta kc)", inputs: [.high, .low, .close],
            parameters: [P.int("length", 20), P.real("scalar", 2)], conventions: [("mamode", "ema"), ("tr", "true")],
            outputs: ["lower", "basis", "upper"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.keltner(high: x.high, low: x.low, close: x.close, period: p.int("length"), scalar: p.real("scalar"))
                return [r.lower, r.basis, r.upper]
            },
            streaming: { p throws(IndicatorError) in
                var s = try Keltner(period: p.int("length"), scalar: p.real("scalar"))
                return IndicatorStream { b, out in let r = s.update(high: b.high, low: b.low, close: b.close); out[0] = r.lower; out[1] = r.basis; out[2] = r.upper }
            }),
        IndicatorDefinition(
            name: "DONCHIAN", summary: "Donchian channels, current bar included (pandas-ta)", inputs: [.high, .low],
            parameters: [P.int("lower_length", 20), P.int("upper_length", 20)], outputs: ["lower", "mid", "upper"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.donchian(high: x.high, low: x.low, lowerPeriod: p.int("lower_length"), upperPeriod: p.int("upper_length"))
                return [r.lower, r.mid, r.upper]
            },
            streaming: { p throws(IndicatorError) in
                var s = try Donchian(lowerPeriod: p.int("lower_length"), upperPeriod: p.int("upper_length"))
                return IndicatorStream { b, out in let r = s.update(high: b.high, low: b.low); out[0] = r.lower; out[1] = r.mid; out[2] = r.upper }
            }),
    ]
}
