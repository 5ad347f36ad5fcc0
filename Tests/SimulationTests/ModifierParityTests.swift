import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// Exits, sizing and risk limits mean the same on both engines: random signal strategies with
/// random modifier settings on real BTC bars, the event engine running `Modifiers.apply` and the
/// vectorized engine the same settings in `VectorizedRules`, give identical fills, trades, risk
/// events and equity (1e-9 relative), and the sweep's metrics-only run gives the same counts.
@Suite struct ModifierParityTests {
    /// One generated case: signals, modifiers, engine settings and optional per-bar exit columns.
    struct Case: CustomStringConvertible {
        var seed: UInt64
        var slice: Range<Int>
        var shorts: Bool
        var text: [(String, String)]
        var config: EngineConfig
        var slippageBps: Double
        var instrument: Instrument
        var fraction: Double
        var columns: ExitColumns
        var description: String {
            "seed \(seed) bars \(slice) \(config.fill) \(config.intrabar) lot \(config.lotSize) min \(config.minNotional) "
                + "lev \(config.leverage) slip \(slippageBps) f \(fraction) " + text.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
                + (columns == ExitColumns() ? "" : " + exit columns")
        }
    }

    static func generate(_ seed: UInt64) -> Case {
        var rng = SplitMix64(seed: seed)
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        func number(_ r: ClosedRange<Double>) -> String { String(Double.random(in: r, using: &rng)) }
        func int(_ r: ClosedRange<Int>) -> String { String(Int.random(in: r, using: &rng)) }
        var text: [(String, String)] = []
        let rules = ["strategy", "fixed_fraction", "fixed_cash", "fixed_quantity", "fixed_risk", "kelly", "vol_target"]
        let rule = rules[Int(seed % UInt64(rules.count))]
        text.append(("sizing", rule))
        switch rule {
        case "fixed_fraction": text.append(("size_fraction", number(0.05...1.5)))
        case "fixed_cash": text.append(("size_cash", number(5...15_000)))
        case "fixed_quantity": text.append(("size_quantity", number(0.0001...0.4)))
        case "fixed_risk": text += [("risk", number(0.002...0.05)), ("risk_stop", number(0.005...0.05)), ("size_cap", number(0.3...2))]
        case "kelly":
            let window = Int.random(in: 3...20, using: &rng)
            text += [("kelly_window", String(window)), ("kelly_min_trades", String(Int.random(in: 1...window, using: &rng))),
                     ("kelly_multiplier", number(0.2...1)), ("kelly_fallback", number(0...0.5)), ("size_cap", number(0.2...1.5))]
        case "vol_target": text += [("vol_target", number(0.1...1.5)), ("vol_window", int(2...300)), ("size_cap", number(0.2...2))]
        default: break
        }
        if chance(0.4) { text.append(("stop_loss", number(0.003...0.05))) }
        if chance(0.3) { text += [("atr_stop", number(0.5...4)), ("atr_period", int(1...50))] }
        if chance(0.4) { text.append(("trailing_stop", number(0.003...0.06))) }
        if chance(0.4) { text.append(("take_profit", number(0.005...0.08))) }
        if chance(0.3) { text.append(("max_bars", int(1...60))) }
        if chance(0.35) { text += [("max_drawdown", number(0.01...0.2)), ("halt_bars", chance(0.5) ? "0" : int(1...300))] }
        if chance(0.3) { text.append(("daily_loss", number(0.003...0.04))) }
        if chance(0.3) { text.append(("max_position", number(0.1...1.5))) }
        if chance(0.3) { text.append(("max_leverage", number(0.1...2))) }

        var config = EngineConfig()
        config.fees = FeeModel(makerBps: chance(0.5) ? 2 : 0, takerBps: chance(0.8) ? 7.5 : 0)
        config.fill = chance(0.7) ? .nextOpen : .close
        config.intrabar = chance(0.5) ? .worstCase : .ohlc
        if chance(0.3) { config.lotSize = chance(0.5) ? 0.001 : 0.01 }
        if chance(0.3) { config.minNotional = Double.random(in: 5...300, using: &rng) }
        if chance(0.25) { config.leverage = Double.random(in: 1...2.5, using: &rng) }
        let instrument = Instrument(base: "BTC", quote: "USDT", tickSize: 0.01,
                                    lotSize: chance(0.5) ? config.lotSize : (chance(0.5) ? 0 : 0.0001),
                                    minNotional: chance(0.5) ? config.minNotional : Double.random(in: 0...100, using: &rng))
        let start = Int.random(in: 0...(BTC.hourly.count - 3_000), using: &rng)
        let length = Int.random(in: 600...2_500, using: &rng)
        var columns = ExitColumns()
        if chance(0.2) {
            // Per-bar levels as an expression would give them: a multiple of the bar's range over
            // the close (NaN on the first bars, a warm-up).
            let bars = BTC.hourly.slice(start..<(start + length))
            let k = Double.random(in: 0.5...3, using: &rng)
            let levels = (0..<bars.count).map { i in i < 5 ? Double.nan : k * (bars.high[i] - bars.low[i]) / bars.close[i] }
            if chance(0.5) { columns.takeProfit = levels } else { columns.stopLoss = levels }
        }
        return Case(seed: seed, slice: start..<(start + length), shorts: chance(0.6), text: text, config: config,
                    slippageBps: chance(0.5) ? 0 : Double.random(in: 0...5, using: &rng), instrument: instrument,
                    fraction: Double.random(in: 0.2...1, using: &rng), columns: columns)
    }

