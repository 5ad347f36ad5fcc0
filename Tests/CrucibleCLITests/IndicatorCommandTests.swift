import Foundation
import Testing
import TestSupport

/// `crucible indicator MACD` on the 3000-bar slice of the TA-Lib fixture, written to a CSV.
@Suite struct IndicatorCommandTests {
    @Test func macdMatchesTALibAndLeavesWarmUpEmpty() throws {
        let fixture = try #require(try Fixtures.json("indicators/btc_1h_talib.json") as? [String: Any])
        let input = try #require(fixture["input"] as? [String: [Any]])
        let ts = try #require(input["timestamp"] as? [Int64])
        let columns = try ["open", "high", "low", "close", "volume"].map { try #require(input[$0] as? [Double]) }
        var csv = "timestamp,open,high,low,close,volume\n"
        for i in ts.indices { csv += "\(ts[i])," + columns.map { "\($0[i])" }.joined(separator: ",") + "\n" }

        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("btcusdt_1h.csv"), out = folder.appendingPathComponent("macd.csv")
        try Data(csv.utf8).write(to: data)
        let run = try CLI.run(["indicator", "MACD", "--data", data.path, "--out", out.path])
        #expect(run.status == 0, "\(run.stderr)")

        let entries = try #require(fixture["indicators"] as? [[String: Any]])
        let macd = try #require(entries.first { $0["name"] as? String == "MACD" })
        let outputs = try #require(macd["outputs"] as? [String: [Any]])
        let tolerance = try #require(macd["tolerance"] as? [String: Double])
        let (absTol, relTol) = (tolerance["abs"] ?? 0, tolerance["rel"] ?? 0)

        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        #expect(header.first == "timestamp")
        #expect(Set(header.dropFirst()) == Set(outputs.keys))
        #expect(lines.count == ts.count + 1)
        for (name, expected) in outputs {
            let column = try #require(header.firstIndex(of: name))
            for (i, want) in expected.enumerated() {
                let cell = lines[i + 1][column]
                if let want = want as? Double {
                    let got = try #require(Double(cell), "\(name)[\(i)] = \"\(cell)\"")
                    #expect(abs(got - want) <= absTol + relTol * abs(want), "\(name)[\(i)]")
                } else {
                    #expect(cell.isEmpty, "\(name)[\(i)] should be an empty warm-up cell, is \"\(cell)\"")
                }
            }
        }
        #expect(lines[1..<34].allSatisfy { $0.dropFirst().allSatisfy(\.isEmpty) })
        #expect(lines[34].dropFirst().allSatisfy { !$0.isEmpty })
        #expect(lines.dropFirst().map { Int64($0[0]) } == ts)
    }
}
