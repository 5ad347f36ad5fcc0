import ArgumentParser

/// `crucible data`: import, check and reshape market data.
struct DataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import, download, stream, validate, inspect, resample, export and synthesize market data.",
        discussion: """
        CSV files: the datasets' format (timestamp,open,high,low,close,volume with epoch ms), \
        epoch seconds or microseconds, ISO-8601 times, any header naming those columns, or the \
        12-column Binance kline export. The store is an SQLite file (default datasets/market.sqlite).

        Examples:
          crucible data validate datasets/btcusdt_1h.csv
          crucible data import datasets/btcusdt_1h.csv datasets/ethusdt_1h.csv
          crucible data info
          crucible data download --exchange binance --symbol BTCUSDT --timeframe 1h --start 2024-01-01
          crucible data stream --exchange binance --symbols BTCUSDT --channels bars,trades --duration 60
        """,
        subcommands: [DataImportCommand.self, DataValidateCommand.self, DataInfoCommand.self,
                      DataResampleCommand.self, DataExportCommand.self, DataSynthCommand.self,
                      DataDownloadCommand.self, DataStreamCommand.self]
    )
}
