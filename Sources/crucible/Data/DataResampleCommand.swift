import ArgumentParser
import MarketData

/// `crucible data resample`: aggregate bars to a coarser timeframe.
struct DataResampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resample",
        abstract: "Aggregate bars into a coarser timeframe (UTC-aligned OHLCV).",
        discussion: """
        Open = first open, high = max, low = min, close = last close, volume = sum, in windows \
        aligned to UTC (weeks start Monday). The trailing incomplete bar is dropped unless \
        --keep-incomplete. Reads a CSV file, or a stored series with --symbol and --timeframe; \
        writes CSV to --output (default: standard output) and, with --save, into the store.

        Examples:
          crucible data resample datasets/btcusdt_1m.csv --to 1h --output /tmp/btcusdt_1h.csv
          crucible data resample --symbol BTCUSDT --timeframe 1h --to 1d --save
        """
    )

    @Argument(help: "CSV file of bars (omit to read --symbol/--timeframe from the store).")
    var file: String?

    @OptionGroup var input: CSVInputOptions
    @OptionGroup var storeOption: StoreOption

    @Option(help: "Target timeframe.")
    var to: String

    @Option(help: "Output CSV file; - or omitted for standard output.")
    var output: String?

    @Flag(help: "Keep the last bar even when its window is not complete.")
    var keepIncomplete = false

    @Flag(help: "Also store the resampled bars.")
    var save = false

    func run() throws {
        try reportingErrors { () throws(DataError) in
            let target = try Timeframe.parse(to)
            let bars: BarSeries
            if let file {
                bars = try BarValidator.validate(CSVBarReader.load(path: file, options: input.readOptions()), policy: .fail).bars
            } else {
                guard let symbol = input.symbol, let frame = input.timeframe else {
                    throw .invalidArgument("give a CSV file, or --symbol and --timeframe of a stored series")
                }
                bars = try BarStore(path: storeOption.store, readOnly: true).bars(symbol: symbol.uppercased(), timeframe: Timeframe.parse(frame))
            }
            let resampled = try Resampler.resample(bars, to: target, keepIncomplete: keepIncomplete)
            if save { _ = try BarStore(path: storeOption.store).insert(resampled) }
            if output != nil || !save { try emitCSV(resampled, to: output) }
        }
    }
}
