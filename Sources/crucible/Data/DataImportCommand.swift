import ArgumentParser
import Foundation
import MarketData

/// `crucible data import FILE…`: validates CSV files and stores their bars.
struct DataImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Validate CSV files and store their bars in the SQLite store.",
        discussion: """
        Each file is one transaction: it is stored completely or not at all, with a lineage \
        row (file, sha256, time, rows, anomalies, policy). Importing the same file again changes \
        nothing. A bar already stored with different values fails the import.

        Policies: fail (default: refuse broken rows — time going backwards, repeated timestamps, \
        inconsistent OHLC, prices ≤ 0, NaN), warn (store as is), drop (drop broken rows), \
        fill-forward (drop, then fill gaps at the previous close with volume 0, flagged). Gaps, \
        zero volume and spikes are recorded, never fatal.

        Examples:
          crucible data import datasets/btcusdt_1h.csv
          crucible data import datasets/*_1d.csv --store /tmp/market.sqlite
          crucible data import klines.csv --symbol BTCUSDT --timeframe 1m --policy drop
        """
    )

    @Argument(help: "CSV files of bars.")
    var files: [String]

    @OptionGroup var input: CSVInputOptions
    @OptionGroup var storeOption: StoreOption

    @Option(help: "fail | warn | drop | fill-forward.")
    var policy: String = "fail"

    func run() throws {
        try reportingErrors { () throws(DataError) in
            let policy = try ValidationPolicy.parse(policy)
            let options = try input.readOptions()
            let existed = FileManager.default.fileExists(atPath: storeOption.store)
            let store = try BarStore(path: storeOption.store)
            var imported = false
            defer {
                // A store this command created stays only if something went into it.
                if !existed && !imported { try? FileManager.default.removeItem(atPath: storeOption.store) }
            }
            for file in files {
                let outcome = try store.importCSV(path: file, options: options, policy: policy)
                imported = true
                let r = outcome.report
                if outcome.alreadyImported {
                    print("\(file): already imported (sha256 \(outcome.sha256.prefix(12))…): nothing changed")
                    continue
                }
                print("\(file): \(grouped(outcome.offered)) bars of \(outcome.symbol) \(outcome.timeframe) → \(storeOption.store) "
                      + "(\(grouped(outcome.inserted)) new, \(grouped(outcome.unchanged)) already stored)")
                print("  anomalies: \(r.gaps) gaps (\(r.missingBars) missing bars), \(r.zeroVolume) zero-volume, \(r.spikes) spikes, "
                      + "\(r.brokenRows) broken rows; policy \(r.policy.rawValue): dropped \(r.dropped), filled \(r.filled)")
            }
        }
    }
}
