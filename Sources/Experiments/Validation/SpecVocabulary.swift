import Learning
import MarketData
import Simulation
import Strategies

/// The keys an object of the spec may hold, and which of them are required. The decoder reads
/// its key lists from here and `experiments/schema.json` marks the matching subschema with the
/// same `$anchor`; a test checks both agree, so the schema and the decoder cannot drift.
public struct ObjectShape: Sendable, Equatable {
    public var id: String
    public var keys: [String]
    public var required: [String]
    /// Keys that belong to a member of this object (`"exits"` → `"strategy"`), so an error can
    /// say where to move them.
    public var belongsIn: [String: String]

    init(_ id: String, _ keys: [String], required: [String] = [], belongsIn: [String: String] = [:]) {
        self.id = id
        self.keys = keys
        self.required = required
        self.belongsIn = belongsIn
    }
}

/// Every object shape and every closed list of words the spec uses.
public enum SpecVocabulary {
    static let spec = ObjectShape("spec",
        ["$schema", "name", "seed", "data", "strategy", "engine", "objective", "optimizer", "walk_forward", "monte_carlo", "compare", "ml", "output"],
        required: ["name", "seed", "data", "strategy", "engine", "objective", "optimizer"],
        belongsIn: ["rules": "strategy", "parameters": "strategy", "constraints": "strategy", "exits": "strategy",
                    "sizing": "strategy", "risk": "strategy", "file": "data", "columns": "data", "fees": "engine",
                    "slippage": "engine", "cash": "engine", "metric": "objective", "budget": "optimizer", "top_k": "output",
                    "folder": "output"])
    static let data = ObjectShape("data", ["file", "store", "symbols", "timeframe", "start", "end", "validation", "columns", "sub_bars", "calendar"])
    static let dataColumn = ObjectShape("data.column", ["file", "column", "as"], required: ["file", "column"])
    static let strategy = ObjectShape("strategy", ["name", "rules", "parameters", "constraints", "exits", "sizing", "risk"])
    static let rules = ObjectShape("strategy.rules", RuleSet.names)
    static let exits = ObjectShape("strategy.exits", ModifierSpec.exitKeys.map(\.key))
    static let risk = ObjectShape("strategy.risk", ModifierSpec.riskKeys.map(\.key))

    /// The shape of a sizing object with `rule`.
    static func sizing(_ rule: String) -> ObjectShape {
        ObjectShape("sizing.\(rule)", ["rule"] + ModifierSpec.sizingKeys(rule).map(\.key), required: ["rule"])
    }
    static let calendar = ObjectShape("calendar", ["periods_per_year"], required: ["periods_per_year"])
    static let parameterRange = ObjectShape("parameter.range", ["min", "max", "step", "log"], required: ["min", "max"])
    static let parameterValues = ObjectShape("parameter.values", ["values"], required: ["values"])
    static let parameterChoices = ObjectShape("parameter.choices", ["choices"], required: ["choices"])
    static let engine = ObjectShape("engine",
        ["kind", "cash", "fees", "slippage", "fill", "intrabar", "leverage", "maintenance_margin",
         "max_participation", "lot_size", "min_notional", "borrow_rate"],
        required: ["kind", "cash"])
    static let fees = ObjectShape("fees", ["maker_bps", "taker_bps", "fixed", "minimum"])
    static let objective = ObjectShape("objective", ["metric", "direction", "min_trades", "max_drawdown"],
                                       required: ["metric", "direction"])
    static let walkForward = ObjectShape("walk_forward", ["mode", "train", "test", "step"], required: ["mode", "train", "test"])
    static let monteCarlo = ObjectShape("monte_carlo",
        ["methods", "paths", "block_length", "perturbation", "cost_multiplier", "latency_bars", "drop_fraction", "ruin_threshold"],
        required: ["methods", "paths"])
    static let compare = ObjectShape("compare", ["against", "tests", "alpha", "bootstrap"], required: ["against", "tests"])
    static let rival = ObjectShape("compare.rival", ["name", "parameters"], required: ["name"])
    static let output = ObjectShape("output", ["folder", "top_k"])
    static let ml = ObjectShape("ml", ["models"], required: ["models"])
    static let mlModel = ObjectShape("ml.model", ["features", "label", "model", "validation", "retrain"],
                                     required: ["features", "label", "model"])
    static let mlEstimator = ObjectShape("ml.estimator", ["kind", "params"], required: ["kind"])
    static let mlRetrain = ObjectShape("ml.retrain", ["train", "test", "anchored"], required: ["train", "test"])

