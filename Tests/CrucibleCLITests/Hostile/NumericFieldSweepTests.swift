import Foundation
import Testing

/// Every numeric field of a spec at 0, negative, NaN (as a string: JSON has no NaN), just
/// below infinity (1e308), 1e18, Int.max and Int.min, through the built binary in a
/// subprocess: `crucible validate` must refuse with the field's path or accept, never trap;
/// an accepted spec must then `crucible run` to a clean finish or a clean error (status 0 or
/// 1, never a signal).
@Suite struct NumericFieldSweepTests {
    /// A field and the sections it needs besides the base spec.
    struct Field: Sendable, CustomStringConvertible {
        var path: String
        var sections: [String: Any] { Self.sections(for: path) }
        var description: String { path }

        static func sections(for path: String) -> [String: Any] {
            switch path.split(separator: ".").first {
            case "walk_forward": return ["walk_forward": ["mode": "rolling", "train": 60, "test": 20] as [String: Any]]
            case "monte_carlo":
                return ["monte_carlo": ["methods": ["block_bootstrap", "latency_stress", "cost_stress", "parameter_perturbation",
                                                    "dropped_bars"], "paths": 5] as [String: Any]]
            case "compare": return ["compare": ["against": [["name": "buy_and_hold"]], "tests": ["spa"], "bootstrap": 50] as [String: Any]]
            default: return [:]
            }
        }
    }

    static let fields: [Field] = [
        "seed",
        "engine.cash", "engine.leverage", "engine.maintenance_margin", "engine.lot_size", "engine.min_notional",
        "engine.borrow_rate", "engine.fees.maker_bps", "engine.fees.taker_bps", "engine.fees.fixed", "engine.fees.minimum",
        "engine.slippage.bps",
        "objective.min_trades", "objective.max_drawdown",
        "optimizer.budget", "optimizer.batch_size", "optimizer.max_trials",
        "strategy.parameters.fast.min", "strategy.parameters.fast.max", "strategy.parameters.fast.step",
        "walk_forward.train", "walk_forward.test", "walk_forward.step",
        "monte_carlo.paths", "monte_carlo.block_length", "monte_carlo.perturbation", "monte_carlo.cost_multiplier",
        "monte_carlo.latency_bars", "monte_carlo.drop_fraction", "monte_carlo.ruin_threshold",
        "compare.alpha", "compare.bootstrap",
        "output.top_k",
        "data.calendar.periods_per_year",
    ].map { Field(path: $0) }

    /// The hostile values, as JSON values.
    static let values: [Scalar] = [.int(0), .int(-1), .string("NaN"), .double(1e308), .double(1e18), .int(Int.max), .int(Int.min)]

    static var cases: [(Field, Int)] { fields.flatMap { field in values.indices.map { (field, $0) } } }

    @Test(arguments: cases)
    func aHostileNumberIsRefusedAtItsPathOrRunsCleanly(_ field: Field, _ valueIndex: Int) throws {
        let name = Self.values[valueIndex].description, value = Self.values[valueIndex].json
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        var spec = HostileWorkspace.base
        for (key, section) in field.sections { spec[key] = section }
        if field.path == "engine.slippage.bps" { spec = HostileWorkspace.setting(spec, "engine.slippage.model", "fixed_bps") }
        spec = HostileWorkspace.setting(spec, field.path, value)
        let path = try workspace.write(spec)

        let validate = try CLI.run(["validate", path])
        #expect(validate.exitedNormally, "\(field) = \(name): validate ended by signal \(validate.status)\n\(validate.stderr)")
        #expect(validate.status == 0 || validate.status == 1, "\(field) = \(name): status \(validate.status)")
        if validate.status == 1 {
            let parent = field.path.split(separator: ".").dropLast().joined(separator: ".")
            let named = validate.stderr.contains(field.path) || (!parent.isEmpty && validate.stderr.contains(parent + ":"))
            #expect(named, "\(field) = \(name): the message does not name the field:\n\(validate.stderr)")
            return
        }
        let run = try CLI.run(["run", path, "--quiet", "--threads", "1", "--out", workspace.path("run").path])
        #expect(run.exitedNormally, "\(field) = \(name): run ended by signal \(run.status)\n\(run.stderr.suffix(2000))")
        #expect(run.status == 0 || run.status == 1, "\(field) = \(name): run status \(run.status)\n\(run.stderr.suffix(2000))")
        if run.status == 1 { #expect(!run.stderr.isEmpty, "\(field) = \(name): a failed run must say why") }
    }
}
