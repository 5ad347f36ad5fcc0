import Foundation
import TestSupport
import Testing

/// Regression tests of issue 13 for specs: each hostile spec, through the built binary in a
/// subprocess, ends with status 1 (not a signal) and a message naming the JSON path, and
/// `validate` and `run` agree (a spec `run` refuses before its first trial leaves no folder).
@Suite struct HostileSpecTests {
    /// A hostile variation of the base spec and the start of the message it must give.
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var edit: @Sendable ([String: Any]) -> [String: Any]
        var message: String
        var description: String { name }
    }

    static func set(_ keyPath: String, _ value: Any?) -> @Sendable ([String: Any]) -> [String: Any] {
        nonisolated(unsafe) let value = value
        return { HostileWorkspace.setting($0, keyPath, value) }
    }

    static let cases: [Case] = [
        Case(name: "6,000 nested parentheses", edit: set("strategy.constraints",
             [String(repeating: "(", count: 6_000) + "fast" + String(repeating: ")", count: 6_000) + " < slow"]),
             message: "strategy.constraints[0]: the constraint is too complex"),
        Case(name: "100,000 + terms", edit: set("strategy.constraints", ["fast" + String(repeating: " + fast", count: 100_000) + " < slow"]),
             message: "strategy.constraints[0]: the constraint is too complex"),
        Case(name: "70,000 unary minus", edit: set("strategy.constraints", [String(repeating: "-", count: 70_000) + "fast < slow"]),
             message: "strategy.constraints[0]: the constraint is too complex"),
        Case(name: "65 nested parentheses within the length cap", edit: set("strategy.constraints",
             [String(repeating: "(", count: 65) + "fast" + String(repeating: ")", count: 65) + " < slow"]),
             message: "strategy.constraints[0]: the constraint is too complex: it nests more than 64 levels"),
        Case(name: "300 chained + within the length cap", edit: set("strategy.constraints", ["fast" + String(repeating: "+fast", count: 300) + " < slow"]),
             message: "strategy.constraints[0]: the constraint is too complex: it chains more than 256 operations"),
        Case(name: "a 200000000000-day window", edit: set("walk_forward", ["mode": "rolling", "train": "200000000000d", "test": "10d"]),
             message: "walk_forward.train: the duration \"200000000000d\" is too long"),
        Case(name: "Int.max-bar windows", edit: set("walk_forward", ["mode": "rolling", "train": Int.max, "test": Int.max]),
             message: "walk_forward: "),
        Case(name: "a walk-forward longer than the data", edit: set("walk_forward", ["mode": "rolling", "train": 1_000, "test": 100]),
             message: "walk_forward: "),
        Case(name: "step shorter than test", edit: set("walk_forward", ["mode": "rolling", "train": 50, "test": 20, "step": 10]),
             message: "walk_forward.step: 10 is shorter than test (20)"),
        Case(name: "a 300-character name", edit: set("name", String(repeating: "x", count: 300)),
             message: "name: the name is 300 characters long"),
        Case(name: "1e9 Monte Carlo paths", edit: set("monte_carlo", ["methods": ["gbm"], "paths": 1_000_000_000]),
             message: "monte_carlo.paths: 1000000000 paths would take about 872 GiB"),
        Case(name: "a 1e18-bar bootstrap block", edit: set("monte_carlo", ["methods": ["block_bootstrap"], "paths": 5, "block_length": 1e18]),
             message: "monte_carlo.block_length: "),
        Case(name: "1e12 compare bootstrap replicates",
             edit: set("compare", ["against": [["name": "buy_and_hold"]], "tests": ["spa"], "bootstrap": 1_000_000_000_000]),
             message: "compare.bootstrap: 1000000000000 bootstrap replicates would take about 15 TiB"),
        Case(name: "constraints that leave no grid point", edit: set("strategy.constraints", ["fast > slow"]),
             message: "strategy.constraints: no point of the 6-point grid satisfies the constraints"),
        Case(name: "data.start after the last bar", edit: set("data.start", "2030-01-01"),
             message: "data.start: no bar of the data lies in the chosen time range"),
        Case(name: "a grid above max_trials", edit: set("optimizer.max_trials", 5),
             message: "optimizer.max_trials: the grid has more than 5 feasible points"),
        Case(name: "a 1e9-point grid counted arithmetically", edit: {
                 var spec = HostileWorkspace.setting($0, "strategy.parameters",
                                                    ["fast": ["min": 1, "max": 1_000], "slow": ["min": 2, "max": 5_000],
                                                     "take_profit": ["min": 0, "max": 100, "step": 0.5]])
                 spec = HostileWorkspace.setting(spec, "strategy.constraints", [])
                 return spec
             }, message: "optimizer.max_trials: the grid has 1004799000 points, more than max_trials (10000000)"),
        Case(name: "a random budget above max_trials", edit: set("optimizer", ["kind": "random", "budget": 100_000_000_000]),
             message: "optimizer.budget: 100000000000 trials exceed optimizer.max_trials"),
        Case(name: "max_participation on the vectorized engine", edit: set("engine.max_participation", 0.1),
             message: "engine.max_participation: the vectorized engine has no volume cap"),
        Case(name: "intrabar sub_bars without data.sub_bars", edit: set("engine.intrabar", "sub_bars"),
             message: "engine.intrabar: \"sub_bars\" replays finer bars"),
        Case(name: "data.sub_bars without intrabar sub_bars", edit: set("data.sub_bars", "bars.csv"),
             message: "data.sub_bars: only used with engine.intrabar \"sub_bars\""),
        Case(name: "sub-bars no finer than the bars", edit: {
                 HostileWorkspace.setting(HostileWorkspace.setting(HostileWorkspace.setting($0, "data.sub_bars", "bars.csv"),
                                                                   "engine.intrabar", "sub_bars"), "engine.kind", "event")
             }, message: "data.sub_bars: 1d bars are not finer than the 1d bars"),
        Case(name: "sub-bars outside the time range", edit: {
                 // The bundled 1m bars cover March 2023; the base spec's daily bars end in 2018.
                 var spec = HostileWorkspace.setting($0, "data.sub_bars", Fixtures.root.appendingPathComponent("datasets/btcusdt_1m.csv").path)
                 spec = HostileWorkspace.setting(spec, "engine.intrabar", "sub_bars")
                 return HostileWorkspace.setting(spec, "engine.kind", "event")
             }, message: "data.sub_bars: no finer bar lies within the bars' time range"),
        Case(name: "/etc/passwd as data", edit: set("data.file", "/etc/passwd"),
             message: "data.file: /etc/passwd:1: header: expected a column named"),
        Case(name: "an unknown calendar", edit: set("data.calendar", "nasdaq"), message: "data.calendar: unknown value \"nasdaq\""),
    ]

    @Test(arguments: cases)
    func validateAndRunRefuseAlikeAndLeaveNothing(_ c: Case) throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let path = try workspace.write(c.edit(HostileWorkspace.base))
        let validate = try CLI.run(["validate", path])
        #expect(validate.exitedNormally && validate.status == 1, "\(c): validate status \(validate.status)")
        #expect(validate.stderr.hasPrefix(c.message), "\(c): \(validate.stderr.prefix(500))")
        #expect(!validate.stderr.contains("Usage:"))
        #expect(validate.stderr.count < 2_000, "\(c): the message echoes its input")

        let run = try CLI.run(["run", path, "--quiet"])
        #expect(run.exitedNormally && run.status == 1, "\(c): run status \(run.status)")
        #expect(run.stderr.hasPrefix(c.message), "\(c): \(run.stderr.prefix(500))")
        #expect(!FileManager.default.fileExists(atPath: workspace.path("out").path), "\(c): run left a results folder")
    }

    /// A 100,000-value list validates (the duplicate check is linear; it took 14.7 s when it
    /// was quadratic) and the grid it makes is counted.
    @Test func aLongValuesListValidates() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let values = (1...100_000).map { Double($0) / 1_000 }
        let spec = HostileWorkspace.setting(HostileWorkspace.base, "strategy.parameters.take_profit", ["values": values])
        let validate = try CLI.run(["validate", try workspace.write(spec)])
        #expect(validate.status == 0, "\(validate.stderr.prefix(500))")
        let twice = HostileWorkspace.setting(spec, "strategy.parameters.take_profit", ["values": values + [values[7]]])
        let repeated = try CLI.run(["validate", try workspace.write(twice)])
        #expect(repeated.status == 1 && repeated.stderr.hasPrefix("strategy.parameters.take_profit.values[100000]: 0.008 is listed twice"),
                "\(repeated.stderr.prefix(500))")
    }

    @Test func passwdIsNotEchoed() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let run = try CLI.run(["run", try workspace.write(HostileWorkspace.setting(HostileWorkspace.base, "data.file", "/etc/passwd"))])
        #expect(run.status == 1)
        #expect(!run.stderr.contains("root:"), "\(run.stderr)")
    }

    @Test func aByteOrderMarkIsAcceptedByValidateAndRun() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let json = try JSONSerialization.data(withJSONObject: HostileWorkspace.base)
        try (Data([0xEF, 0xBB, 0xBF]) + json).write(to: workspace.path("bom.json"))
        let validate = try CLI.run(["validate", workspace.path("bom.json").path])
        #expect(validate.status == 0, "\(validate.stderr)")
        let run = try CLI.run(["run", workspace.path("bom.json").path, "--quiet", "--threads", "1"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test func aSpecThatIsNotAFileIsRefused() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let fifo = workspace.path("spec.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let validate = try CLI.run(["validate", fifo], timeout: 30)
        #expect(validate.exitedNormally && validate.status == 1, "blocked or trapped: \(validate.status)")
        #expect(validate.stderr.contains("not a regular file"), "\(validate.stderr)")
    }

    /// A run where no trial trades, or none meets the objective's limits, fails loudly.
    @Test(arguments: [
        ("engine.cash", Scalar.double(.leastNonzeroMagnitude), "error: no trial traded"),
        ("objective.max_drawdown", Scalar.double(1e-9), "error: no trial met the objective's limits"),
    ])
    func aSearchThatProducesNothingExitsNonZero(_ keyPath: String, _ value: Scalar, _ message: String) throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        var spec = HostileWorkspace.setting(HostileWorkspace.base, keyPath, value.json)
        if keyPath == "objective.max_drawdown" { spec = HostileWorkspace.setting(spec, "objective.min_trades", 1) }
        let run = try CLI.run(["run", try workspace.write(spec), "--quiet", "--threads", "1"])
        #expect(run.exitedNormally && run.status == 1, "status \(run.status): \(run.stderr)")
        #expect(run.stderr.hasPrefix(message), "\(run.stderr)")
    }

    /// Figures at the edge of Double (fees of 1e300 bps) still give a report.
    @Test func extremeCostsStillGiveAReport() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let spec = HostileWorkspace.setting(HostileWorkspace.base, "engine.fees", ["taker_bps": 1e300])
        let run = try CLI.run(["run", try workspace.write(spec), "--quiet", "--threads", "1", "--out", workspace.path("r").path])
        #expect(run.exitedNormally && run.status == 0, "status \(run.status): \(run.stderr.suffix(1500))")
        #expect(FileManager.default.fileExists(atPath: workspace.path("r/report.html").path))
    }

    /// `output.folder` and `data.file` both resolve against the spec's folder, and the report
    /// finds the data through the manifest from any working directory.
    @Test func pathsResolveAgainstTheSpecAndTheReportUsesTheManifest() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let path = try workspace.write(HostileWorkspace.base)
        let run = try CLI.run(["run", path, "--quiet", "--threads", "1"], in: URL(fileURLWithPath: "/"))
        #expect(run.status == 0, "\(run.stderr)")
        let runs = try FileManager.default.contentsOfDirectory(atPath: workspace.path("out/hostile").path)
        #expect(runs.count == 1)
        let folder = workspace.path("out/hostile").appendingPathComponent(runs[0])
        let manifest = try CLI.object(Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        #expect(manifest["spec_folder"] as? String == workspace.url.standardizedFileURL.path)
        #expect(manifest["data"] as? String == workspace.path("bars.csv").standardizedFileURL.path)
        let report = try CLI.run(["report", folder.path, "--out", workspace.path("again.html").path], in: URL(fileURLWithPath: "/"))
        #expect(report.status == 0, "\(report.stderr)")
    }

    /// The outcome of the same run under a 24/7 and a 252-day calendar: every Sharpe ratio
    /// scales by √(252 / 365), by the definition of annualization.
    @Test func theCalendarAnnualizesEveryFigure() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        func bestSharpe(_ calendar: Any?) throws -> Double {
            let spec = HostileWorkspace.setting(HostileWorkspace.base, "data.calendar", calendar)
            let out = workspace.path("cal-\(UUID().uuidString)")
            let run = try CLI.run(["run", try workspace.write(spec), "--quiet", "--threads", "1", "--out", out.path])
            #expect(run.status == 0, "\(run.stderr)")
            let summary = try CLI.object(Data(contentsOf: out.appendingPathComponent("summary.json")))
            let top = (summary["top"] as? [[String: Any]])?.first
            let metrics = top?["metrics"] as? [String: Any]
            return try #require(metrics?["sharpe_ratio"] as? Double)
        }
        let always = try bestSharpe(nil)
        let weekdays = try bestSharpe(["periods_per_year": 252])
        #expect(abs(weekdays / always - (252.0 / 365).squareRoot()) < 1e-9, "\(always) \(weekdays)")
        let named = try bestSharpe("weekdays")
        #expect(abs(named - weekdays) < 1e-12 * abs(weekdays))
    }
}
