import ArgumentParser
import Foundation
import MarketData

/// How to read a CSV file: the options every `crucible data` command shares.
struct CSVInputOptions: ParsableArguments {
    @Option(name: .long, help: "Bar interval (1m 3m 5m 15m 30m 1h 2h 4h 6h 12h 1d 1w 1M; 1m is a minute, 1M a calendar month); inferred from the data when omitted.")
    var timeframe: String?

    @Option(name: .long, help: "Timestamp unit: s, ms, us or iso; detected from the first row when omitted.")
    var timeUnit: String?

    @Option(name: .long, help: "Symbol such as BTCUSDT or BTC/USDT; guessed from the file name (btcusdt_1h.csv) when omitted.")
    var symbol: String?

    func readOptions() throws(DataError) -> CSVReadOptions {
        var options = CSVReadOptions()
        if let timeframe { options.timeframe = try Timeframe.parse(timeframe) }
        if let timeUnit {
            guard let unit = TimeUnit(rawValue: timeUnit.lowercased()) else {
                throw .invalidArgument("unknown time unit \"\(timeUnit)\"; expected s, ms, us or iso")
            }
            options.timeUnit = unit
        }
        if let symbol {
            guard let instrument = Instrument(symbol: symbol) else {
                throw .invalidArgument("cannot read the symbol \"\(symbol)\"; expected e.g. BTCUSDT or BTC/USDT")
            }
            options.instrument = instrument
        }
        return options
    }
}

/// Where the SQLite store lives.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: "SQLite store file.")
    var store: String = BarStore.defaultPath
}

/// Runs `body`; a `DataError` is printed to stderr as `error: …` and exits with status 1.
func reportingErrors<T>(_ body: () throws(DataError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}

/// Integers with thousands separators, for tables people read.
func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (k, c) in digits.enumerated() {
        if k > 0 && (digits.count - k) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (value < 0 ? "-" : "") + out
}

/// Left-aligned text columns.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    return all.map { row in
        row.enumerated().map { c, cell in cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }.joined(separator: "\n")
}

/// Parses a `--from/--to` time: ISO-8601 date/time or epoch milliseconds.
func parseTimeOption(_ text: String?, name: String) throws(DataError) -> Int64? {
    guard let text else { return nil }
    guard let value = TimeUnit.parseTime(text) else {
        throw .invalidArgument("--\(name): cannot read the time \"\(text)\"; expected e.g. 2021-01-01, 2021-01-01T12:00Z or epoch ms")
    }
    return value
}

/// Writes CSV to `path`, or to standard output when `path` is nil or `-`.
func emitCSV(_ bars: BarSeries, to path: String?) throws(DataError) {
    if let path, path != "-" { try CSVBarWriter.write(bars, to: path) } else { print(CSVBarWriter.text(bars), terminator: "") }
}
