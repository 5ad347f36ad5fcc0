import ArgumentParser
import MarketData

/// `crucible data validate FILE`: reads a CSV file and reports what it found.
struct DataValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a CSV file of bars for format errors and anomalies.",
        discussion: """
        Examples:
          crucible data validate datasets/btcusdt_1h.csv
        """
    )

    @Argument(help: "CSV file with a timestamp,open,high,low,close,volume header.")
    var file: String

    func run() throws {
        do {
            let bars = try CSVBarReader.read(path: file)
            print("\(file): \(bars.count) bars of \(bars.instrument.symbol) \(bars.timeframe)")
        } catch {
            throw ValidationError(error.description)
        }
    }
}
