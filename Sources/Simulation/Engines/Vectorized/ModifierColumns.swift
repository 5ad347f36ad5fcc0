import MarketData
import Indicators
import Strategies

/// The bar-derived columns the modifiers of a sweep read, each computed once per distinct
/// setting with the event path's own streaming code (so both engines see the same numbers):
/// ATR per `atr_period` of the ATR stops, annualized volatility per `vol_window` of the
/// volatility-target sizing. Read only at entry decisions.
@usableFromInline
final class ModifierColumns: @unchecked Sendable {
    @usableFromInline let atr: ColumnCache
    @usableFromInline let volatility: ColumnCache

    /// The columns of one column run (nil: not used).
    @frozen
    @usableFromInline
    struct Pointers: @unchecked Sendable {
        @usableFromInline let atr: UnsafePointer<Double>?
        @usableFromInline let volatility: UnsafePointer<Double>?
        @inlinable init(atr: UnsafePointer<Double>?, volatility: UnsafePointer<Double>?) { self.atr = atr; self.volatility = volatility }
    }

    @usableFromInline
    init(_ bars: BarSeries, rules: [VectorizedRules]) throws(SimulationError) {
        atr = ColumnCache(count: bars.count)
        volatility = ColumnCache(count: bars.count)
        for r in rules {
            try r.validateForVectorized()
            if r.exits.atrStop != nil && !atr.keys.contains(r.exits.atrPeriod) {
                let values: [Double]
                do { values = try TA.atr(high: bars.high, low: bars.low, close: bars.close, period: r.exits.atrPeriod) } catch {
                    throw .strategy(.constraint(strategy: "exits", message: error.description))
                }
                atr.insert(r.exits.atrPeriod) { out in for k in values.indices { out[k] = values[k] } }
            }
            if case let .volatilityTarget(s) = r.sizing, !volatility.keys.contains(s.window) {
                let values: [Double]
                do {
                    values = try bars.close.withUnsafeBufferPointer { (c) throws(StrategyError) in
                        try VolatilityTargetSizer.volatilities(closes: c, window: s.window, periodsPerYear: s.periodsPerYear)
                    }
                } catch { throw .strategy(error) }
                volatility.insert(s.window) { out in for k in values.indices { out[k] = values[k] } }
            }
        }
    }

    @usableFromInline
    func pointers(_ r: VectorizedRules) -> Pointers {
        var vol: UnsafePointer<Double>?
        if case let .volatilityTarget(s) = r.sizing { vol = volatility.pointer(s.window) }
        return Pointers(atr: r.exits.atrStop != nil ? atr.pointer(r.exits.atrPeriod) : nil, volatility: vol)
    }
}

extension VectorizedRules {
    /// `validate`, as a simulation error.
    @usableFromInline
    func validateForVectorized() throws(SimulationError) {
        do { try validate() } catch { throw .strategy(error) }
    }
}