    /// Runs both engines on a case (on `data` instead of the case's slice of BTC 1h when given,
    /// with `subBars` for the `sub_bars` intrabar rule).
    static func runBoth(_ c: Case, data: BarSeries? = nil, subBars: BarSeries? = nil) throws
        -> (event: BacktestResult, vectorized: BacktestResult, bars: BarSeries, strategy: Modified<PrecomputedSignals>) {
        let bars = data ?? BTC.hourly.slice(c.slice)
        let modifiers = try Modifiers(text: c.text, periodsPerYear: bars.periodsPerYear)
        let signals = TestData.signals(count: bars.count, seed: c.seed &* 31, every: 12, shorts: c.shorts)
        let inner = PrecomputedSignals(signals: signals, rules: VectorizedRules(fraction: c.fraction), levels: c.columns)
        let slip = FixedSlippage(bps: c.slippageBps)
        let e = try EventEngine(config: c.config, slippage: slip).run(modifiers.apply(inner, instruments: [c.instrument]), bars: bars,
                                                                     subBars: subBars)
        let strategy = try modifiers.vectorized(inner, instrument: c.instrument)
        let v = try VectorizedEngine(config: c.config, slippage: slip).run(strategy, bars: bars, subBars: subBars)
        return (e, v, bars, strategy)
    }

    static func close(_ a: Double, _ b: Double, _ scale: Double) -> Bool {
        a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 1e-9 * max(abs(scale), 1e-300)
    }

    /// The first difference in fills or events, in words (nil: none).
    static func firstDifference(_ e: BacktestResult, _ v: BacktestResult) -> String? {
        for (k, (x, y)) in zip(e.fills, v.fills).enumerated() {
            if !(x.bar == y.bar && x.side == y.side && x.reason == y.reason && close(x.quantity, y.quantity, x.quantity) && close(x.price, y.price, x.price)) {
                return "fill \(k): event \(x.bar) \(x.side) \(x.quantity)@\(x.price) \(x.reason) vs vectorized \(y.bar) \(y.side) \(y.quantity)@\(y.price) \(y.reason)"
            }
        }
        if e.fills.count != v.fills.count {
            let k = min(e.fills.count, v.fills.count)
            return "fill counts \(e.fills.count) vs \(v.fills.count); next: \(k < e.fills.count ? "\(e.fills[k])" : "-") / \(k < v.fills.count ? "\(v.fills[k])" : "-")"
        }
        for (x, y) in zip(e.riskEvents, v.riskEvents) where !(x.bar == y.bar && x.rule == y.rule && x.action == y.action && close(x.value, y.value, x.value)) {
            return "event \(x) vs \(y)"
        }
        if e.riskEvents.count != v.riskEvents.count {
            let k = min(e.riskEvents.count, v.riskEvents.count)
            return "event counts \(e.riskEvents.count) vs \(v.riskEvents.count); next: \(k < e.riskEvents.count ? "\(e.riskEvents[k])" : "-") / \(k < v.riskEvents.count ? "\(v.riskEvents[k])" : "-")"
        }
        return nil
    }

