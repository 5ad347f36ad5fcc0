import ArgumentParser
import MarketData

/// `crucible data validate FILE`: reads a CSV file and reports its anomalies.
struct DataValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a CSV file of bars for format errors and anomalies.",
        discussion: """
        Counts unsorted rows, duplicate timestamps, gaps against the timeframe (and the bars \
        missing in them), OHLC inconsistencies, non-positive or NaN prices, zero volume and \
        spikes (|robust z-score of log returns| > --spike-threshold). Nothing is written.

        Policies: warn (default here: report only), fail (exit 1 at the first broken row, naming \
        its line), drop and fill-forward (report what the import would remove or fill).

        Examples:
          crucible data validate datasets/btcusdt_1h.csv
          crucible data validate datasets/btcusdt_1m.csv --json
          crucible data validate prices.csv --timeframe 4h --time-unit s --policy fail
        """
    )

    @Argument(help: "CSV file of bars.")
    var file: String

    @OptionGroup var input: CSVInputOptions

    @Option(help: "fail | warn | drop | fill-forward.")
    var policy: String = "warn"

    @Option(help: "Robust z-score above which a log return counts as a spike.")
    var spikeThreshold: Double = BarValidator.defaultSpikeThreshold

    @Flag(help: "Print one JSON object (rows, gaps, missing_bars, duplicates, unsorted, ohlc_violations, zero_volume, non_positive, nan, spikes, first_ts, last_ts, timeframe, …).")
    var json = false

    func run() throws {
        let (csv, result) = try reportingErrors { () throws(DataError) -> (CSVBars, ValidatedBars) in
            let csv = try CSVBarReader.load(path: file, options: input.readOptions())
            return (csv, try BarValidator.validate(csv, policy: ValidationPolicy.parse(policy), spikeThreshold: spikeThreshold))
        }
        print(json ? result.report.json : Self.summary(csv, result.report))
    }

    static func summary(_ csv: CSVBars, _ r: ValidationReport) -> String {
        var lines = ["\(csv.path): \(grouped(r.rows)) bars of \(csv.bars.instrument.symbol) \(r.timeframe) "
                     + "(\(csv.layout.name), time unit \(csv.timeUnit.rawValue))",
                     "range: \(formatTimestamp(r.firstTs)) … \(formatTimestamp(r.lastTs))"]
        let longest = r.longestGapAfterTs.map { "; longest \(r.longestGapBars) after \(formatTimestamp($0))" } ?? ""
        let rows: [[String]] = [
            ["gaps", grouped(r.gaps), "\(grouped(r.missingBars)) missing bars\(longest)"],
            ["duplicates", grouped(r.duplicates), "repeated timestamps"],
            ["unsorted", grouped(r.unsorted), "time going backwards"],
            ["misaligned", grouped(r.misaligned), "not on a \(r.timeframe) boundary"],
            ["ohlc_violations", grouped(r.ohlcViolations), "high < max(open, close), low > min(open, close) or high < low"],
            ["non_positive", grouped(r.nonPositive), "price ≤ 0 or volume < 0"],
            ["nan", grouped(r.nan), "NaN values"],
            ["zero_volume", grouped(r.zeroVolume), "bars with volume 0"],
            ["spikes", grouped(r.spikes), "|robust z| of log return > \(r.spikeThreshold)"],
        ]
        lines.append(table(["check", "count", "meaning"], rows))
        for anomaly in r.examples.sorted(by: { $0.row < $1.row }) {
            lines.append("  e.g. line \(csv.line(ofRow: anomaly.row)): \(anomaly.kind.rawValue) at \(formatTimestamp(anomaly.ts)): \(anomaly.detail)")
        }
        switch r.policy {
        case .warn, .fail: lines.append("policy \(r.policy.rawValue): data unchanged")
        case .drop, .fillForward:
            lines.append("policy \(r.policy.rawValue): would drop \(grouped(r.droppedOutOfOrder)) out-of-order and "
                         + "\(grouped(r.droppedInvalid)) broken rows, fill \(grouped(r.filled)) bars → \(grouped(r.rowsOut)) bars")
        }
        return lines.joined(separator: "\n")
    }
}
