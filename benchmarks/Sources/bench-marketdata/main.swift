// bench-marketdata: CSV parse (+ validation) throughput, SQLite insert throughput and the
// time to read one year of 1h bars from the store. Release builds only:
//   swift run -c release --package-path benchmarks bench-marketdata [--rows N] [--repeat K]
import BenchSupport
import Foundation
import MarketData

let arguments = CommandLine.arguments
let syntheticRows = option("--rows", 5_000_000)
let repeats = option("--repeat", 20)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let hourly = root.appendingPathComponent("datasets/btcusdt_1h.csv").path
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-bench-marketdata-\(getpid())")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

/// Seconds of each of `count` runs of `body`, sorted. The machine is shared by other jobs, so by
/// default this is the thread's CPU time (what the code costs); `--wall` switches to wall time.
let useWallClock = arguments.contains("--wall")
func reading() -> Double { useWallClock ? now() : threadCPUTime() }
func time(_ count: Int, _ body: () throws -> Void) rethrows -> [Double] {
    var out: [Double] = []
    for _ in 0..<count {
        let start = reading()
        try body()
        out.append(reading() - start)
    }
    return out.sorted()
}
func median(_ x: [Double]) -> Double { x[x.count / 2] }
func millions(_ rows: Int, _ seconds: Double) -> String { String(format: "%.1fM/s", Double(rows) / seconds / 1e6) }
var table: [(String, String, String)] = []

// 1. CSV on the bundled hourly file: read + parse, then read + parse + validate.
var rows = 0
let parseOnly = try time(repeats) { rows = try CSVBarReader.load(path: hourly).bars.count }
let parseValidate = try time(repeats) { rows = try BarValidator.validate(CSVBarReader.load(path: hourly), policy: .warn).report.rows }
table.append(("csv parse btcusdt_1h.csv (\(rows) rows)", String(format: "%.2f ms", median(parseOnly) * 1e3), millions(rows, median(parseOnly))))
table.append(("csv parse+validate btcusdt_1h.csv", String(format: "%.2f ms", median(parseValidate) * 1e3), millions(rows, median(parseValidate))))

if arguments.contains("--sqlite-only") {
    let bars = try SyntheticBars.generate(.gbm(drift: 0, volatility: 0.6), count: syntheticRows, timeframe: .m1, seed: 1, subSteps: 1)
    for k in 0..<3 {
        let path = scratch.appendingPathComponent("insert-only-\(k).sqlite").path
        let store = try BarStore(path: path)
        let cpu = try time(1) { _ = try store.insert(bars) }
        print("sqlite insert \(bars.count): \(millions(bars.count, cpu[0]))")
    }
    exit(0)
}
if arguments.contains("--csv-only") {
    for (name, t, rate) in table { print(name, t, rate) }
    exit(0)
}

// 2. CSV on a larger synthetic 1m file, prices with 2 decimals and volumes with 6 (like the datasets).
let big = scratch.appendingPathComponent("syn_1m.csv").path
do {
    let bars = try SyntheticBars.generate(.gbm(drift: 0, volatility: 0.6), count: syntheticRows, timeframe: .m1, seed: 1,
                                          initialPrice: 30_000, subSteps: 4)
    var text = "timestamp,open,high,low,close,volume\n"
    text.reserveCapacity(syntheticRows * 60)
    func cents(_ x: Double) -> String { let c = Int((x * 100).rounded()); let f = c % 100; return "\(c / 100).\(f < 10 ? "0" : "")\(f)" }
    func micro(_ x: Double) -> String { let u = Int((x * 1e6).rounded()); let f = String(u % 1_000_000); return "\(u / 1_000_000).\(String(repeating: "0", count: 6 - f.count))\(f)" }
    for i in 0..<bars.count {
        text += "\(bars.ts[i]),\(cents(bars.open[i])),\(cents(bars.high[i])),\(cents(bars.low[i])),\(cents(bars.close[i])),\(micro(bars.volume[i]))\n"
    }
    try Data(text.utf8).write(to: URL(fileURLWithPath: big))
}
let bigSize = (try FileManager.default.attributesOfItem(atPath: big)[.size] as? Int) ?? 0
let bigRuns = try time(max(3, repeats / 4)) { rows = try BarValidator.validate(CSVBarReader.load(path: big), policy: .warn).report.rows }
table.append(("csv parse+validate synthetic 1m (\(rows) rows, \(bigSize / 1_000_000) MB)", String(format: "%.1f ms", median(bigRuns) * 1e3),
              millions(rows, median(bigRuns))))

// 3. SQLite: insert the synthetic bars into a fresh file store (one transaction).
let bigBars = try CSVBarReader.read(path: big)
var insertTimes: [Double] = []
for k in 0..<3 {
    let path = scratch.appendingPathComponent("insert-\(k).sqlite").path
    let store = try BarStore(path: path)
    insertTimes += try time(1) { _ = try store.insert(bigBars) }
}
insertTimes.sort()
table.append(("sqlite insert \(bigBars.count) bars (file store)", String(format: "%.0f ms", median(insertTimes) * 1e3), millions(bigBars.count, median(insertTimes))))

// 4. SQLite: read one year of 1h bars (2021) into a BarSeries.
let storePath = scratch.appendingPathComponent("read.sqlite").path
do { _ = try BarStore(path: storePath).importCSV(path: hourly) }
let reader = try BarStore(path: storePath, readOnly: true)
var yearCount = 0
let readTimes = try time(max(50, repeats * 5)) {
    yearCount = try reader.bars(symbol: "BTCUSDT", timeframe: .h1, from: 1_609_459_200_000, to: 1_640_995_200_000).count
}
table.append(("sqlite read 1 year of 1h bars (\(yearCount) bars)", String(format: "%.3f ms", median(readTimes) * 1e3), millions(yearCount, median(readTimes))))

// 5. Import end to end (read, sha256, parse, validate, insert, lineage) of the hourly file.
let importTimes = try time(5) {
    let path = scratch.appendingPathComponent("import-\(UUID().uuidString).sqlite").path
    _ = try BarStore(path: path).importCSV(path: hourly)
}
table.append(("import btcusdt_1h.csv end to end", String(format: "%.1f ms", median(importTimes) * 1e3), millions(61_246, median(importTimes))))

print("bench-marketdata (median of repeated runs, release build, \(useWallClock ? "wall-clock" : "thread CPU") time)")
let width = table.map(\.0.count).max()!
for (name, t, rate) in table {
    print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + t.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + rate)
}
print("synthetic file for peers: regenerate with --rows; python3 benchmarks/peers/marketdata_peers.py compares pandas / sqlite3")