    /// The shape of a label object of `kind`.
    static func mlLabel(_ kind: MLLabelKind) -> ObjectShape {
        switch kind {
        case .forwardReturn, .forwardReturnSign:
            return ObjectShape("ml.label.\(kind.rawValue)", ["kind", "horizon"], required: ["kind", "horizon"])
        case .tripleBarrier:
            return ObjectShape("ml.label.triple_barrier", ["kind", "take_profit", "stop_loss", "max_bars"],
                               required: ["kind", "take_profit", "stop_loss", "max_bars"])
        }
    }

    /// The shape of a validation object of `kind`.
    static func mlValidation(_ kind: MLValidationKind) -> ObjectShape {
        switch kind {
        case .none: return ObjectShape("ml.validation.none", ["kind"], required: ["kind"])
        case .purgedKFold: return ObjectShape("ml.validation.purged_kfold", ["kind", "folds", "embargo"], required: ["kind", "folds"])
        }
    }

    /// The shape of a slippage object with `model`.
    static func slippage(_ model: SlippageModelName) -> ObjectShape {
        switch model {
        case .none: return ObjectShape("slippage.none", ["model"], required: ["model"])
        case .fixedBps: return ObjectShape("slippage.fixed_bps", ["model", "bps"], required: ["model", "bps"])
        case .halfSpread: return ObjectShape("slippage.half_spread", ["model", "spread_bps"], required: ["model", "spread_bps"])
        case .volatility: return ObjectShape("slippage.volatility", ["model", "k", "window"], required: ["model", "k"])
        case .sqrtImpact: return ObjectShape("slippage.sqrt_impact", ["model", "eta", "window"], required: ["model", "eta"])
        }
    }

    /// The shape of an optimizer object of `kind`.
    static func optimizer(_ kind: OptimizerKind) -> ObjectShape {
        let common = ["kind", "budget", "batch_size", "max_trials"]
        switch kind {
        case .grid:
            return ObjectShape("optimizer.grid", common, required: ["kind"])
        case .random, .sobol:
            return ObjectShape("optimizer.\(kind.rawValue)", common, required: ["kind", "budget"])
        case .bayesian:
            return ObjectShape("optimizer.bayesian",
                common + ["initial_points", "acquisition", "kappa", "batch_strategy", "output_transform", "candidates"],
                required: ["kind", "budget"])
        }
    }

    /// Every object shape, in a fixed order.
    public static var shapes: [ObjectShape] {
        [spec, data, dataColumn, calendar, strategy, rules, exits] + SizingRule.names.map(sizing) + [risk, parameterRange, parameterValues,
                                                                                     parameterChoices, engine, fees]
            + SlippageModelName.allCases.map(slippage) + [objective]
            + OptimizerKind.allCases.map(optimizer) + [walkForward, monteCarlo, compare, rival, output, ml, mlModel]
            + MLLabelKind.allCases.map(mlLabel) + [mlEstimator] + MLValidationKind.allCases.map(mlValidation) + [mlRetrain]
    }

    /// Every closed list of words, by the `$anchor` of its schema definition.
    public static var enums: [(id: String, values: [String])] {
        [
            ("enum.timeframe", Timeframe.allCases.map(\.rawValue)),
            ("enum.calendar", TradingCalendar.words),
            ("enum.validation", ValidationPolicy.allCases.map(\.rawValue)),
            ("enum.engine", EngineKind.allCases.map(\.rawValue)),
            ("enum.fill", FillTiming.allCases.map(\.rawValue)),
            ("enum.intrabar", IntrabarPath.allCases.map(\.rawValue)),
            ("enum.metric", ObjectiveMetric.allCases.map(\.rawValue)),
            ("enum.direction", ObjectiveSpec.Direction.allCases.map(\.rawValue)),
            ("enum.acquisition", AcquisitionWord.allCases.map(\.rawValue)),
            ("enum.batch_strategy", BatchStrategyWord.allCases.map(\.rawValue)),
            ("enum.output_transform", OutputTransformWord.allCases.map(\.rawValue)),
            ("enum.walk_forward_mode", WalkForwardSpec.Mode.allCases.map(\.rawValue)),
            ("enum.monte_carlo_method", MonteCarloMethod.allCases.map(\.rawValue)),
            ("enum.compare_test", CompareTest.allCases.map(\.rawValue)),
            ("enum.model_kind", ModelKind.allCases.map(\.rawValue)),
        ]
    }
}
