extension IndicatorRegistry {
    static let volume: [IndicatorDefinition] = [
        IndicatorDefinition(
            name: "OBV", summary: "on-balance volume, starting at volume[0]", inputs: [.close, .volume],
            vectorized: { (x, _) throws(IndicatorError) in [try TA.obv(close: x.close, volume: x.volume)] },
            streaming: { _ in
                var s = OBV()
                return IndicatorStream { b, out in out[0] = s.update(close: b.close, volume: b.volume) }
            }),
        IndicatorDefinition(
            name: "AD", summary: "Chaikin accumulation/distribution line", inputs: [.high, .low, .close, .volume],
            vectorized: { (x, _) throws(IndicatorError) in [try TA.ad(high: x.high, low: x.low, close: x.close, volume: x.volume)] },
            streaming: { _ in
                var s = AccumulationDistribution()
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close, volume: b.volume) }
            }),
        IndicatorDefinition(
            name: "ADOSC", summary: "Chaikin A/D oscillator", inputs: [.high, .low, .close, .volume],
            parameters: [P.int("fastperiod", 3), P.int("slowperiod", 10)],
            vectorized: { (x, p) throws(IndicatorError) in
                [try TA.adosc(high: x.high, low: x.low, close: x.close, volume: x.volume, fast: p.int("fastperiod"), slow: p.int("slowperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try ChaikinOscillator(fast: p.int("fastperiod"), slow: p.int("slowperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close, volume: b.volume) }
            }),
        IndicatorDefinition(
            name: "VWAP_SESSION", summary: "VWAP of the UTC day (resets at 00:00 UTC)", inputs: [.timestamp, .high, .low, .close, .volume],
            conventions: [("anchor", "D")], outputs: ["vwap"],
            vectorized: { (x, _) throws(IndicatorError) in
                [try TA.vwapSession(timestamp: x.timestamp, high: x.high, low: x.low, close: x.close, volume: x.volume)] },
            streaming: { _ in
                var s = SessionVWAP()
                return IndicatorStream { b, out in out[0] = s.update(timestamp: b.timestamp, high: b.high, low: b.low, close: b.close, volume: b.volume) }
            }),
        IndicatorDefinition(
            name: "VWAP_ROLLING", summary: "VWAP of the last n bars", inputs: [.high, .low, .close, .volume],
            parameters: [P.int("length", 24)], outputs: ["vwap"],
            vectorized: { (x, p) throws(IndicatorError) in
                [try TA.vwapRolling(high: x.high, low: x.low, close: x.close, volume: x.volume, period: p.int("length"))] },
            streaming: { p throws(IndicatorError) in
                var s = try RollingVWAP(period: p.int("length"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close, volume: b.volume) }
            }),
        IndicatorDefinition(
            name: "VOLUME_PROFILE", summary: "point of control of the volume-by-price histogram of the last n bars",
            inputs: [.high, .low, .volume], parameters: [P.int("timeperiod", 24), P.int("bins", 24)], outputs: ["poc"],
            vectorized: { (x, p) throws(IndicatorError) in
                [try TA.volumeProfilePOC(high: x.high, low: x.low, volume: x.volume, period: p.int("timeperiod"), bins: p.int("bins"))] },
            streaming: { p throws(IndicatorError) in
                var s = try RollingVolumeProfile(period: p.int("timeperiod"), bins: p.int("bins"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, volume: b.volume).pointOfControl }
            }),
    ]
}
