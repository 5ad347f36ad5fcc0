/// A sizing rule chosen at run time (from a spec or the command line), dispatched with a
/// `switch` so `Sized` stays generic and specialized. `.strategy` keeps the strategy's own
/// `.equityFraction` sizes.
@frozen
public enum SizingRule: PositionSizer, Hashable {
    case strategy
    case fixedFraction(FixedFractionSizer)
    case fixedCash(FixedCashSizer)
    case fixedQuantity(FixedQuantitySizer)
    case fixedRisk(FixedRiskSizer)
    case kelly(KellySizer)
    case volatilityTarget(VolatilityTargetSizer)

    public static let names = ["strategy", "fixed_fraction", "fixed_cash", "fixed_quantity", "fixed_risk", "kelly", "vol_target"]

    /// Parameter declarations of the sizing choice and its settings.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("sizing", .choice(default: "strategy", choices: names), "how entries are sized"),
        ParameterSpec("size_fraction", .double(default: 0.1, min: 0.000001, max: 100), "fixed_fraction: fraction of equity per entry"),
        ParameterSpec("size_cash", .double(default: 1_000, min: 0.000001, max: 1e12), "fixed_cash: quote currency per entry"),
        ParameterSpec("size_quantity", .double(default: 1, min: 1e-12, max: 1e12), "fixed_quantity: base-asset units per entry"),
        ParameterSpec("risk", .double(default: 0.01, min: 0.000001, max: 1), "fixed_risk: equity fraction lost if the stop is hit"),
        ParameterSpec("risk_stop", .double(default: 0.02, min: 0.000001, max: 0.99), "fixed_risk: stop distance as a fraction of the close when the entry carries none"),
        ParameterSpec("kelly_window", .int(default: 50, min: 1, max: 100_000), "kelly: closed trades in the rolling window"),
        ParameterSpec("kelly_multiplier", .double(default: 0.5, min: 0.01, max: 1), "kelly: fraction of full Kelly (1 = full)"),
        ParameterSpec("kelly_min_trades", .int(default: 10, min: 1, max: 100_000), "kelly: trades needed before Kelly applies"),
        ParameterSpec("kelly_fallback", .double(default: 0.1, min: 0, max: 1), "kelly: fraction of equity before that"),
        ParameterSpec("vol_target", .double(default: 0.5, min: 0.000001, max: 10), "vol_target: target annualized volatility"),
        ParameterSpec("vol_window", .int(default: 168, min: 2, max: 100_000), "vol_target: bars in the volatility estimate"),
        ParameterSpec("size_cap", .double(default: 1, min: 0.000001, max: 100), "kelly, fixed_risk, vol_target: cap on the fraction of equity"),
    ]

    /// Reads the rule declared in `parameters`; `periodsPerYear` annualizes volatility targeting.
    /// Returns the rule and the stop fraction `Sized` assumes for entries without a bracket stop.
    public static func make(_ p: ParameterSet, periodsPerYear: Double) throws(StrategyError) -> (rule: SizingRule, stopFraction: Double?) {
        let cap = p.double("size_cap")
        switch p.choice("sizing") {
        case "fixed_fraction": return (.fixedFraction(FixedFractionSizer(fraction: p.double("size_fraction"))), nil)
        case "fixed_cash": return (.fixedCash(FixedCashSizer(cash: p.double("size_cash"))), nil)
        case "fixed_quantity": return (.fixedQuantity(FixedQuantitySizer(units: p.double("size_quantity"))), nil)
        case "fixed_risk": return (.fixedRisk(FixedRiskSizer(risk: p.double("risk"), maxFraction: cap)), p.double("risk_stop"))
        case "kelly":
            let window = p.int("kelly_window"), minTrades = p.int("kelly_min_trades")
            guard minTrades <= window else {
                throw .constraint(strategy: "sizing", message: "kelly_min_trades \(minTrades) exceeds kelly_window \(window)")
            }
            return (.kelly(KellySizer(window: window, multiplier: p.double("kelly_multiplier"), maxFraction: cap,
                                      minTrades: minTrades, fallback: p.double("kelly_fallback"))), nil)
        case "vol_target":
            return (.volatilityTarget(try VolatilityTargetSizer(target: p.double("vol_target"), window: p.int("vol_window"),
                                                                periodsPerYear: periodsPerYear, maxLeverage: cap)), nil)
        default: return (.strategy, nil)
        }
    }

    @inlinable
    public var rewritesEntries: Bool {
        if case .strategy = self { return false }
        return true
    }

    @inlinable
    public func rawQuantity(_ input: SizingInput) -> Double {
        switch self {
        case .strategy: return 0
        case let .fixedFraction(s): return s.rawQuantity(input)
        case let .fixedCash(s): return s.rawQuantity(input)
        case let .fixedQuantity(s): return s.rawQuantity(input)
        case let .fixedRisk(s): return s.rawQuantity(input)
        case let .kelly(s): return s.rawQuantity(input)
        case let .volatilityTarget(s): return s.rawQuantity(input)
        }
    }

    @inlinable
    public mutating func observe(close: Double) {
        if case var .volatilityTarget(s) = self {
            s.observe(close: close)
            self = .volatilityTarget(s)
        }
    }

    @inlinable
    public mutating func recordTrade(return tradeReturn: Double) {
        if case var .kelly(s) = self {
            s.recordTrade(return: tradeReturn)
            self = .kelly(s)
        }
    }
}
