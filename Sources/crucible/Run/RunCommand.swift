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
        and compare.json). Their figures also go to summary.json.

        Examples:
          crucible run experiments/grid_sma_cross.json
          crucible run experiments/bayesian_sma_cross.json --threads 4 --out results/bo
          crucible run experiments/bayesian_sma_cross.json --resume --out results/bo
          crucible run experiments/walk_forward_sma_cross.json
          crucible run experiments/monte_carlo_sma_cross.json
          crucible run experiments/compare_sma_cross.json
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

    func run() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        let url = URL(fileURLWithPath: spec)
        let loaded: (spec: ExperimentSpec, text: String)
        do { loaded = try SpecDecoder.load(contentsOf: url) } catch { failWith(error.lines()) }
        let reporter = ProgressReporter(quiet: quiet)
        let outcome: RunOutcome
        do {
            outcome = try ExperimentRunner.run(spec: loaded.spec, specText: loaded.text,
                                               options: RunOptions(threads: threads, out: out, resume: resume),
                                               progress: reporter.report)
        } catch {
            reporter.finish()
            if case let .invalid(problems) = error { failWith(problems.lines()) }
            failWith(["error: \(error.description)"])
        }
        reporter.finish()
        print("\(outcome.trials) trials → \(outcome.folder.url.path)")
        if outcome.completed {
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

/// Progress on stderr: a line rewritten in place on a terminal, plain lines every few seconds
/// otherwise.
final class ProgressReporter: @unchecked Sendable {
    private let quiet: Bool
    private let terminal = isatty(2) == 1
    private var lastPrint = -Double.infinity
    private var wrote = false

    init(quiet: Bool) { self.quiet = quiet }

    func report(_ p: RunProgress) {
        guard !quiet else { return }
        guard terminal || p.elapsedSeconds - lastPrint >= 5 || p.done == p.total else { return }
        lastPrint = p.elapsedSeconds
        let best = p.best.map { "best \(String(format: "%.6g", $0)) (trial \(p.bestTrial!))" } ?? "no feasible trial yet"
        let eta = p.etaSeconds.flatMap { $0.isFinite && abs($0) < 1e15 ? "ETA \(Int($0.rounded()))s" : nil } ?? "ETA ?"
        let line = "trials \(p.done)/\(p.total), \(best), \(eta)"
        FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + line : line + "\n").utf8))
        wrote = true
    }

    func finish() {
        if terminal && wrote && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
