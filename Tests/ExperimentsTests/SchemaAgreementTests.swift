import Foundation
import Testing
@testable import Experiments
import TestSupport

/// `experiments/schema.json` and `SpecDecoder` describe the same spec: every object schema is
/// marked with the `$anchor` of a `SpecVocabulary` shape and lists exactly its keys; valid specs
/// that use every key of every shape pass both; adding an unknown key to any object of those
/// specs fails both.
@Suite struct SchemaAgreementTests {
    static let schema: JSONValue = {
        let url = Fixtures.root.appendingPathComponent("experiments/schema.json")
        return try! JSONValue.parse(Data(contentsOf: url))
    }()

    /// Every subschema that is an object schema (has `properties`) or names an enum.
    static func anchored(_ value: JSONValue, into found: inout [(anchor: String, schema: [String: JSONValue])]) {
        switch value {
        case let .object(members):
            if case let .string(anchor)? = members["$anchor"] { found.append((anchor, members)) }
            for key in members.keys.sorted() { anchored(members[key]!, into: &found) }
        case let .array(items):
            for item in items { anchored(item, into: &found) }
        default: break
        }
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard case let .array(items)? = value else { return [] }
        return items.compactMap { if case let .string(s) = $0 { return s } else { return nil } }
    }

    @Test func theSchemaUsesOnlyKeywordsTheTestUnderstands() {
        #expect(SchemaValidator.keywordsUsed(Self.schema).subtracting(SchemaValidator.keywords) == [])
        guard case let .string(dialect)? = { if case let .object(m) = Self.schema { return m["$schema"] } else { return nil } }() else {
            Issue.record("no $schema")
            return
        }
        #expect(dialect == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func everyObjectSchemaMatchesADecoderShape() {
        var found: [(anchor: String, schema: [String: JSONValue])] = []
        Self.anchored(Self.schema, into: &found)
        let shapes = Dictionary(uniqueKeysWithValues: SpecVocabulary.shapes.map { ($0.id, $0) })
        let enums = Dictionary(uniqueKeysWithValues: SpecVocabulary.enums.map { ($0.id, $0.values) })
        for (anchor, schema) in found {
            if let values = enums[anchor] {
                #expect(Self.strings(schema["enum"]) == values, "enum \(anchor)")
                continue
            }
            guard let shape = shapes[anchor] else {
                Issue.record("schema anchor \(anchor) names no decoder shape")
                continue
            }
            guard case let .object(properties)? = schema["properties"] else {
                Issue.record("\(anchor) has no properties")
                continue
            }
            #expect(properties.keys.sorted() == shape.keys.sorted(), "keys of \(anchor)")
            #expect(Set(Self.strings(schema["required"])) == Set(shape.required), "required keys of \(anchor)")
            #expect(schema["additionalProperties"] == .bool(false), "\(anchor) must refuse unknown keys")
        }
        let anchors = found.map(\.anchor)
        #expect(Set(anchors) == Set(shapes.keys).union(enums.keys))
        #expect(anchors.count == Set(anchors).count, "each anchor once")
    }

