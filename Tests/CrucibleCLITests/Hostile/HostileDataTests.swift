import Foundation
import Testing

/// Regression tests of issue 13 for data, resuming and the other commands, through the built
/// binary in a subprocess: each ends with status 1 (not a signal) and a message that names
/// the file, line or option.
@Suite struct HostileDataTests {
    static let header = "timestamp,open,high,low,close,volume"
    static let day: Int64 = 86_400_000

    /// 60 daily bars of a gentle zigzag, with row `broken` replaced.
    static func csv(broken: (row: Int, line: String)? = nil) -> String {
        var lines = [header]
        for i in 0..<60 {
            let price = 100 + Double(i % 7) * 3 - Double(i % 3)
            let line = "\(Int64(i) * day + 1_600_000_000_000 / day * day),\(price),\(price + 2),\(price - 2),\(price + 1),\(10 + i)"
            lines.append(broken?.row == i ? broken!.line : line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func bar(_ i: Int, _ open: String, _ high: String, _ low: String, _ close: String, _ volume: String) -> String {
        "\(Int64(i) * day + 1_600_000_000_000 / day * day),\(open),\(high),\(low),\(close),\(volume)"
    }

    /// `crucible backtest --data` applies the validation policy of `run` (default fail).
    @Test(arguments: [
        ("unsorted", 10, bar(3, "100", "102", "98", "101", "10"), "timestamp: time goes backwards"),
        ("duplicate", 10, bar(9, "100", "102", "98", "101", "10"), "timestamp: repeats the timestamp"),
        ("high below low", 10, bar(10, "100", "90", "98", "101", "10"), "high: "),
        ("zero close", 10, bar(10, "100", "102", "98", "0", "10"), ":12: "),
        ("negative volume", 10, bar(10, "100", "102", "98", "101", "-5"), ":12: "),
    ])
    func backtestRefusesBrokenBars(_ name: String, _ row: Int, _ line: String, _ message: String) throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let file = try workspace.write(text: Self.csv(broken: (row, line)), as: "broken.csv")
        let arguments = ["backtest", "--data", file, "--strategy", "sma_cross", "--param", "fast=2", "--param", "slow=5",
                         "--out", workspace.path("bt").path]
        let refused = try CLI.run(arguments)
        #expect(refused.exitedNormally && refused.status == 1, "\(name): \(refused.status) \(refused.stderr)")
        #expect(refused.stderr.contains("broken.csv:") && refused.stderr.contains(message), "\(name): \(refused.stderr)")
        #expect(!refused.stderr.contains("Usage:"))
        let warned = try CLI.run(arguments + ["--policy", "drop"])
        #expect(warned.status == 0, "\(name) with --policy drop: \(warned.stderr)")
    }

    /// Resuming refuses a changed data file and a changed spec, naming which; it follows the
    /// run id stored in the folder, not the folder's name.
    @Test func resumeRefusesChangesAndSurvivesARename() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let spec = try workspace.write(HostileWorkspace.base)
        let first = workspace.path("runA").path
        #expect(try CLI.run(["run", spec, "--quiet", "--threads", "1", "--out", first]).status == 0)
        let ranked = try String(contentsOf: workspace.path("runA/ranked.csv"), encoding: .utf8)
        try FileManager.default.moveItem(at: workspace.path("runA"), to: workspace.path("runB"))
        let moved = workspace.path("runB").path
        let resumed = try CLI.run(["run", spec, "--quiet", "--threads", "1", "--out", moved, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try String(contentsOf: workspace.path("runB/ranked.csv"), encoding: .utf8) == ranked)

        let bars = workspace.path("bars.csv")
        let original = try Data(contentsOf: bars)
        try (original + Data("\n".utf8)).write(to: bars)
        let changedData = try CLI.run(["run", spec, "--quiet", "--out", moved, "--resume"])
        #expect(changedData.exitedNormally && changedData.status == 1)
        #expect(changedData.stderr.contains("was started with data sha256"), "\(changedData.stderr)")
        try original.write(to: bars)

        try workspace.write(HostileWorkspace.setting(HostileWorkspace.base, "seed", 2))
        let changedSpec = try CLI.run(["run", spec, "--quiet", "--out", moved, "--resume"])
        #expect(changedSpec.status == 1)
        #expect(changedSpec.stderr.contains("different spec"), "\(changedSpec.stderr)")
    }

    /// A run folder is created fresh: never over a file, never into a folder holding anything.
    @Test func theRunFolderNeverOverwritesAFile() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let spec = try workspace.write(HostileWorkspace.base)
        let notes = try workspace.write(text: "keep me", as: "notes.txt")
        let run = try CLI.run(["run", spec, "--quiet", "--out", notes])
        #expect(run.status == 1 && run.stderr.contains("a file of that name exists"), "\(run.stderr)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "keep me")
        let full = try CLI.run(["run", spec, "--quiet", "--out", workspace.url.path])
        #expect(full.status == 1 && full.stderr.contains("it is not empty"), "\(full.stderr)")
    }

    /// A NaN close imported with `--policy warn` is named as what it is, even into an empty store.
    @Test func aNaNBarIsRefusedByTheStoreForWhatItIs() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let file = try workspace.write(text: Self.csv(broken: (5, Self.bar(5, "100", "102", "98", "NaN", "10"))), as: "btcusdt_1d.csv")
        let run = try CLI.run(["data", "import", file, "--store", workspace.path("s.sqlite").path, "--policy", "warn"])
        #expect(run.exitedNormally && run.status == 1)
        #expect(run.stderr.contains("has a NaN close"), "\(run.stderr)")
        #expect(!run.stderr.contains("differs from the bar already stored"))
    }

