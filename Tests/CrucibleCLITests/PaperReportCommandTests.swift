import Foundation
import Testing
import TestSupport

/// `crucible paper report` as a user runs it: after a replay it writes the report and exits 0;
/// against other bars it still writes it and exits 3; a state file that does not exist is an
/// error naming it.
@Suite struct PaperReportCommandTests {
    @Test func reportsAgreementAndDifferenceWithItsExitStatus() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("paper.sqlite").path
        let made = try CLI.run(["paper", PaperCommandTests.spec] + PaperCommandTests.point
                               + ["--feed", "replay:datasets/btcusdt_1d.csv", "--state", state, "--quiet"])
        #expect(made.status == 0, "\(made.stderr)")
        let same = try CLI.run(["paper", "report", state, "--data", "datasets/btcusdt_1d.csv"])
        #expect(same.status == 0, "\(same.stderr)")
        #expect(same.stdout.contains("paper and backtest agree on all 2101 bars"))
        let html = try String(contentsOfFile: folder.appendingPathComponent("paper.html").path, encoding: .utf8)
        #expect(html.contains("Paper against backtest"))

        // The same bars with every close after the first 1,000 days 2% higher.
        let lines = try String(contentsOf: Fixtures.dataset("btcusdt_1d.csv"), encoding: .utf8).split(separator: "\n")
        let changed = lines.enumerated().map { k, line -> String in
            guard k > 1_000 else { return String(line) }
            var f = line.split(separator: ",").map(String.init)
            let close = Double(f[4])! * 1.02
            f[2] = "\(max(Double(f[2])!, close))"; f[4] = "\(close)"
            return f.joined(separator: ",")
        }
        let other = folder.appendingPathComponent("other.csv").path
        try changed.joined(separator: "\n").write(toFile: other, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("other.html").path
        let differ = try CLI.run(["paper", "report", state, "--data", other, "--out", out])
        #expect(differ.status == 3, "\(differ.stderr)")
        #expect(differ.stdout.contains("paper and backtest differ"))
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Fills that differ"))

        let missing = try CLI.run(["paper", "report", folder.appendingPathComponent("none.sqlite").path, "--data", other])
        #expect(missing.status != 0 && missing.stderr.contains("none.sqlite") && missing.stderr.contains("no such file"))
    }
}
