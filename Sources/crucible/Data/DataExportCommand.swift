import ArgumentParser
import MarketData

/// `crucible data export`: stored bars to CSV.
struct DataExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a stored series (or a time range of it) as CSV.",
        discussion: """
        The output uses the datasets' format (timestamp,open,high,low,close,volume, epoch ms); \
        --from is inclusive, --to exclusive.

        Examples:
          crucible data export --symbol BTCUSDT --timeframe 1h --from 2021-01-01 --to 2022-01-01 --output /tmp/btc_2021.csv
          crucible data export --symbol ETHUSDT --timeframe 1d
        """
    )

    @OptionGroup var storeOption: StoreOption

    @Option(help: "Stored symbol, e.g. BTCUSDT.")
    var symbol: String

    @Option(help: "Stored timeframe, e.g. 1h.")
    var timeframe: String

    @Option(help: "First bar time (inclusive): 2021-01-01, 2021-01-01T12:00Z or epoch ms.")
    var from: String?

    @Option(help: "End time (exclusive).")
    var to: String?

    @Option(help: "Output CSV file; - or omitted for standard output.")
    var output: String?

    func run() throws {
        try reportingErrors { () throws(DataError) in
            let store = try BarStore(path: storeOption.store, readOnly: true)
            let bars = try store.bars(symbol: symbol.uppercased(), timeframe: Timeframe.parse(timeframe),
                                      from: parseTimeOption(from, name: "from") ?? .min, to: parseTimeOption(to, name: "to") ?? .max)
            guard !bars.isEmpty else {
                throw .invalidArgument("no \(symbol.uppercased()) \(timeframe) bars in \(storeOption.store) for that range (see crucible data info)")
            }
            try emitCSV(bars, to: output)
        }
    }
}
