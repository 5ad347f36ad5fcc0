import BenchSupport
import Foundation
import Optimization

// bench-optimization --function NAME|all --optimizer grid|random|sobol|bayes [--seeds 20]
//   [--budget N] [--batch q] [--strategy believer|liar] [--overhead]
//   [--transform robust|standardize|rank] [--acquisition ei|ucb] [--kappa K] [--anchors PATH]
//   [--coarse-fit N] [--polish-iterations N]
// Prints the simple-regret table (median [25th, 75th percentile] over seeds) next to the
// anchors' figures from Tests/Fixtures/bo/anchors.json, and the optimizer's CPU time.

func usage() -> Never {
    let names = TestFunction.allCases.map(\.rawValue).joined(separator: "|")
    FileHandle.standardError.write(Data("""
    usage: bench-optimization --function \(names)|all --optimizer grid|random|sobol|bayes
             [--seeds 20] [--budget N] [--batch 1] [--strategy believer|liar] [--overhead]
             [--transform robust|standardize|rank] [--acquisition ei|ucb] [--kappa 2] [--anchors PATH]
             [--coarse-fit 40] [--polish-iterations 10]

    """.utf8))
    exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var options: [String: String] = [:]
var flags = Set<String>()
while let argument = arguments.first {
    arguments.removeFirst()
    guard argument.hasPrefix("--") else { usage() }
    let key = String(argument.dropFirst(2))
    if key == "overhead" { flags.insert(key); continue }
    guard let value = arguments.first else { usage() }
    arguments.removeFirst()
    options[key] = value
}
guard let functionName = options["function"], let kind = OptimizerKind(rawValue: options["optimizer"] ?? "bayes") else { usage() }
let functions: [TestFunction] = functionName == "all" ? TestFunction.allCases : [TestFunction(rawValue: functionName) ?? { usage() }()]
let seeds = Int(options["seeds"] ?? "20") ?? 20
let batch = Int(options["batch"] ?? "1") ?? 1
let anchors: Anchors
do {
    anchors = try Anchors(path: options["anchors"] ?? Anchors.defaultPath)
} catch {
    FileHandle.standardError.write(Data("bench-optimization: cannot read the anchors: \(error)\n".utf8))
    exit(1)
}
print("anchors: \(options["anchors"] ?? "Tests/Fixtures/bo/anchors.json"), measured \(anchors.generated) (\(anchors.libraries))\n")
switch options["transform"] ?? "robust" {
case "robust": Runs.bayesSettings.outputTransform = .robust
case "standardize": Runs.bayesSettings.outputTransform = .standardize
case "rank": Runs.bayesSettings.outputTransform = .rank
default: usage()
}
switch options["acquisition"] ?? "ei" {
case "ei": Runs.bayesSettings.acquisition = .expectedImprovement
case "ucb": Runs.bayesSettings.acquisition = .upperConfidenceBound(kappa: Double(options["kappa"] ?? "2") ?? 2)
default: usage()
}
if let rows = options["coarse-fit"] { Runs.bayesSettings.coarseFitSubset = Int(rows) ?? { usage() }() }
if let steps = options["polish-iterations"] { Runs.bayesSettings.polishIterations = Int(steps) ?? { usage() }() }
if options["strategy"] == "liar" { Runs.bayesSettings.batchStrategy = .constantLiar }

func format(_ x: Double) -> String {
    if x == 0 { return "0" }
    return abs(x) >= 0.01 && abs(x) < 1000 ? String(format: "%.3g", x) : String(format: "%.2e", x)
}
func cell(_ m: Double, _ a: Double, _ b: Double) -> String { "\(format(m)) [\(format(a)), \(format(b))]" }

var summaryLines: [String] = []
for function in functions {
    let budget = Int(options["budget"] ?? "") ?? function.budget
    let checkpoints = [10, 20, 30, 50, 100].filter { $0 <= budget } + ([10, 20, 30, 50, 100].contains(budget) ? [] : [budget])
    var results: [RunResult] = []
    for seed in 0..<seeds {
        results.append(try Runs.run(kind, function: function, seed: UInt64(seed), budget: budget, batch: batch))
    }
    print("## \(function.rawValue) (budget \(budget), \(seeds) seeds, optimizer \(kind.rawValue), batch \(batch)"
          + (kind == .bayes ? ", \(Runs.bayesSettings.outputTransform), \(Runs.bayesSettings.acquisition), \(Runs.bayesSettings.batchStrategy))\n" : ")\n"))
    print("| optimiser | n seeds | " + checkpoints.map { "regret @\($0)" }.joined(separator: " | ") + " | CPU s per run |")
    print("|---|---|" + checkpoints.map { _ in "---|" }.joined() + "---|")
    let ours = checkpoints.map { k -> String in
        let values = results.map { $0.regretByEvaluation[k - 1] }
        return cell(Stats.quantile(values, 0.5), Stats.quantile(values, 0.25), Stats.quantile(values, 0.75))
    }
    let cpu = Stats.quantile(results.map(\.optimizerSeconds), 0.5)
    print("| **crucible \(kind.rawValue)** | \(seeds) | " + ours.joined(separator: " | ") + " | \(format(cpu)) |")
    for row in anchors.rows[function.rawValue] ?? [] {
        let cells = checkpoints.map { k -> String in
            guard let (m, a, b) = row.regret[k] else { return "—" }
            return cell(m, a, b)
        }
        print("| \(row.optimizer) | \(row.seeds) | " + cells.joined(separator: " | ") + " | \(row.cpuSeconds.map(format) ?? "—") |")
    }
    // Bayesian runs are compared with the best model-based anchor, samplers with random search.
    if let rows = anchors.rows[function.rawValue], let best = rows.filter({ ($0.optimizer == "random") == (kind != .bayes) })
        .min(by: { ($0.regret[budget]?.0 ?? .infinity) < ($1.regret[budget]?.0 ?? .infinity) }), let anchor = best.regret[budget] {
        let finals = results.map { $0.regretByEvaluation[budget - 1] }
        let median = Stats.quantile(finals, 0.5)
        print("\nmedian regret @\(budget): crucible \(format(median)) vs best anchor \(best.optimizer) \(format(anchor.0))"
              + " → \(median < anchor.0 ? "BETTER" : "NOT better") (ratio \(format(median / anchor.0)))")
        summaryLines.append("| \(function.rawValue) | \(budget) | \(cell(median, Stats.quantile(finals, 0.25), Stats.quantile(finals, 0.75))) | "
                            + "\(best.optimizer) \(cell(anchor.0, anchor.1, anchor.2)) (\(best.seeds) seeds) | \(format(median / anchor.0)) | "
                            + "\(format(cpu)) | \(best.cpuSeconds.map(format) ?? "—") |")
    }
    if function == .mixedSweep {
        let solved = results.filter { $0.regretByEvaluation[budget - 1] < 0.11 }.count
        print("final regret < 0.11 (main basin found and refined): \(solved)/\(seeds)")
    }
    if flags.contains("overhead") {
        let ms = try Runs.proposalOverhead(function: function, observations: 200, repeats: 5)
        print("per-proposal overhead at 200 observations: \(format(ms)) ms (median of 5, CPU; goal < 15 ms)")
        if !summaryLines.isEmpty { summaryLines[summaryLines.count - 1] += " \(format(ms)) ms |" }
    }
    print("")
}
if summaryLines.count > 1 {
    print("## summary: median regret at the full budget [25th, 75th percentile]\n")
    print("| problem | budget | crucible \(kind.rawValue) | best anchor | ratio | CPU s per run | anchor's CPU s |"
          + (flags.contains("overhead") ? " overhead at 200 obs. |" : ""))
    print("|---|---:|---|---|---:|---:|---:|" + (flags.contains("overhead") ? "---:|" : ""))
    summaryLines.forEach { print($0) }
}
