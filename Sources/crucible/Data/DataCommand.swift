import ArgumentParser

/// `crucible data`: import, check and reshape market data.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import, validate, inspect, resample, export and synthesize market data.",
        discussion: """
        CSV files: the datasets' format (timestamp,open,high,low,close,volume with epoch ms), \
        epoch seconds or microseconds, ISO-8601 times, any header naming those columns, or the \
        12-column Binance kline export. The store is an SQLite file (default datasets/market.sqlite).

        Examples:
          crucible data validate datasets/btcusdt_1h.csv
          crucible data import datasets/btcusdt_1h.csv datasets/ethusdt_1h.csv
          crucible data info
        """,
        subcommands: [DataImportCommand.self, DataValidateCommand.self, DataInfoCommand.self,
                      DataResampleCommand.self, DataExportCommand.self, DataSynthCommand.self]
    )
}
