import Analytics
import ArgumentParser
import Foundation

/// `crucible compare FILE.csv`: metrics side by side and statistical tests of strategies.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the return series of several strategies: metrics side by side and tests of whether a winner is luck.",
        discussion: """
        Input: a CSV whose first column is `timestamp` (epoch milliseconds or ISO-8601 UTC) and \
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

        Example:
          crucible compare returns.csv --periods-per-year 8760 --benchmark buy_and_hold --json out.json
        """
    )

    @Argument(help: "CSV file: timestamp, then one column of per-period returns per strategy.")
    var file: String

    @Option(help: "Periods per year for annualization (8760 for 1h bars, 365 for 1d).")
    var periodsPerYear: Double

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
        guard periodsPerYear > 0 else { throw ValidationError("--periods-per-year must be positive") }
        guard bootstrapReps > 0 else { throw ValidationError("--bootstrap-reps must be positive") }
        guard blockSize >= 1 else { throw ValidationError("--block-size must be at least 1") }
    }

    func run() throws {
        let options = ComparisonOptions(periodsPerYear: periodsPerYear, benchmark: benchmark, replicates: bootstrapReps,
                                        blockSize: blockSize, seed: seed, studentized: !unstudentized)
        do {
            let report = try StrategyComparison.run(ReturnTable.read(path: file), options: options)
            print(report.text(), terminator: "")
            if let json {
                try report.jsonData().write(to: URL(fileURLWithPath: json), options: .atomic)
                print("\nwrote \(json)")
            }
        } catch let error as AnalyticsError {
            throw ValidationError(error.description)
        }
    }
}
