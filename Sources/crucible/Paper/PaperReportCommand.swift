import ArgumentParser
import Experiments
import Foundation
import Paper
import Reports

/// `crucible paper report STATE`: the HTML report of a paper run with the paper run against a
/// backtest of the same strategy over the same period (`PaperReport`).
struct PaperReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the HTML report of a paper run: equity, drawdown, trades, and the run against its backtest.",
        discussion: """
        Reads the state file (read-only: the run may go on), backtests the same strategy, point, \
        costs and rules on the event engine over the bars of --data that open from the paper \
        run's first bar to its last, and compares them: the equity at every bar and the fills in \
        order, exactly. A replay of the same file agrees to the last bit; live bars that differ \
        from the exchange's history, or a restart over changed data, are listed. Exits with \
        status 3 when they differ (the report is written either way).

        For a live run, download the exchange's history of the period and export it to a CSV \
        first (`crucible data download`, then `crucible data export --output FILE`).

        Examples:
          crucible paper report results/paper.sqlite \\
            --data datasets/btcusdt_1h.csv --out results/paper.html
          crucible data export --symbol BTCUSDT --timeframe 1h \\
            --from 2026-11-01 --output /tmp/btc_history.csv
          crucible paper report results/live.sqlite --data /tmp/btc_history.csv
        """)

    @Argument(help: "The paper run's state file (--state of `crucible paper`).")
    var state: String

    @Option(help: "Bars CSV to backtest over (the feed's file for a replay, the downloaded history for a live run).")
    var data: String

    @Option(help: "The spec the run traded (checked against the file's SHA-256 of it): for a file that does not hold its text, or a moved project.")
    var spec: String?

    @Option(help: "Where to write the report (default: the state file's name with .html).")
    var out: String?

    func run() throws {
        do {
            let record = try PaperRecord(path: state)
            // Read as `crucible paper` read it (size-bounded, a byte-order mark dropped), so its text hashes the same.
            let specText = try spec.map { try SpecDecoder.load(contentsOf: URL(fileURLWithPath: $0)).text }
            let directory = spec.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
            let (strategy, _) = try record.strategy(specText: specText, specDirectory: directory)
            let (bars, result) = try PaperBacktest.run(strategy, record: record, data: data)
            let report = PaperReport(record: record, strategy: strategy, bars: bars, backtest: result, dataPath: data)
            let target = URL(fileURLWithPath: out ?? (URL(fileURLWithPath: state).deletingPathExtension().path + ".html"))
            try report.write(to: target)
            let c = report.comparison
            print(c.isExact
                  ? "paper and backtest agree on all \(c.commonBars) bars and \(c.matchedFills) fills → \(target.path)"
                  : "paper and backtest differ: \(c.equityDifferences) bar(s) of equity, \(c.fillDifferences.count) fill(s), "
                    + "\(c.onlyPaper) bar(s) only in the paper run, \(c.onlyBacktest) only in the backtest → \(target.path)")
            if !c.isExact { throw ExitCode(3) }
        } catch let error as ExitCode {
            throw error
        } catch let error as SpecError {
            failWith(error.lines())
        } catch {
            failWith(["error: \(error)"])
        }
    }
}
