import ArgumentParser
import MarketData
import Optimization

/// The `crucible` command-line tool.
@main
struct Crucible: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crucible",
        abstract: "Backtest, optimize and statistically vet crypto trading strategies.",
        discussion: """
        Crucible reads market data (CSV or its SQLite store), runs strategies through a \
        vectorized or an event-driven simulator with realistic fills, fees and slippage, and \
        ranks the results with overfitting-aware statistics.

        Start with:
          crucible data validate datasets/btcusdt_1h.csv
          crucible data import datasets/btcusdt_1h.csv
          crucible data info
        """,
        version: CrucibleVersion.current,
        subcommands: [
            DataCommand.self,
            ValidateCommand.self,
            RunCommand.self,
            MergeCommand.self,
            ReportCommand.self,
            CompareCommand.self,
            StrategiesCommand.self,
            IndicatorCommand.self,
            BacktestCommand.self,
            MLCommand.self,
            PaperGroupCommand.self,
        ]
    )

    /// Stops OpenBLAS's idle thread pool before anything else runs (`BLASThreads`), then parses
    /// and runs the command.
    static func main() async {
        BLASThreads.single
        await main(nil)
    }
}
