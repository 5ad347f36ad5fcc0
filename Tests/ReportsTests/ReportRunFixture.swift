import Experiments
import Foundation
import Reports
import TestSupport

/// A tiny experiment run end to end for report tests: two months of the bundled hourly BTC
/// bars copied into a temporary folder (so a test may tamper with them), a spec built from
/// JSON, and `ExperimentRunner` writing a results folder next to them.
struct ReportRunFixture {
    let root: URL
    let dataURL: URL
    let runFolder: URL

    /// Runs `sections` (extra top-level spec members: `walk_forward`, `monte_carlo`, `compare`,
    /// `ml`) with `parameters` searched by `optimizer`; `strategyExtras` are more members of
    /// `strategy` (`exits`, `sizing`, `risk`), each followed by a comma. `strategy`, when given,
    /// is the whole `strategy` object instead of the sma_cross one (`parameters` and
    /// `strategyExtras` are then unused).
    init(parameters: String, optimizer: String, sections: String = "", strategyExtras: String = "", strategy: String? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        dataURL = root.appendingPathComponent("btc_slice.csv")
        let source = try String(contentsOf: Fixtures.dataset("btcusdt_1h.csv"), encoding: .utf8)
        let start: Int64 = 1_672_531_200_000, end: Int64 = 1_677_628_800_000 // 2023-01-01 to 2023-03-01 UTC
        let lines = source.split(separator: "\n").enumerated().filter { k, line in
            guard k > 0, let ts = Int64(line.prefix { $0 != "," }) else { return k == 0 }
            return ts >= start && ts < end
        }.map(\.element)
        try (lines.joined(separator: "\n") + "\n").write(to: dataURL, atomically: true, encoding: .utf8)
        let strategyJSON = strategy ?? #"{\#(strategyExtras) "name": "sma_cross", "parameters": {\#(parameters)}, "constraints": ["fast < slow"]}"#
        let text = """
            {
              "name": "report_fixture", "seed": 11,
              "data": {"file": "btc_slice.csv", "validation": "fail"},
              "strategy": \(strategyJSON),
              "engine": {"kind": "vectorized", "cash": 10000, "fees": {"maker_bps": 2, "taker_bps": 5},
                         "slippage": {"model": "fixed_bps", "bps": 1}, "fill": "next_open", "intrabar": "worst_case"},
              "objective": {"metric": "sharpe_ratio", "direction": "maximize"},
              "optimizer": \(optimizer),
              \(sections)
              "output": {"folder": "\(root.appendingPathComponent("results").path)", "top_k": 3}
            }
            """
        let spec = try SpecDecoder.decode(Data(text.utf8), baseDirectory: root)
        let outcome = try ExperimentRunner.run(spec: spec, specText: text,
                                               options: RunOptions(threads: 2, out: root.appendingPathComponent("run").path))
        runFolder = outcome.folder.url
    }

    /// The report of the run as HTML text.
    func render() throws -> String {
        try ReportBuilder(folder: runFolder, specDirectories: [root]).document().render()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
