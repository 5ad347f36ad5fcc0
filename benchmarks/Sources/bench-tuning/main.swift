import Analytics
import BenchSupport
import Experiments
import Foundation

// bench-tuning [--problem NAME|all] [--optimizer bayes|sobol|random|all] [--seeds 20] [--anchors PATH]
// The real-objective set (benchmarks/specs/tuning/problems.json): each problem is an experiment
// spec whose data range is the in-sample period. For every optimizer and seed the spec runs
// through `ExperimentRunner.run` (the path of `crucible run`) with that optimizer, seed and the
// spec's budget; the best trial's objective is the in-sample figure, and the same point
// backtested over the problem's out-of-sample range (`SpecBacktest`, the path of
// `crucible backtest --spec`) is the out-of-sample one. Prints median [25th, 75th percentile]
// over seeds, next to the Python optimizers' figures from peers/tuning_peers.py when present.

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardizedFileURL
let specFolder = root.appendingPathComponent("benchmarks/specs/tuning")

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench-tuning: \(message)\n".utf8))
    exit(2)
}

struct Problem {
    let name: String
    let specURL: URL
    let outOfSample: (start: String, end: String)
}

func problems() -> [Problem] {
    let url = specFolder.appendingPathComponent("problems.json")
    guard let data = try? Data(contentsOf: url),
          let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let list = object["problems"] as? [[String: Any]] else { fail("cannot read \(url.path)") }
    return list.map { entry in
        guard let name = entry["name"] as? String, let spec = entry["spec"] as? String,
              let oos = entry["out_of_sample"] as? [String: String], let start = oos["start"], let end = oos["end"] else {
            fail("\(url.path): each problem needs name, spec and out_of_sample {start, end}")
        }
        return Problem(name: name, specURL: specFolder.appendingPathComponent(spec), outOfSample: (start, end))
    }
}

/// The problem's spec as JSON with `edit` applied, decoded against the spec's folder.
func spec(_ problem: Problem, _ edit: (inout [String: Any]) -> Void) -> (ExperimentSpec, String) {
    guard let data = try? Data(contentsOf: problem.specURL),
          var json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { fail("cannot read \(problem.specURL.path)") }
    edit(&json)
    let text = String(decoding: try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
    do {
        return (try SpecDecoder.decode(Data(text.utf8), baseDirectory: problem.specURL.deletingLastPathComponent()), text)
    } catch { fail("\(problem.specURL.path): \(error.lines().joined(separator: "; "))") }
}

struct Outcome {
    let inSample: Double
    let outOfSample: Double
    let cpuSeconds: Double
}

/// One optimizer run of `problem` with `seed`: the best trial in sample and out of sample.
func run(_ problem: Problem, optimizer: String, seed: Int, scratch: URL) -> Outcome {
    let (searched, text) = spec(problem) { json in
        var settings = json["optimizer"] as! [String: Any]
        settings["kind"] = optimizer == "bayes" ? "bayesian" : optimizer
        if optimizer != "bayes" { settings["batch_size"] = nil }
        json["optimizer"] = settings
        json["seed"] = seed
    }
    let out = scratch.appendingPathComponent("\(problem.name)-\(optimizer)-\(seed)").path
    let started = cpuTime()
    let best: TrialRecord
    do {
        let outcome = try ExperimentRunner.run(spec: searched, specText: text, options: RunOptions(threads: 1, out: out))
        var top: TrialRecord?
        try ResultsStore(path: outcome.folder.storePath).rankedTrials(runID: outcome.runID, limit: 1) { _, trial in top = trial }
        guard let top, top.status == .ok, top.objective != nil else { fail("\(problem.name): no successful trial") }
        best = top
    } catch { fail("\(problem.name) \(optimizer) seed \(seed): \(error)") }
    let cpu = cpuTime() - started
    let (held, _) = spec(problem) { json in
        var data = json["data"] as! [String: Any]
        data["start"] = problem.outOfSample.start
        data["end"] = problem.outOfSample.end
        json["data"] = data
    }
    do {
        let data = try SpecPreflight.check(held)
        let result = try SpecBacktest.run(held, data: data, values: best.point.values)
        let metrics = try BacktestMetrics(result, initialCash: held.engine.config.initialCash, periodsPerYear: data.bars.periodsPerYear)
        let name = held.objective.metric.rawValue
        // No trade out of sample leaves the Sharpe ratio undefined: it counts as 0 (flat), as
        // in peers/tuning_peers.py.
        let value = metrics.returnMetrics.named.first { $0.name == name }?.value ?? 0
        return Outcome(inSample: best.objective!, outOfSample: value, cpuSeconds: cpu)
    } catch { fail("\(problem.name): out-of-sample backtest: \(error)") }
}

/// `summary.<problem>.<optimizer>` = {seeds, in_sample: [median, q25, q75], out_of_sample: [...], cpu_seconds}.
func anchors(_ path: String) -> (meta: String, rows: [String: [(String, [String: Any])]]) {
    guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)) else { return ("none at \(path)", [:]) }
    guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          let summary = root["summary"] as? [String: [String: [String: Any]]] else { fail("\(path): no \"summary\" object") }
    let meta = (root["meta"] as? [String: Any])?["generated"] as? String ?? "?"
    let order = ["random", "optuna_tpe", "optuna_gp", "skopt_gp", "bayes_opt"]
    return (meta, summary.mapValues { byOptimizer in order.compactMap { name in byOptimizer[name].map { (name, $0) } } })
}