    /// `1M` is the calendar month and `1m` the minute, as exchanges write them: 60 daily bars
    /// from 2020-09-13 resample to September (opening 2020-09-01) and October; November is
    /// still forming at the last bar and is left out. Other capitals are refused, saying why.
    @Test func aMonthIsNotAMinute() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let file = try workspace.write(text: Self.csv(), as: "bars_1d.csv")
        let month = try CLI.run(["data", "resample", file, "--to", "1M"])
        #expect(month.exitedNormally && month.status == 0, "\(month.stderr)")
        let rows = month.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(rows == ["1598918400000", "1601510400000"])
        let minute = try CLI.run(["data", "resample", file, "--to", "1m"])
        #expect(minute.status == 1 && minute.stderr.contains("cannot resample 1d bars to 1m"), "\(minute.stderr)")
        let day = try CLI.run(["data", "validate", file, "--timeframe", "1D"])
        #expect(day.status == 1 && day.stderr.contains("unknown timeframe \"1D\" (case matters"), "\(day.stderr)")
    }

    /// A FIFO (or any non-regular file) given as data is refused at once instead of blocking.
    @Test func aFIFOIsRefused() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let fifo = workspace.path("bars.fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let run = try CLI.run(["data", "validate", fifo], timeout: 30)
        #expect(run.exitedNormally && run.status == 1, "blocked or trapped: \(run.status)")
        #expect(run.stderr.contains("not a regular file"), "\(run.stderr)")
    }

    /// Sizes from the command line are checked before anything is allocated.
    @Test(arguments: [
        (["data", "synth", "--bars", "100000000000"], "100000000000 bars would take about 4.3 TiB"),
        (["compare", "x.csv", "--periods-per-year", "365", "--bootstrap-reps", "100000000000"],
         "--bootstrap-reps: 100000000000 bootstrap replicates would take about 1.4 TiB"),
    ])
    func hugeCountsAreRefusedWithTheirCost(_ arguments: [String], _ message: String) throws {
        let run = try CLI.run(arguments, timeout: 60)
        #expect(run.exitedNormally && run.status == 1, "status \(run.status)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// Hostile numbers on the command line end in an error naming the option or parameter,
    /// never a trap (an Int.max indicator period used to trap converting to Int).
    @Test(arguments: [
        (["indicator", "SMA", "--data", "datasets/btcusdt_1d.csv", "--param", "timeperiod=9223372036854775807"], "timeperiod"),
        (["indicator", "SMA", "--data", "datasets/btcusdt_1d.csv", "--param", "timeperiod=-1e300"], "timeperiod"),
        (["indicator", "SMA", "--data", "datasets/btcusdt_1d.csv", "--param", "timeperiod=nan"], "timeperiod"),
        (["backtest", "--data", "datasets/btcusdt_1d.csv", "--strategy", "sma_cross", "--lot-size", "inf", "--out", "/nonexistent/o"],
         "lot size"),
        (["backtest", "--data", "datasets/btcusdt_1d.csv", "--strategy", "sma_cross", "--cash", "nan", "--out", "/nonexistent/o"],
         "initial cash"),
        (["backtest", "--data", "datasets/btcusdt_1d.csv", "--strategy", "sma_cross", "--leverage", "inf", "--out", "/nonexistent/o"],
         "leverage"),
        (["backtest", "--data", "datasets/btcusdt_1d.csv", "--strategy", "sma_cross", "--param", "fast=99999999999999999999",
          "--out", "/nonexistent/o"], "fast"),
        (["backtest", "--data", "datasets/btcusdt_1d.csv", "--strategy", "sma_cross", "--calendar", "1e308", "--out", "/nonexistent/o"],
         "--calendar"),
        (["data", "synth", "--bars", "10", "--price", "nan"], "initial price"),
        (["data", "synth", "--bars", "10", "--model", "bootstrap", "--source", "datasets/btcusdt_1d.csv", "--block", "9223372036854775807"],
         "block length"),
    ])
    func hostileCommandLineNumbersNeverTrap(_ arguments: [String], _ named: String) throws {
        let run = try CLI.run(arguments, timeout: 120)
        #expect(run.exitedNormally, "\(arguments): signal \(run.status)")
        #expect(run.status == 1 || run.status == 64, "\(arguments): status \(run.status)")
        #expect(run.stderr.contains(named), "\(arguments): \(run.stderr)")
    }

    /// A results store that is not Crucible's is reported in a line, not with its SQL.
    @Test func aForeignStoreIsReportedBriefly() throws {
        let workspace = try HostileWorkspace()
        defer { workspace.remove() }
        let spec = try workspace.write(HostileWorkspace.base)
        let folder = workspace.path("foreign")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try Data("not a database at all, just text that is long enough to be a header".utf8)
            .write(to: folder.appendingPathComponent("results.sqlite"))
        let run = try CLI.run(["run", spec, "--quiet", "--out", folder.path, "--resume"])
        #expect(run.exitedNormally && run.status == 1, "\(run.status)")
        #expect(run.stderr.count < 400, "\(run.stderr)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"))
    }
}
