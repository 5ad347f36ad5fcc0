import Foundation
import Testing
import TestSupport

/// `crucible backtest --spec`: one point of a spec through the runner's trial path, so its
/// metrics.json gives the figures of that point's row in the run's ranked.csv.
@Suite struct BacktestSpecCommandTests {
    static func spec(_ strategy: [String: Any], engine: String, output: URL) -> [String: Any] {
        [
            "name": "point",
            "seed": 3,
            "data": ["file": Fixtures.dataset("btcusdt_1h.csv").path, "start": "2021-01-01", "end": "2021-04-01"],
            "strategy": strategy,
            "engine": ["kind": engine, "cash": 5_000, "fees": ["taker_bps": 7], "slippage": ["model": "fixed_bps", "bps": 2]],
            "objective": ["metric": "sharpe_ratio", "direction": "maximize"],
            "optimizer": ["kind": "grid"],
            "output": ["folder": output.path, "top_k": 2],
        ]
    }

    static var rules: [String: Any] { [
        "rules": ["long_entry": "crosses_above(ema(close, fast), ema(close, slow))",
                  "short_entry": "crosses_below(ema(close, fast), ema(close, slow))"],
        "parameters": ["fast": ["values": [5, 12]], "slow": ["values": [40, 80]], "k": ["values": [1.5, 3]]],
        "exits": ["stop_loss": "k * atr(high, low, close, 14) / close", "trailing_stop": 0.04],
        "risk": ["daily_loss": 0.03],
    ] }

    static var builtIn: [String: Any] { [
        "name": "sma_cross",
        "parameters": ["fast": ["values": [5, 12]], "slow": ["values": [40, 80]], "sl": ["values": [0.01, 0.03]]],
        "exits": ["stop_loss": "sl", "take_profit": "3 * atr(high, low, close, 14) / close"],
        "sizing": ["rule": "vol_target", "target": 0.5, "window": 48],
    ] }

    /// The text of the top-level member `name` of metrics.json (one member per line).
    static func topLevelNumber(_ name: String, in text: String) -> String? {
        let prefix = "  \"\(name)\": "
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        var value = line.dropFirst(prefix.count)
        if value.hasSuffix(",") { value = value.dropLast() }
        return String(value)
    }

    static func ranked(_ folder: URL) throws -> (header: [String], rows: [[String]]) {
        let lines = try String(contentsOf: folder.appendingPathComponent("ranked.csv"), encoding: .utf8).split(separator: "\n")
        let split = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (split[0], Array(split.dropFirst()))
    }

    @Test(arguments: [("rules", "vectorized"), ("rules", "event"), ("built_in", "vectorized"), ("built_in", "event")])
    func metricsEqualTheRankedRowOfThePoint(_ kind: String, _ engine: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let specURL = folder.appendingPathComponent("spec.json")
        let json = Self.spec(kind == "rules" ? Self.rules : Self.builtIn, engine: engine, output: folder)
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: specURL)
        let run = try CLI.run(["run", specURL.path, "--quiet", "--threads", "2", "--out", folder.appendingPathComponent("run").path])
        #expect(run.status == 0, "\(run.stderr)")
        let (header, rows) = try Self.ranked(folder.appendingPathComponent("run"))
        let names = ["fast", "k", "slow", "sl"].filter(header.contains)
        #expect(names.count == 3)
        // The grid's 8 points; the top 4 rerun alone give their rows.
        #expect(rows.count == 8)
        for row in rows.prefix(4) {
            func field(_ name: String) -> String { row[header.firstIndex(of: name)!] }
            let out = folder.appendingPathComponent("point-\(field("trial"))")
            let backtest = try CLI.run(["backtest", "--spec", specURL.path] + names.flatMap { ["--param", "\($0)=\(field($0))"] }
                                       + ["--out", out.path])
            #expect(backtest.status == 0, "\(backtest.stderr)")
            let metrics = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("metrics.json")))
                                       as? [String: Any])
            let parameters = try #require(metrics["parameters"] as? [String: Any])
            for name in names { #expect(Double("\(parameters[name]!)") == Double(field(name)), "\(name)") }
            // Every figure both files name: the same number, or undefined in both (the numbers
            // read as written: JSONSerialization's doubles are not always the nearest).
            let text = try String(contentsOf: out.appendingPathComponent("metrics.json"), encoding: .utf8)
            var compared = 0
            for (column, name) in header.enumerated() where name != "total_fees" && metrics[name] != nil {
                let written = Self.topLevelNumber(name, in: text)
                #expect(written == (row[column].isEmpty ? "null" : row[column]) || Double(written ?? "") == Double(row[column]),
                        "trial \(field("trial")) \(name): \(row[column]) vs \(written ?? "-")")
                compared += 1
            }
            #expect(compared >= 17, "metrics compared: \(compared)")
            // ranked.csv's total_fees are the closed trades' fees (trades.csv rows with an exit).
            let trades = try String(contentsOf: out.appendingPathComponent("trades.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
                .map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let closedFees = trades.filter { !$0[2].isEmpty }.map { Double($0[6])! }.reduce(0, +)
            #expect(abs(closedFees - Double(field("total_fees"))!) <= 1e-9 * max(closedFees, 1))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("events.csv").path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("equity.csv").path))
        }
    }

    @Test func missingAndForeignOptionsAreClearErrors() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let specURL = folder.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: Self.spec(Self.rules, engine: "vectorized", output: folder), options: [.sortedKeys])
            .write(to: specURL)
        let missing = try CLI.run(["backtest", "--spec", specURL.path, "--param", "fast=5", "--out", folder.appendingPathComponent("a").path])
        #expect(missing.status == 1)
        #expect(missing.stderr == "--param: the spec searches k, slow; give --param k=VALUE --param slow=VALUE\n")
        let foreign = try CLI.run(["backtest", "--spec", specURL.path, "--cash", "100", "--engine", "event", "--out", folder.path])
        #expect(foreign.status != 0)
        #expect(foreign.stderr.contains("--engine, --cash: not with --spec"), "\(foreign.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("a").path))
    }
}
