extension IndicatorRegistry {
    static let momentum: [IndicatorDefinition] = [
        .series("RSI", "relative strength index (Wilder)", [P.int("timeperiod", 14)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.rsi(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try RSI(period: p.int("timeperiod")) }),
        .series("CMO", "Chande momentum oscillator (Wilder-smoothed, as TA-Lib)", [P.int("timeperiod", 14)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.cmo(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try CMO(period: p.int("timeperiod")) }),
        .series("MOM", "momentum x − x[n]", [P.int("timeperiod", 10)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.mom(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try Momentum(period: p.int("timeperiod"), kind: .difference) }),
        .series("ROC", "rate of change in percent", [P.int("timeperiod", 10)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.roc(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try Momentum(period: p.int("timeperiod"), kind: .percent) }),
        .series("TRIX", "rate of change of a triple EMA", [P.int("timeperiod", 30)],
                vectorized: { (x, p) throws(IndicatorError) in try TA.trix(x, period: p.int("timeperiod")) },
                make: { p throws(IndicatorError) in try TRIX(period: p.int("timeperiod")) }),
        .series("PPO", "percentage price oscillator", [P.int("fastperiod", 12), P.int("slowperiod", 26), P.int("matype", 1, minimum: 0)],
                vectorized: { (x, p) throws(IndicatorError) in
                    try TA.ppo(x, fast: p.int("fastperiod"), slow: p.int("slowperiod"), type: p.maType("matype", indicator: "PPO")) },
                make: { p throws(IndicatorError) in
                    try PPO(fast: p.int("fastperiod"), slow: p.int("slowperiod"), type: p.maType("matype", indicator: "PPO")) }),
        IndicatorDefinition(
            name: "MACD", summary: "moving average convergence/divergence (TA-Lib's late fast-EMA seed)", inputs: [.close],
            parameters: [P.int("fastperiod", 12), P.int("slowperiod", 26), P.int("signalperiod", 9)],
            outputs: ["macd", "macdsignal", "macdhist"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.macd(x.close, fast: p.int("fastperiod"), slow: p.int("slowperiod"), signal: p.int("signalperiod"))
                return [r.macd, r.signal, r.histogram]
            },
            streaming: { p throws(IndicatorError) in
                var s = try MACD(fast: p.int("fastperiod"), slow: p.int("slowperiod"), signal: p.int("signalperiod"))
                return IndicatorStream { b, out in let r = s.update(b.close); out[0] = r.macd; out[1] = r.signal; out[2] = r.histogram }
            }),
        IndicatorDefinition(
            name: "STOCH", summary: "slow stochastic", inputs: [.high, .low, .close],
            parameters: [P.int("fastk_period", 5), P.int("slowk_period", 3), P.int("slowk_matype", 0, minimum: 0),
                         P.int("slowd_period", 3), P.int("slowd_matype", 0, minimum: 0)],
            outputs: ["slowk", "slowd"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.stoch(high: x.high, low: x.low, close: x.close, fastK: p.int("fastk_period"),
                                     slowK: p.int("slowk_period"), slowKType: p.maType("slowk_matype", indicator: "STOCH"),
                                     slowD: p.int("slowd_period"), slowDType: p.maType("slowd_matype", indicator: "STOCH"))
                return [r.slowk, r.slowd]
            },
            streaming: { p throws(IndicatorError) in
                var s = try STOCH(fastK: p.int("fastk_period"), slowK: p.int("slowk_period"),
                                  slowKType: p.maType("slowk_matype", indicator: "STOCH"), slowD: p.int("slowd_period"),
                                  slowDType: p.maType("slowd_matype", indicator: "STOCH"))
                return IndicatorStream { b, out in let r = s.update(high: b.high, low: b.low, close: b.close); out[0] = r.slowk; out[1] = r.slowd }
            }),
        IndicatorDefinition(
            name: "STOCHF", summary: "fast stochastic", inputs: [.high, .low, .close],
            parameters: [P.int("fastk_period", 5), P.int("fastd_period", 3), P.int("fastd_matype", 0, minimum: 0)],
            outputs: ["fastk", "fastd"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.stochf(high: x.high, low: x.low, close: x.close, fastK: p.int("fastk_period"),
                                      fastD: p.int("fastd_period"), fastDType: p.maType("fastd_matype", indicator: "STOCHF"))
                return [r.fastk, r.fastd]
            },
            streaming: { p throws(IndicatorError) in
                var s = try STOCHF(fastK: p.int("fastk_period"), fastD: p.int("fastd_period"),
                                   fastDType: p.maType("fastd_matype", indicator: "STOCHF"))
                return IndicatorStream { b, out in let r = s.update(high: b.high, low: b.low, close: b.close); out[0] = r.fastk; out[1] = r.fastd }
            }),
        IndicatorDefinition(
            name: "STOCHRSI", summary: "fast stochastic of RSI", inputs: [.close],
            parameters: [P.int("timeperiod", 14), P.int("fastk_period", 5), P.int("fastd_period", 3), P.int("fastd_matype", 0, minimum: 0)],
            outputs: ["fastk", "fastd"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.stochrsi(x.close, period: p.int("timeperiod"), fastK: p.int("fastk_period"),
                                        fastD: p.int("fastd_period"), fastDType: p.maType("fastd_matype", indicator: "STOCHRSI"))
                return [r.fastk, r.fastd]
            },
            streaming: { p throws(IndicatorError) in
                var s = try STOCHRSI(period: p.int("timeperiod"), fastK: p.int("fastk_period"), fastD: p.int("fastd_period"),
                                     fastDType: p.maType("fastd_matype", indicator: "STOCHRSI"))
                return IndicatorStream { b, out in let r = s.update(b.close); out[0] = r.fastk; out[1] = r.fastd }
            }),
        IndicatorDefinition(
            name: "CCI", summary: "commodity channel index", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.cci(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try CCI(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
        IndicatorDefinition(
            name: "WILLR", summary: "Williams %R", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.willr(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try WILLR(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
        IndicatorDefinition(
            name: "MFI", summary: "money flow index", inputs: [.high, .low, .close, .volume], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in
                [try TA.mfi(high: x.high, low: x.low, close: x.close, volume: x.volume, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try MFI(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close, volume: b.volume) }
            }),
        IndicatorDefinition(
            name: "ULTOSC", summary: "ultimate oscillator", inputs: [.high, .low, .close],
            parameters: [P.int("timeperiod1", 7), P.int("timeperiod2", 14), P.int("timeperiod3", 28)],
            vectorized: { (x, p) throws(IndicatorError) in
                [try TA.ultosc(high: x.high, low: x.low, close: x.close, period1: p.int("timeperiod1"),
                               period2: p.int("timeperiod2"), period3: p.int("timeperiod3"))] },
            streaming: { p throws(IndicatorError) in
                var s = try ULTOSC(period1: p.int("timeperiod1"), period2: p.int("timeperiod2"), period3: p.int("timeperiod3"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
        IndicatorDefinition(
            name: "AROON", summary: "Aroon down and up (n+1-bar window)", inputs: [.high, .low], parameters: [P.int("timeperiod", 14)],
            outputs: ["aroondown", "aroonup"],
            vectorized: { (x, p) throws(IndicatorError) in
                let r = try TA.aroon(high: x.high, low: x.low, period: p.int("timeperiod"))
                return [r.down, r.up]
            },
            streaming: { p throws(IndicatorError) in
                var s = try Aroon(period: p.int("timeperiod"))
                return IndicatorStream { b, out in let r = s.update(high: b.high, low: b.low); out[0] = r.down; out[1] = r.up }
            }),
        IndicatorDefinition(
            name: "AROONOSC", summary: "Aroon oscillator (up − down)", inputs: [.high, .low], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.aroonosc(high: x.high, low: x.low, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try Aroon(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low).oscillator }
            }),
        IndicatorDefinition(
            name: "PLUS_DI", summary: "plus directional indicator", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.plusDI(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try DirectionalMovement(indicator: "PLUS_DI", period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close).plus }
            }),
        IndicatorDefinition(
            name: "MINUS_DI", summary: "minus directional indicator", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.minusDI(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try DirectionalMovement(indicator: "MINUS_DI", period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close).minus }
            }),
        IndicatorDefinition(
            name: "ADX", summary: "average directional index", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.adx(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try ADX(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
        IndicatorDefinition(
            name: "ADXR", summary: "average directional index rating", inputs: [.high, .low, .close], parameters: [P.int("timeperiod", 14)],
            vectorized: { (x, p) throws(IndicatorError) in [try TA.adxr(high: x.high, low: x.low, close: x.close, period: p.int("timeperiod"))] },
            streaming: { p throws(IndicatorError) in
                var s = try ADXR(period: p.int("timeperiod"))
                return IndicatorStream { b, out in out[0] = s.update(high: b.high, low: b.low, close: b.close) }
            }),
    ]
}