    /// Valid specs that between them use every key of every shape.
    static var coveringSpecs: [SpecBuilder] {
        let full = SpecBuilder()
            .with("data", ["file": "datasets/btcusdt_1h.csv", "timeframe": "1h", "start": "2020-01-01",
                           "end": "2020-06-01T00:00:00Z", "validation": "warn", "calendar": ["periods_per_year": 8760]] as [String: Any])
            .with("strategy.parameters", [
                "fast": ["min": 5, "max": 20, "step": 5], "slow": ["values": [30, 50]],
                "stop_loss": ["min": 0.01, "max": 0.1, "log": true], "allow_short": ["choices": [false, true]],
            ] as [String: Any])
            .with("engine", ["kind": "vectorized", "cash": 1000, "fees": ["maker_bps": -1, "taker_bps": 5, "fixed": 0.1, "minimum": 0.5],
                             "slippage": ["model": "volatility", "k": 0.5, "window": 10], "fill": "close", "intrabar": "ohlc",
                             "leverage": 2, "maintenance_margin": 0.25, "lot_size": 0.001,
                             "min_notional": 5, "borrow_rate": 0.05] as [String: Any])
            .with("objective", ["metric": "sortino_ratio", "direction": "maximize", "min_trades": 3, "max_drawdown": 0.4] as [String: Any])
            .with("optimizer", ["kind": "bayesian", "budget": 30, "batch_size": 2, "initial_points": 8, "acquisition": "ucb",
                                "kappa": 1.5, "batch_strategy": "constant_liar", "output_transform": "rank", "candidates": 256,
                                "max_trials": 1000] as [String: Any])
            .with("walk_forward", ["mode": "rolling", "train": "90d", "test": "20d", "step": "30d"] as [String: Any])
            .with("monte_carlo", ["methods": ["gbm", "cost_stress"], "paths": 50, "block_length": 24, "perturbation": 0.2,
                                  "cost_multiplier": 3, "latency_bars": 2, "drop_fraction": 0.05, "ruin_threshold": 0.3] as [String: Any])
            .with("compare", ["against": [["name": "buy_and_hold", "parameters": ["fraction": 0.5]]], "tests": ["spa", "stepm"],
                              "alpha": 0.1, "bootstrap": 200] as [String: Any])
            .with("output", ["folder": "out", "top_k": 3] as [String: Any])
            .with("$schema", "schema.json")
            .with("strategy.exits", ["stop_loss": "stop_loss", "atr_stop": 2, "atr_period": 20, "trailing_stop": 0.05,
                                     "take_profit": "3 * atr(high, low, close, 14) / close", "max_bars": 240] as [String: Any])
            .with("strategy.sizing", ["rule": "vol_target", "target": 0.5, "window": 168, "cap": 1.5] as [String: Any])
            .with("strategy.risk", ["max_position": 0.5, "max_leverage": 1, "max_drawdown": 0.3, "halt_bars": 100,
                                    "daily_loss": 0.05, "max_open_positions": 1] as [String: Any])
        let griddable = full.with("strategy.parameters.stop_loss", ["min": 0, "max": 0.1, "step": 0.05])
        return [
            full,
            // The decoder only checks that the store file exists; any bundled file will do.
            full.with("data", ["symbols": ["BTCUSDT"], "timeframe": "1h", "store": "datasets/btcusdt_1d.csv"] as [String: Any]),
            full.with("engine.slippage", ["model": "none"]),
            full.with("engine.slippage", ["model": "fixed_bps", "bps": 2] as [String: Any]),
            full.with("engine.slippage", ["model": "half_spread", "spread_bps": 3] as [String: Any]),
            full.with("engine.slippage", ["model": "sqrt_impact", "eta": 0.5, "window": 30] as [String: Any]),
            griddable.with("optimizer", ["kind": "grid", "budget": 10, "batch_size": 4, "max_trials": 100] as [String: Any]),
            full.with("optimizer", ["kind": "random", "budget": 10, "batch_size": 4, "max_trials": 100] as [String: Any]),
            full.with("optimizer", ["kind": "sobol", "budget": 10, "batch_size": 4, "max_trials": 100] as [String: Any]),
            full.with("strategy", [
                "rules": ["long_entry": "crosses_above(sma(close, fast), sma(close, slow)) and p_up > 0.5",
                          "long_exit": "crosses_below(sma(close, fast), sma(close, slow))",
                          "short_entry": "rsi(close, 14) > 70", "short_exit": "rsi(close, 14) < 50"],
                "parameters": ["fast": ["min": 5, "max": 20, "step": 5], "slow": ["values": [30, 50]]],
                "constraints": ["fast < slow"],
            ] as [String: Any]).with("data.columns", [["file": Fixtures.url("rules/columns.csv").path, "column": "p_up", "as": "p_up"]]),
            full.with("strategy.sizing", ["rule": "strategy"]),
            full.with("strategy.sizing", ["rule": "fixed_fraction", "fraction": 0.5] as [String: Any]),
            full.with("strategy.sizing", ["rule": "fixed_cash", "cash": 1_000] as [String: Any]),
            full.with("strategy.sizing", ["rule": "fixed_quantity", "quantity": 0.01] as [String: Any]),
            full.with("strategy.sizing", ["rule": "fixed_risk", "risk": 0.01, "stop": 0.02, "cap": 1] as [String: Any]),
            full.with("strategy.sizing", ["rule": "kelly", "window": 50, "multiplier": 0.5, "min_trades": 10, "fallback": 0.1,
                                          "cap": 1] as [String: Any]),
            full.with("ml", ["models": ["up": [
                "features": ["ret24": "close / prev(close, 24) - 1", "hour": "hour()"],
                "label": ["kind": "forward_return_sign", "horizon": 24] as [String: Any],
                "model": ["kind": "xgboost", "params": ["max_depth": 4, "eta": 0.05, "tree_method": "hist"] as [String: Any]] as [String: Any],
                "validation": ["kind": "purged_kfold", "folds": 5, "embargo": 24] as [String: Any],
                "retrain": ["train": "365d", "test": "30d", "anchored": true] as [String: Any],
            ] as [String: Any]]]),
            full.with("ml", ["models": ["ret": [
                "features": ["rsi": "rsi(close, 14)"], "label": ["kind": "forward_return", "horizon": 12] as [String: Any],
                "model": ["kind": "ridge", "params": ["l2": 2]] as [String: Any], "validation": ["kind": "none"],
            ] as [String: Any]]]),
            full.with("ml", ["models": ["tb": [
                "features": ["rsi": "rsi(close, 14)"],
                "label": ["kind": "triple_barrier", "take_profit": 0.02, "stop_loss": 0.01, "max_bars": 48] as [String: Any],
                "model": ["kind": "logistic"],
            ] as [String: Any]]]),
            // The volume cap and sub-bars run in the event engine.
            full.with("walk_forward", nil).with("monte_carlo", nil).with("engine.kind", "event")
                .with("engine.max_participation", 0.1).with("engine.intrabar", "sub_bars")
                .with("data.sub_bars", "datasets/btcusdt_1m.csv").with("data.calendar", "weekdays"),
        ]
    }

