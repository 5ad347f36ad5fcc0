import ArgumentParser
import Foundation
import Indicators
import MarketData

/// `crucible indicator NAME --data FILE [--param key=value ...] [--out FILE.csv]` and
/// `crucible indicator --list`: any registry indicator on a dataset, written as CSV.
struct IndicatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicator",
        abstract: "Compute an indicator on a dataset and write it as CSV, or list the indicators.",
        discussion: """
        Parameter names and defaults follow TA-Lib (pandas-ta for VWAP, Donchian, Keltner, \
        SuperTrend, Ichimoku, Heikin-Ashi). The CSV has a timestamp column, then one column per \
        output named as TA-Lib names them; warm-up cells are empty; numbers are written in \
        shortest round-trip form.

        Examples:
          crucible indicator --list
          crucible indicator MACD --data datasets/btcusdt_1h.csv --out macd.csv
          crucible indicator BBANDS --data datasets/btcusdt_1h.csv --param timeperiod=20 --param nbdevup=2.5
          crucible indicator BETA --data datasets/btcusdt_1h.csv --secondary datasets/ethusdt_1h.csv
        """
    )

    @Argument(help: "Indicator name (see --list).")
    var name: String?

    @Flag(help: "List the indicators with their inputs, parameters (defaults) and outputs.")
    var list = false

    @Option(help: "CSV file of bars (timestamp,open,high,low,close,volume).")
    var data: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter as key=value; repeatable.", valueName: "key=value"))
    var parameters: [String] = []

    @Option(help: "Second series for two-series indicators (BETA's real0, e.g. the market); same timestamps as --data.")
    var secondary: String?

    @Option(help: "Output CSV file (default: standard output).")
    var out: String?

    func run() throws {
        if list {
            print(IndicatorListing.text(), terminator: "")
            return
        }
        guard let name else { throw ValidationError("give an indicator name or --list") }
        guard let data else { throw ValidationError("--data FILE is required") }
        let definition: IndicatorDefinition
        do { definition = try IndicatorRegistry.require(name) } catch { throw ValidationError(error.description) }
        let values = try parseParameters(for: definition)

        // A data error is not a usage error: it is printed as it is, with exit status 1.
        let bars = try CSVBarReader.read(path: data)
        var secondClose: [Double]?
        if let secondary {
            let other = try CSVBarReader.read(path: secondary)
            guard other.ts == bars.ts else {
                throw ValidationError("\(secondary): timestamps differ from \(data); the two series must cover the same bars")
            }
            secondClose = other.close
        }

        let columns: [[Double]]
        do {
            columns = try definition.compute(IndicatorInput(bars: bars, secondary: secondClose), parameters: values)
        } catch {
            throw ValidationError(error.description + (definition.inputs.contains(.secondaryClose) ? " (pass --secondary FILE)" : ""))
        }
        let csv = IndicatorCSV.render(timestamps: bars.ts, names: definition.outputs, columns: columns)
        if let out {
            do { try csv.write(toFile: out, atomically: true, encoding: .utf8) } catch {
                throw ValidationError("\(out): cannot write: \(plainReason(error))")
            }
        } else {
            print(csv, terminator: "")
        }
    }

    /// `key=value` pairs as numbers; non-numeric values must name a convention we follow.
    func parseParameters(for definition: IndicatorDefinition) throws -> [String: Double] {
        var values: [String: Double] = [:]
        for text in parameters {
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else {
                throw ValidationError("--param \(text): expected key=value, e.g. timeperiod=14")
            }
            let (key, value) = (parts[0], parts[1])
            if let number = Double(value) {
                values[key] = number
            } else if let convention = definition.conventions.first(where: { $0.name == key }) {
                guard convention.value == value else {
                    throw ValidationError("--param \(text): \(definition.name) supports only \(key)=\(convention.value)")
                }
            } else {
                throw ValidationError("--param \(text): \(value) is not a number")
            }
        }
        do { _ = try definition.resolve(values) } catch { throw ValidationError(error.description) }
        return values
    }
}
