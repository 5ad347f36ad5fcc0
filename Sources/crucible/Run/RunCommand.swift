import ArgumentParser
import Experiments
import Foundation
import Reports

/// `crucible run SPEC`: runs an experiment spec and writes its results folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment spec: optimize, store every trial, rank the results.",
        discussion: """
        Results go to <output.folder>/<name>/<run-id>/ (or --out): results.sqlite, ranked.csv, \
        summary.json, spec.json and manifest.json. Trials are committed as they finish; if the \
        run is killed, `--resume --out <that folder>` continues it without running any finished \
        trial again. The same spec, data and seed give the same ranked.csv whatever --threads.

        After the search, optional stages run in this order: walk_forward (folds searched and \
        tested on Optimization's walk-forward; folds and stitched out-of-sample equity stored), \
        monte_carlo (stress tests of the chosen point; percentiles, probabilities of loss and \
        ruin, equity fans stored) and compare (the chosen strategy against rivals; compare.txt \
        and compare.json). Their figures also go to summary.json. Walk-forward and Monte Carlo \
        run on either engine.kind; on a terminal every stage shows progress with an ETA.

        Examples:
          crucible run experiments/grid_sma_cross.json
          crucible run experiments/bayesian_sma_cross.json --threads 4 --out results/bo
          crucible run experiments/bayesian_sma_cross.json --resume --out results/bo
          crucible run experiments/walk_forward_sma_cross.json
          crucible run experiments/monte_carlo_sma_cross.json
          crucible run experiments/walk_forward_event_donchian.json
          crucible run experiments/compare_sma_cross.json

        On a cluster, --shard K/N (0-based) runs the trial ids id % N == K of a grid, random or \
        Sobol search into its own folder; `crucible merge` joins the N folders into the run one \
        machine would have written (the stages and the statistics over all trials run there). \
        --shard auto reads SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX \
        with --shards N. See deploy/README.md.
          crucible run experiments/grid_sma_cross.json --shard 0/4 --out sweep/shard-0
        """)

    @Argument(help: "Experiment spec (JSON).")
    var spec: String

    @Option(help: "Run folder (default: a new <output.folder>/<name>/<run-id>/).")
    var out: String?

    @Option(help: "Worker threads (default: every core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(help: "Continue the run in --out.")
    var resume = false

    @Flag(help: "No progress lines.")
    var quiet = false

    @Option(help: "Run only shard K/N (0-based) of a grid, random or Sobol search, or `auto` from Slurm/Kubernetes.")
    var shard: String?

    @Option(help: "The shard count for --shard auto in a Kubernetes Indexed Job (its completions).")
    var shards: Int?

    func run() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        let url = URL(fileURLWithPath: spec)
        let loaded: (spec: ExperimentSpec, text: String)
        do { loaded = try SpecDecoder.load(contentsOf: url) } catch { failWith(error.lines()) }
        let slice = try ShardOption.resolve(shard: shard, shards: shards, environment: ProcessInfo.processInfo.environment)
        let reporter = ProgressReporter(quiet: quiet)
        let options = RunOptions(threads: threads, out: out, resume: resume, shard: slice,
                                 specDirectory: url.deletingLastPathComponent().standardizedFileURL.path)
        let outcome: RunOutcome
        do {
            outcome = try ExperimentRunner.run(spec: loaded.spec, specText: loaded.text, options: options, progress: reporter.report)
        } catch {
            reporter.finish()
            if case let .invalid(problems) = error { failWith(problems.lines()) }
            failWith(["error: \(error.description)"])
        }
        reporter.finish()
        print("\(outcome.trials) trials → \(outcome.folder.url.path)")
        if let slice, outcome.completed {
            print("shard \(slice) complete; join the \(slice.count) shard folders with `crucible merge SHARD_DIR... --out DIR`")
        } else if outcome.completed {
            do {
                let report = try ReportBuilder(folder: outcome.folder.url).write()
                print("report → \(report.path)")
            } catch { failWith(["error: the run finished but its report failed: \(error)"]) }
        }
    }
}

/// Prints `lines` on stderr and exits with status 1 (no usage text: the input was at fault,
/// not the command line).
func failWith(_ lines: [String]) -> Never {
    for line in lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    Crucible.exit(withError: ExitCode.failure)
}

/// Progress on stderr for every stage (search trials, walk-forward folds, Monte Carlo paths):
/// a line rewritten in place on a terminal (at most ten times a second, each stage on its own
/// line), plain lines every few seconds otherwise.
final class ProgressReporter: @unchecked Sendable {
    private let quiet: Bool
    private let terminal = isatty(2) == 1
    private var stage: RunStage?
    private var lastPrint = -Double.infinity
    private var wrote = false

    init(quiet: Bool) { self.quiet = quiet }

    func report(_ p: RunProgress) {
        guard !quiet else { return }
        if p.stage != stage {
            if terminal && wrote { FileHandle.standardError.write(Data("\n".utf8)) }
            stage = p.stage
            lastPrint = -Double.infinity
            wrote = false
        }
        let interval = terminal ? 0.1 : 5
        guard p.elapsedSeconds - lastPrint >= interval || p.done == p.total else { return }
        lastPrint = p.elapsedSeconds
        let eta = p.etaSeconds.flatMap { $0.isFinite && abs($0) < 1e15 ? "ETA \(Int($0.rounded()))s" : nil } ?? "ETA ?"
        let line: String
        switch p.stage {
        case .search:
            let best = p.best.map { "best \(String(format: "%.6g", $0)) (trial \(p.bestTrial!))" } ?? "no feasible trial yet"
            line = "trials \(p.done)/\(p.total), \(best), \(eta)"
        case .walkForward:
            line = "walk-forward folds \(p.done)/\(p.total), \(Int((100 * (p.fraction ?? 0)).rounded()))%, \(eta)"
        case .monteCarlo:
            line = "monte carlo paths \(p.done)/\(p.total), \(Int((100 * (p.fraction ?? 0)).rounded()))%, \(eta)"
        }
        FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
        wrote = true
    }

    func finish() {
        if terminal && wrote && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
