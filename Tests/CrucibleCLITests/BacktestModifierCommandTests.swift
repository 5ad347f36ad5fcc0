import Foundation
import Testing
import TestSupport

/// `crucible backtest --param` takes the modifiers for any strategy on both engines, prints the
/// risk counts and lists the events in events.csv.
@Suite struct BacktestModifierCommandTests {
    static let modifiers = ["sizing=vol_target", "vol_target=0.5", "vol_window=48", "trailing_stop=0.03", "max_bars=72",
                            "max_drawdown=0.15", "halt_bars=500", "daily_loss=0.03", "max_position=0.8"]

    /// Runs sma_cross with the modifiers on `engine`; returns stdout and the events.csv rows.
    static func run(_ engine: String, _ folder: URL) throws -> (stdout: String, events: [[String]], trades: Int) {
        var arguments = ["backtest", "--data", "datasets/btcusdt_1h.csv", "--strategy", "sma_cross", "--param", "fast=10",
                         "--param", "slow=50", "--engine", engine, "--out", folder.path]
        for m in modifiers { arguments += ["--param", m] }
        let run = try CLI.run(arguments)
        #expect(run.status == 0, "\(run.stderr)")
        let (header, rows) = try BacktestCommandTests.rows(folder.appendingPathComponent("events.csv"))
        #expect(header == ["ts", "bar", "symbol", "rule", "action", "value", "limit", "reason"])
        let trades = try BacktestCommandTests.rows(folder.appendingPathComponent("trades.csv")).rows.count
        return (run.stdout, rows, trades)
    }

    @Test func bothEnginesRecordTheSameEvents() throws {
        let a = try CLI.temporaryFolder(), b = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let event = try Self.run("event", a), vectorized = try Self.run("vectorized", b)
        #expect(!event.events.isEmpty, "the settings should fire")
        #expect(event.trades == vectorized.trades && event.trades > 10)
        // The same events (timestamp, bar, rule, action) in the same order.
        #expect(event.events.map { Array($0[0..<5]) } == vectorized.events.map { Array($0[0..<5]) })
        let rules = Set(event.events.map { $0[3] })
        #expect(rules.contains("max_drawdown") && rules.contains("daily_loss") && rules.contains("max_position"), "\(rules)")
        // The printed line counts what events.csv lists; metrics.json carries the same total.
        let line = try #require(event.stdout.split(separator: "\n").first { $0.hasPrefix("risk events: ") })
        let counted = line.split(separator: ";")[0].dropFirst("risk events: ".count).split(separator: ",").compactMap {
            Int($0.split(separator: " ").last ?? "")
        }.reduce(0, +)
        #expect(counted == event.events.count)
        let metrics = try CLI.object(Data(contentsOf: a.appendingPathComponent("metrics.json")))
        #expect(metrics["risk_events"] as? Int == event.events.count)
    }

    @Test func anUnknownModifierIsRefused() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["backtest", "--data", "datasets/btcusdt_1h.csv", "--strategy", "sma_cross", "--param", "trailing=0.05",
                               "--out", folder.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("trailing"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("trades.csv").path))
    }
}

extension BacktestModifierCommandTests {
    @Test func aSettingWithoutEffectIsRefused() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // vol_target sets the target of sizing=vol_target; alone it would change nothing.
        let run = try CLI.run(["backtest", "--data", "datasets/btcusdt_1h.csv", "--strategy", "ts_momentum", "--param", "vol_target=1.2",
                               "--out", folder.path])
        #expect(run.status != 0)
        #expect(run.stderr.contains("vol_target applies to sizing=vol_target"), "\(run.stderr)")
    }
}
