import Foundation
import Testing

/// A problem with an input file is reported as that (exit status 1, the file named, no usage
/// text), by every command that reads one; a wrong option is a usage error (exit status 64).
@Suite struct DataErrorExitTests {
    static let missing = "/nonexistent/crucible-missing.csv"

    @Test(arguments: [
        ["data", "validate", missing],
        ["backtest", "--data", missing, "--strategy", "sma_cross", "--out", "/nonexistent/out"],
        ["indicator", "MACD", "--data", missing],
        ["compare", missing, "--periods-per-year", "365"],
    ])
    func missingFileIsADataError(arguments: [String]) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains(Self.missing), "\(run.stderr)")
        #expect(!run.stderr.contains("Usage:"), "\(run.stderr)")
    }

    @Test func unknownOptionValueIsAUsageError() throws {
        let run = try CLI.run(["backtest", "--data", "datasets/btcusdt_1d.csv", "--strategy", "sma_cross",
                               "--engine", "warp", "--out", "/nonexistent/out"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("warp"), "\(run.stderr)")
    }
}
