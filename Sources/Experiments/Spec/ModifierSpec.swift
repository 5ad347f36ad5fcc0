import MarketData
import Strategies

/// The spec's `exits`, `sizing` and `risk` blocks of a strategy, as settings of the flat
/// modifier parameters (`Modifiers.parameters`, the names `crucible backtest --param` takes).
///
/// Semantics: each setting is a number, a parameter of the strategy's search space (its value
/// in each trial), or — for the exit levels `stop_loss`, `take_profit`, `trailing_stop` — an
/// expression of the strategy language whose value at the signal bar is the entry's level
/// (compiled into `levels`, run per trial as `ExitLevels`). Settings keep the spec's block
/// order: exits, sizing, risk, each in the order of `ModifierSpec.exitKeys`, `sizingKeys`,
/// `riskKeys`.
public struct ModifierSpec: Sendable, Equatable {
    /// One setting's value.
    public enum Value: Sendable, Equatable {
        case number(Double)
        /// A sizing rule's name.
        case word(String)
        /// A parameter of the search space.
        case parameter(String)
        /// An expression (exit levels only), as written.
        case expression(String)
    }

    /// One setting: the flat modifier parameter it sets and the JSON path it came from.
    public struct Setting: Sendable, Equatable {
        public var name: String
        public var path: String
        public var value: Value
    }

    public var settings: [Setting] = []
    /// The exit level expressions compiled together (named by their modifier parameter), nil
    /// when there is none.
    public var levels: RuleProgram?
    /// The imported series `levels` reads, in `levels.columns` order: the data's, then — once
    /// the runner has trained them (`ModelColumns.attach`) — the models' predictions.
    public var levelColumns: [ImportedSeries] = []

    public init(settings: [Setting] = [], levels: RuleProgram? = nil, levelColumns: [ImportedSeries] = []) {
        self.settings = settings
        self.levels = levels
        self.levelColumns = levelColumns
    }

    /// Spec key → modifier parameter, by block.
    public static let exitKeys: [(key: String, parameter: String)] = [
        ("stop_loss", "stop_loss"), ("atr_stop", "atr_stop"), ("atr_period", "atr_period"),
        ("trailing_stop", "trailing_stop"), ("take_profit", "take_profit"), ("max_bars", "max_bars"),
    ]
    public static let riskKeys: [(key: String, parameter: String)] = [
        ("max_position", "max_position"), ("max_leverage", "max_leverage"), ("max_drawdown", "max_drawdown"),
        ("halt_bars", "halt_bars"), ("daily_loss", "daily_loss"), ("max_open_positions", "max_open_positions"),
    ]
    /// The settings each sizing rule takes (besides `rule`).
    public static func sizingKeys(_ rule: String) -> [(key: String, parameter: String)] {
        switch rule {
        case "fixed_fraction": return [("fraction", "size_fraction")]
        case "fixed_cash": return [("cash", "size_cash")]
        case "fixed_quantity": return [("quantity", "size_quantity")]
        case "fixed_risk": return [("risk", "risk"), ("stop", "risk_stop"), ("cap", "size_cap")]
        case "kelly":
            return [("window", "kelly_window"), ("multiplier", "kelly_multiplier"), ("min_trades", "kelly_min_trades"),
                    ("fallback", "kelly_fallback"), ("cap", "size_cap")]
        case "vol_target": return [("target", "vol_target"), ("window", "vol_window"), ("cap", "size_cap")]
        default: return []
        }
    }

    /// Whether nothing is set.
    public var isEmpty: Bool { settings.isEmpty }
    /// The search-space parameters the settings refer to by name.
    public var parameters: [String] { settings.compactMap { if case let .parameter(p) = $0.value { return p } else { return nil } } }
    /// Every search-space parameter the settings read: by name or inside an expression.
    public var usedParameters: Set<String> { Set(parameters + (levels?.usedParameters ?? [])) }
    /// The exit levels given as expressions: modifier parameter → expression text.
    public var expressions: [(name: String, text: String)] {
        settings.compactMap { if case let .expression(e) = $0.value { return ($0.name, e) } else { return nil } }
    }

    /// The settings as `name=value` text for `Modifiers(text:)`, each parameter reference
    /// replaced by `value(parameter)` (a trial's value). Expressions are left out: they are per-bar
    /// columns of the rule engine, not numbers.
    public func text(_ value: (String) -> Double?) throws(StrategyError) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for s in settings {
            switch s.value {
            case let .number(x): pairs.append((s.name, Self.render(x, for: s.name)))
            case let .word(w): pairs.append((s.name, w))
            case let .parameter(p):
                guard let x = value(p) else { throw .unknownParameter(strategy: "modifiers", name: p, known: []) }
                pairs.append((s.name, Self.render(x, for: s.name)))
            case .expression: continue
            }
        }
        return pairs
    }

    /// The modifiers of one trial (`value` gives the trial's parameter values), the exit level
    /// expressions included.
    public func modifiers(periodsPerYear: Double, _ value: (String) -> Double?) throws(StrategyError) -> Modifiers {
        var m = try Modifiers(text: text(value), periodsPerYear: periodsPerYear)
        if let levels {
            var values: [Double] = []
            for p in levels.parameters {
                guard let x = value(p.name) else { throw .unknownParameter(strategy: "exits", name: p.name, known: []) }
                values.append(x)
            }
            m.levels = try ExitLevels(program: levels, parameters: values, imported: levelColumns)
        }
        return m
    }

    /// A number as the text an int or double modifier parameter parses.
    static func render(_ x: Double, for name: String) -> String {
        if case .int? = Modifiers.parameters.first(where: { $0.name == name })?.kind, x.rounded() == x, abs(x) < 1e15 {
            return String(Int(x))
        }
        return String(x)
    }
}
