import Analytics
import ArgumentParser
import Experiments
import Foundation
import MarketData

/// `crucible compare FILE.csv` or `crucible compare RESULT_DIR RESULT_DIR...`: metrics side by
/// side and statistical tests of strategies.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the return series of several strategies: metrics side by side and tests of whether a winner is luck.",
        discussion: """
        Input: result folders of `crucible run` (results/<name>/<run-id>/), or one CSV. From a \
        result folder the chosen strategy's returns are taken: the stitched out-of-sample returns \
        of its walk-forward when it ran one, else the best trial's per-bar returns; each column \
        is named after its run, and the columns are lined up on their common bars (the report \
        says how many were dropped). Periods per year default to the bars' spacing.

        A CSV's first column is `timestamp` (epoch milliseconds or ISO-8601 UTC) and \
        then one column of per-period simple returns per strategy (0.01 = +1%; higher is better). \
        Rows with an empty or NaN cell are dropped so all columns cover the same periods; the \
        report says how many. Metrics follow empyrical's names and definitions.

        Tests (with two or more columns; those marked * need --benchmark):
          Model confidence set (Hansen-Lunde-Nason): the set of columns that contains the best one \
        with 90% confidence; columns outside it are significantly worse.
          Deflated Sharpe ratio: probability that the best column's Sharpe ratio is real after \
        allowing for the number of columns tried.
          * Hansen's SPA: p-value of "no column beats the benchmark" (lower / consistent / upper \
        re-centrings); studentized by default, as Hansen published it.
          * White's reality check: the same null with every column re-centred (conservative).
          * Romano-Wolf StepM: the columns that beat the benchmark with the family-wise error \
        rate held at 5%.
          * Paired t-test and Wilcoxon signed-rank: does a column's mean (median) return differ \
        from the benchmark's? Holm and Benjamini-Hochberg adjust the t-test p-values for the \
        number of columns.
          * Jobson-Korkie-Memmel: does a column's Sharpe ratio differ from the benchmark's?
        Bootstraps are stationary block bootstraps, seeded and reproducible.

        Examples:
          crucible compare results/sma_wf/RUN_A results/rsi_wf/RUN_B --benchmark sma_wf
          crucible compare returns.csv --periods-per-year 8760 --benchmark buy_and_hold --json out.json
        """
    )

    @Argument(help: "Result folders of `crucible run`, or one CSV file: timestamp, then one column of per-period returns per strategy.")
    var inputs: [String]

    @Option(help: "Periods per year for annualization (8760 for 1h bars, 365 for 1d); required for a CSV, inferred from the bars for result folders.")
    var periodsPerYear: Double?

    @Option(help: "Column to test the others against (SPA, reality check, StepM, paired tests).")
    var benchmark: String?

    @Option(help: "Bootstrap replications.")
    var bootstrapReps: Int = 10_000

    @Option(help: "Mean block length of the stationary bootstrap, in periods.")
    var blockSize: Double = 10

    @Option(help: "Seed of the bootstrap's random stream.")
    var seed: UInt64 = 0

    @Flag(help: "Use arch's unstudentized SPA and StepM statistic instead of Hansen's studentized one.")
    var unstudentized = false

    @Option(help: "Also write the report as JSON to this file.")
    var json: String?

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give one CSV file or one or more result folders") }
        if let periodsPerYear { guard periodsPerYear > 0 else { throw ValidationError("--periods-per-year must be positive") } }
        guard bootstrapReps > 0 else { throw ValidationError("--bootstrap-reps must be positive") }
        guard blockSize >= 1 else { throw ValidationError("--block-size must be at least 1") }
    }

    func run() throws {
        // At least two columns of one mean per replicate: refused before reading anything.
        if let reason = AllocationLimit.exceeded(bootstrapReps, bytesEach: 16, what: "bootstrap replicates") {
            failWith(["error: --bootstrap-reps: \(reason)"])
        }
        let table: ReturnTable
        let perYear: Double
        if inputs.allSatisfy(Self.isDirectory) {
            // Errors in a result folder (RunError) are printed as they are, with exit status 1.
            table = ReturnSeries.table(try inputs.map { path throws(RunError) in try ReturnSeries.chosen(resultFolder: path) })
            perYear = try periodsPerYear ?? Self.periodsPerYear(table.timestamps)
        } else {
            guard inputs.count == 1 else {
                throw ValidationError("give either one CSV file or result folders only, not \(inputs.count) inputs mixing files")
            }
            guard let periodsPerYear else { throw ValidationError("a CSV input needs --periods-per-year") }
            // Errors in the data (AnalyticsError) are printed as they are, with exit status 1.
            table = try ReturnTable.read(path: inputs[0])
            perYear = periodsPerYear
        }
        let options = ComparisonOptions(periodsPerYear: perYear, benchmark: benchmark, replicates: bootstrapReps,
                                        blockSize: blockSize, seed: seed, studentized: !unstudentized)
        let report = try StrategyComparison.run(table, options: options)
        print(report.text(), terminator: "")
        if let json {
            try report.jsonData().write(to: URL(fileURLWithPath: json), options: .atomic)
            print("\nwrote \(json)")
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// Periods per year of the bars' most common spacing (365-day years, as `Timeframe`).
    static func periodsPerYear(_ timestamps: [Int64]) throws -> Double {
        var counts: [Int64: Int] = [:]
        for i in timestamps.indices.dropFirst() { counts[timestamps[i] - timestamps[i - 1], default: 0] += 1 }
        guard let spacing = counts.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) })?.key, spacing > 0 else {
            throw InputError(description: "the result folders share fewer than two bars; pass --periods-per-year")
        }
        return 365.0 * 86_400_000.0 / Double(spacing)
    }
}

/// A problem with the compared inputs themselves (exit status 1, no usage text).
struct InputError: Error, CustomStringConvertible {
    var description: String
}