    /// Identical fills, trades, events and equity.
    static func compare(_ e: BacktestResult, _ v: BacktestResult, _ label: String) {
        EngineParityTests.compare(v, e)
        #expect(e.fills.count == v.fills.count, "\(label): fills")
        for (x, y) in zip(e.fills, v.fills) {
            #expect(x.bar == y.bar && x.side == y.side && x.reason == y.reason && x.liquidity == y.liquidity, "\(label): fill at bar \(x.bar)")
            #expect(close(x.quantity, y.quantity, x.quantity) && close(x.price, y.price, x.price) && close(x.fee, y.fee, x.price * x.quantity),
                    "\(label): fill at bar \(x.bar)")
        }
        #expect(e.riskEvents.count == v.riskEvents.count, "\(label): risk events \(e.riskEvents.count) vs \(v.riskEvents.count)")
        for (x, y) in zip(e.riskEvents, v.riskEvents) {
            #expect(x.bar == y.bar && x.ts == y.ts && x.rule == y.rule && x.action == y.action, "\(label): \(x) vs \(y)")
            #expect(close(x.value, y.value, x.value) && close(x.limit, y.limit, x.limit), "\(label): \(x) vs \(y)")
        }
        #expect(e.metrics.risk == v.metrics.risk, "\(label): risk counts")
    }

    /// cash + position × close = equity at every bar.
    static func checkIdentity(_ r: BacktestResult, _ bars: BarSeries, _ label: String) {
        var position = 0.0, k = 0, worst = 0.0
        for i in 0..<bars.count {
            while k < r.fills.count && r.fills[k].bar == i { position += r.fills[k].side.sign * r.fills[k].quantity; k += 1 }
            worst = max(worst, abs(r.cash[i] + position * bars.close[i] - r.equity[i]) / max(abs(r.equity[i]), 1))
        }
        #expect(worst <= 1e-9, "\(label): cash + positions vs equity \(worst)")
    }

    static let seeds: [UInt64] = Array(1...420)

    @Test func randomModifiersAgreeOnRealBars() throws {
        var coverage = RiskCounts()
        var reasons = Set<ExitReason>()
        var rulesSeen = Set<String>()
        var traded = 0
        var failures = 0
        for seed in Self.seeds {
            let c = Self.generate(seed)
            let (e, v, bars, strategy) = try Self.runBoth(c)
            let label = c.description
            if let d = Self.firstDifference(e, v) {
                Issue.record("\(label): \(d)")
                failures += 1
                if failures >= 4 { return }
                continue
            }
            Self.compare(e, v, label)
            Self.checkIdentity(e, bars, "event " + label)
            Self.checkIdentity(v, bars, "vectorized " + label)
            // The sweep (metrics only) keeps the same counts and figures.
            let swept = try VectorizedEngine(config: c.config, slippage: FixedSlippage(bps: c.slippageBps)).sweep([strategy, strategy], bars: bars, threads: 2)
            for m in swept {
                #expect(m.finalEquity == v.metrics.finalEquity && m.entries == v.metrics.entries && m.risk == v.metrics.risk
                        && m.totalFees == v.metrics.totalFees && m.maxDrawdown == v.metrics.maxDrawdown
                        && (m.sharpe == v.metrics.sharpe || (m.sharpe.isNaN && v.metrics.sharpe.isNaN)), "\(label): sweep metrics")
            }
            for event in v.riskEvents { coverage.add(event.rule, event.action) }
            for t in v.trades { if let r = t.exitReason { reasons.insert(r) } }
            if !v.trades.isEmpty { traded += 1 }
            rulesSeen.insert(c.text[0].1)
        }
        // The generated set exercises every exit, every sizing rule and every single-symbol limit.
        #expect(traded > Self.seeds.count * 3 / 4, "most cases trade (\(traded))")
        for r: ExitReason in [.signal, .stopLoss, .trailingStop, .takeProfit, .timeStop, .riskLimit] {
            #expect(reasons.contains(r), "no trade closed by \(r)")
        }
        #expect(rulesSeen.count == 7)
        for rule: RiskRule in [.maxPosition, .maxLeverage, .maxDrawdown, .dailyLoss, .sizing, .lotSize, .minNotional, .margin] {
            #expect(coverage.count(rule) > 0, "no \(rule) event")
        }
        for action: RiskAction in [.clipped, .blocked, .rejected, .flattened, .resumed] {
            #expect(coverage.count(action) > 0, "no \(action) event")
        }
    }

    /// No look-ahead: cutting the bars at `cut` changes no fill and no event before it, on either
    /// engine, whatever the modifiers.
    @Test func modifiersNeverLookAhead() throws {
        for seed in Self.seeds.prefix(60) {
            let c = Self.generate(seed)
            let cut = c.slice.count / 2
            var short = c
            short.slice = c.slice.lowerBound..<(c.slice.lowerBound + cut)
            short.columns = ExitColumns(stopLoss: c.columns.stopLoss.map { Array($0.prefix(cut)) },
                                        takeProfit: c.columns.takeProfit.map { Array($0.prefix(cut)) })
            let full = try Self.runBoth(c), truncated = try Self.runBoth(short)
            for (a, b) in [(full.event, truncated.event), (full.vectorized, truncated.vectorized)] {
                // Under close fills an order decided at the last bar fills there in both runs;
                // under next-open fills bar cut − 1's decisions fill after the cut.
                #expect(a.fills.filter { $0.bar < cut } == b.fills, "\(c)")
                #expect(a.riskEvents.filter { $0.bar < cut } == b.riskEvents, "\(c)")
                #expect(Array(a.equity.prefix(cut)) == b.equity, "\(c)")
            }
        }
    }

    /// The same property under the `sub_bars` intrabar rule: hourly bars built from the bundled
    /// minutes, replayed minute by minute inside each hour on both engines.
    @Test func randomModifiersAgreeWithSubBars() throws {
        let (hourly, minutes) = try SweepAndSubBarTests.hourlyFromMinutes()
        var exits = 0
        for seed in UInt64(1_001)...UInt64(1_080) {
            var c = Self.generate(seed)
            c.config.intrabar = .subBars
            c.columns = ExitColumns()
            let (e, v, bars, _) = try Self.runBoth(c, data: hourly, subBars: minutes)
            let label = "sub_bars " + c.description
            if let d = Self.firstDifference(e, v) {
                Issue.record("\(label): \(d)")
                continue
            }
            Self.compare(e, v, label)
            Self.checkIdentity(v, bars, label)
            exits += v.trades.filter { [.stopLoss, .trailingStop, .takeProfit].contains($0.exitReason) }.count
        }
        #expect(exits > 50, "the minute replay should resolve many exits (\(exits))")
    }
}
