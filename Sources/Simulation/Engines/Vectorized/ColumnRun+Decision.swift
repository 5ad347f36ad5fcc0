import Strategies

extension ColumnRun {
    /// The decision at the close of bar i, as the event path makes it with `Modifiers.apply`:
    /// a flatten (risk limit), the time stop and the signal's exit close the position (in that
    /// order of reasons); the signal's entry (only from flat or as a flip, as `SignalOrders`)
    /// gets its bracket (`ProtectiveExits`), its size (`Sized`) and the limits' checks
    /// (`RiskManaged`), each refusal or clip recorded.
    @inlinable
    mutating func decide(_ signal: SignalFlags, bar i: Int, ts: Int64, close c: Double, flatten: Bool, timeUp: Bool,
                         kernel: Kernel) -> Decision {
        var d = Decision()
        let signalExit = (qty > 0 && (signal.contains(.exitLong) || signal.contains(.entryShort)))
            || (qty < 0 && (signal.contains(.exitShort) || signal.contains(.entryLong)))
        if qty != 0 && (flatten || timeUp || signalExit) { d.exit = flatten ? .riskLimit : (timeUp ? .timeStop : .signal) }
        guard qty == 0 || signalExit else { return d }
        let side: Side
        if signal.contains(.entryLong) { side = .buy } else if signal.contains(.entryShort) { side = .sell } else { return d }
        let equity = cash + qty * c
        // The bracket: the kernel's per-entry levels, else the rules' (the strategy's own), then
        // the protective exits fill in the rest.
        let own = kernel.exitLevels(at: i)
        if bracketRules || own != EntryExitLevels() {
            let stop = own.stopLoss ?? rules.stopLoss, take = own.takeProfit ?? rules.takeProfit
            let b = BracketExits(takeProfit: take.map { .fraction($0) }, stopLoss: stop.map { .fraction($0) },
                                 trailing: own.trailing ?? rules.exits.trailing)
            d.bracket = rules.exits.complete(b.isEmpty ? nil : b, atr: columns.atr.map { $0[i] } ?? .nan)
        }
        var notional: Double
        if sizer.rewritesEntries {
            let sized = Sizing.entry(ColumnSizer(rule: sizer, volatility: columns.volatility.map { $0[i] } ?? .nan),
                                     equity: equity, close: c, bracket: d.bracket, stopFraction: rules.stopFraction,
                                     instrument: rules.instrument!)
            if let rule = sized.refusal {
                note(RiskEvent(ts: ts, bar: i, symbol: 0, rule: rule, action: .blocked, value: sized.value, limit: sized.limit))
                return d
            }
            d.quantity = sized.quantity
            notional = sized.quantity * c
        } else {
            d.fraction = rules.fraction
            notional = rules.fraction * equity
        }
        guard policesEntries else {
            d.entry = side
            return d
        }
        if watchesEquity && guardrail.isHalted {
            note(RiskEvent(ts: ts, bar: i, symbol: 0, rule: guardrail.haltedBy, action: .blocked, value: notional, limit: 0))
            return d
        }
        // Caps on the entry's notional (single symbol: the position before it is flat).
        var room = Double.infinity
        var rule = RiskRule.maxPosition
        if let limit = rules.limits.maxPositionFraction { room = limit * equity }
        if let limit = rules.limits.maxLeverage {
            let leverageRoom = limit * equity
            if leverageRoom < room { room = leverageRoom; rule = .maxLeverage }
        }
        if notional > room {
            if room <= 0 {
                note(RiskEvent(ts: ts, bar: i, symbol: 0, rule: rule, action: .blocked, value: notional, limit: room))
                return d
            }
            let scale = room / notional
            if d.quantity.isNaN { d.fraction *= scale } else { d.quantity *= scale }
            note(RiskEvent(ts: ts, bar: i, symbol: 0, rule: rule, action: .clipped, value: notional, limit: room))
        }
        d.entry = side
        return d
    }

    /// Records an order refused at its fill.
    @inlinable
    mutating func reject(_ rule: RiskRule, bar: Int, ts: Int64, value: Double, limit: Double) {
        note(RiskEvent(ts: ts, bar: bar, symbol: 0, rule: rule, action: .rejected, value: value, limit: limit))
    }

    /// Counts an event, and keeps it when the recorder does.
    @inlinable
    mutating func note(_ event: RiskEvent) {
        risk.add(event.rule, event.action)
        recorder.risk(event)
    }
}

/// The column's sizing rule with the volatility of the decision bar read from a column (the
/// event path's `VolatilityTargetSizer` observes the same closes bar by bar).
@frozen
@usableFromInline
struct ColumnSizer: PositionSizer {
    @usableFromInline let rule: SizingRule
    @usableFromInline let volatility: Double

    @inlinable init(rule: SizingRule, volatility: Double) { self.rule = rule; self.volatility = volatility }

    @inlinable
    func rawQuantity(_ input: SizingInput) -> Double {
        if case let .volatilityTarget(s) = rule { return s.fraction(volatility: volatility) * input.equity / input.price }
        return rule.rawQuantity(input)
    }
}
