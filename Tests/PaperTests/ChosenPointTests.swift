import Experiments
import Foundation
import Paper
import Testing
import TestSupport

/// `--from-run`: the point a finished run chose is its best-ranked successful trial, as
/// ranked.csv lists it, and a paper run at it is the batch backtest of that point.
@Suite struct ChosenPointTests {
    @Test func theBestTrialOfASearch() throws {
        let data = Fixtures.dataset("btcusdt_1d.csv")
        var (spec, text) = try PaperHarness.spec(
            strategy: ["name": "sma_cross", "parameters": ["fast": ["values": [5, 10, 15]], "slow": ["values": [30, 60]]]] as [String: Any],
            data: data)
        spec.engine.kind = .vectorized
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-paper-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: out.path))
        let chosen = try ChosenPoint.of(resultFolder: outcome.folder.url.path)

        let lines = try String(contentsOf: outcome.folder.url.appendingPathComponent("ranked.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let best = try #require(lines.dropFirst().first { $0[header.firstIndex(of: "status")!] == "ok" })
        // ranked.csv has a column per parameter of the space, the fixed ones (defaults) too.
        let names = chosen.assignments.map(\.name)
        #expect(names.prefix(2) == ["fast", "slow"] && names.allSatisfy(header.contains))
        #expect(chosen.assignments.map(\.value) == names.map { best[header.firstIndex(of: $0)!] })
        #expect(chosen.specText == text)

        let strategy = try PaperStrategy(spec: spec, values: SpecBacktest.point(spec, chosen.assignments))
        try PaperParityTests.check(strategy, text: text, data: data)
    }

    @Test func aFolderWithoutResultsIsRefused() {
        #expect(throws: RunError.self) { try ChosenPoint.of(resultFolder: "/nonexistent/run") }
    }
}