func format(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "n/a" }
func cell(_ values: [Double]) -> String {
    "\(format(Stats.quantile(values, 0.5))) [\(format(Stats.quantile(values, 0.25))), \(format(Stats.quantile(values, 0.75)))]"
}
func cell(_ triple: Any?) -> String {
    guard let t = triple as? [Double], t.count == 3 else { return "?" }
    return "\(format(t[0])) [\(format(t[1])), \(format(t[2]))]"
}

let chosen = option("--problem") ?? "all"
let optimizers = (option("--optimizer") ?? "all") == "all" ? ["bayes", "sobol", "random"] : [option("--optimizer")!]
guard optimizers.allSatisfy(["bayes", "sobol", "random"].contains) else { fail("--optimizer bayes|sobol|random|all") }
let seeds = option("--seeds", 20)
let anchorPath = option("--anchors") ?? root.appendingPathComponent("Tests/Fixtures/bo/tuning_anchors.json").path
let peers = anchors(anchorPath)
let selected = problems().filter { chosen == "all" || $0.name == chosen }
guard !selected.isEmpty else { fail("no problem named \(chosen) in problems.json") }
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tuning-\(getpid())")
defer { try? FileManager.default.removeItem(at: scratch) }

print("anchors: \(anchorPath) (measured \(peers.meta)); objective maximized; \(seeds) seeds for Crucible\n")
for problem in selected {
    let (base, _) = spec(problem) { _ in }
    let searched = base.strategy.space.parameters.filter { if case .fixed = $0.domain { false } else { true } }.map(\.name)
    print("## \(problem.name): \(searched.joined(separator: ", ")), budget \(base.optimizer.budget ?? 0), "
          + "out of sample \(problem.outOfSample.start) – \(problem.outOfSample.end)\n")
    print("| optimiser | n seeds | best in sample | its out-of-sample value | CPU s per run |")
    print("|---|---:|---|---|---:|")
    for optimizer in optimizers {
        let outcomes = (0..<seeds).map { run(problem, optimizer: optimizer, seed: $0, scratch: scratch) }
        print("| Crucible \(optimizer) | \(seeds) | \(cell(outcomes.map(\.inSample))) | \(cell(outcomes.map(\.outOfSample))) | "
              + "\(String(format: "%.2f", Stats.quantile(outcomes.map(\.cpuSeconds), 0.5))) |")
    }
    for (name, row) in peers.rows[problem.name] ?? [] {
        print("| \(name) | \(row["seeds"] as? Int ?? 0) | \(cell(row["in_sample"])) | \(cell(row["out_of_sample"])) | "
              + "\((row["cpu_seconds"] as? Double).map { String(format: "%.2f", $0) } ?? "?") |")
    }
    print("")
}
