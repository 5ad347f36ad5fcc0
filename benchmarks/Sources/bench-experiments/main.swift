// bench-experiments: a large SMA-crossover grid through the whole experiment runner (trials
// evaluated on all threads, every trial committed to results.sqlite, top-K curves, ranked.csv,
// summary.json), reporting wall time, trials per second and peak resident memory.
//
//   swift run -c release --package-path benchmarks bench-experiments --trials 1000000 --days 30
import Experiments
import BenchSupport
import Foundation

let trials = option("--trials", 1_000_000)
let days = option("--days", 30)
let threads = option("--threads", ProcessInfo.processInfo.activeProcessorCount)
// fast 1…50 × slow 51…250 (10,000 pairs, every one with fast < slow and both periods inside
// 30 days of hourly bars) × stop-loss levels 0, 0.001, … so that the product reaches `trials`.
let fastCount = 50, slowCount = 200
let stopLevels = max(1, trials / (fastCount * slowCount))
let end = "2024-12-31"
let startDate = Date(timeIntervalSince1970: 1_735_603_200 - Double(days) * 86_400)   // days before 2024-12-31
let formatter = ISO8601DateFormatter()
formatter.formatOptions = [.withFullDate]
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let out = FileManager.default.temporaryDirectory.appendingPathComponent("bench-experiments-\(UUID().uuidString)")
let text = """
    {"name": "bench", "seed": 1,
     "data": {"file": "\(root.path)/datasets/btcusdt_1h.csv", "start": "\(formatter.string(from: startDate))", "end": "\(end)"},
     "strategy": {"name": "sma_cross", "parameters": {
        "fast": {"min": 1, "max": \(fastCount)}, "slow": {"min": \(fastCount + 1), "max": \(fastCount + slowCount)},
        "stop_loss": {"min": 0, "max": \(Double(stopLevels - 1) / 1000), "step": 0.001}}},
     "engine": {"kind": "vectorized", "cash": 10000, "fees": {"taker_bps": 5}},
     "objective": {"metric": "sharpe_ratio", "direction": "maximize"},
     "optimizer": {"kind": "grid"},
     "output": {"folder": "\(out.path)", "top_k": 10}}
    """
do {
    let spec = try SpecDecoder.decode(Data(text.utf8), baseDirectory: root)
    let clock = ContinuousClock()
    let started = clock.now
    let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: threads))
    let elapsed = clock.now - started
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    let store = (try? FileManager.default.attributesOfItem(atPath: outcome.folder.storePath)[.size] as? Int) ?? 0
    print("trials            \(outcome.trials) (\(fastCount) fast × \(slowCount) slow × \(stopLevels) stop-loss, \(days) days of 1h bars)")
    print("threads           \(threads)")
    print(String(format: "wall time         %.1f s", seconds))
    print(String(format: "trials per second %.0f", Double(outcome.trials) / seconds))
    print(String(format: "peak RSS (VmHWM)  %.0f MiB (goal < 1024 MiB)", peakRSS()))
    print(String(format: "results.sqlite    %.0f MiB", Double(store) / 1_048_576))
    try? FileManager.default.removeItem(at: out)
} catch {
    print("bench-experiments: \(error)")
    exit(1)
}