    static func instance(_ builder: SpecBuilder) -> JSONValue { try! JSONValue.parse(builder.data) }

    @Test func specsUsingEveryKeyPassBothAndCoverEveryShape() {
        let validator = SchemaValidator(root: Self.schema)
        var covered = Set<String>()
        for builder in Self.coveringSpecs {
            #expect(builder.problems() == [])
            let (valid, visits) = validator.validate(Self.instance(builder))
            #expect(valid)
            for visit in visits { for key in visit.keys { covered.insert("\(visit.anchor).\(key)") } }
        }
        let all = Set(SpecVocabulary.shapes.flatMap { shape in shape.keys.map { "\(shape.id).\($0)" } })
        #expect(all.subtracting(covered) == [], "keys no covering spec uses")
        #expect(covered.subtracting(all) == [])
    }

    @Test func anUnknownKeyInAnyObjectFailsBoth() {
        let validator = SchemaValidator(root: Self.schema)
        var checked = 0
        for builder in Self.coveringSpecs.prefix(2) + [Self.coveringSpecs.last!] {
            let base = Self.instance(builder)
            for visit in validator.validate(base).visits {
                let mutated = Self.inserting("zz_unknown", into: base, at: visit.path[...])
                #expect(!validator.validate(mutated).valid, "schema accepts zz_unknown in \(visit.anchor)")
                let pathText = Self.render(visit.path + [.key("zz_unknown")])
                let problems: [String]
                do {
                    _ = try SpecDecoder.decode(mutated, baseDirectory: Fixtures.root)
                    problems = []
                } catch {
                    problems = error.problems.map(\.description)
                }
                #expect(problems.count == 1 && problems[0].hasPrefix("\(pathText): unknown key"), "decoder: \(problems)")
                checked += 1
            }
        }
        #expect(checked >= 12)
    }

    @Test func shippedExamplesPassTheSchema() throws {
        let validator = SchemaValidator(root: Self.schema)
        let folder = Fixtures.root.appendingPathComponent("experiments")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        where file.hasSuffix(".json") && file != "schema.json" {
            let instance = try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent(file)))
            #expect(validator.validate(instance).valid, "\(file)")
        }
    }

    static func inserting(_ key: String, into value: JSONValue, at path: ArraySlice<SchemaValidator.Step>) -> JSONValue {
        guard let first = path.first else {
            guard case var .object(members) = value else { return value }
            members[key] = .integer(1)
            return .object(members)
        }
        switch (first, value) {
        case let (.key(k), .object(members)):
            var copy = members
            copy[k] = inserting(key, into: members[k]!, at: path.dropFirst())
            return .object(copy)
        case let (.index(i), .array(items)):
            var copy = items
            copy[i] = inserting(key, into: items[i], at: path.dropFirst())
            return .array(copy)
        default:
            return value
        }
    }

    static func render(_ path: [SchemaValidator.Step]) -> String {
        var p = JSONPath.root
        for step in path {
            switch step {
            case let .key(k): p = p.key(k)
            case let .index(i): p = p.index(i)
            }
        }
        return p.description
    }
}
