import BenchSupport
import Foundation
import Learning
import MarketData

// bench-learning: XGBoost training on a 50-feature matrix of BTC 1h (61k rows), and the whole
// pipeline: 5-fold purged CV + 60 walk-forward refits of a 200-round model, plus the final fit.
// Usage: swift run -c release --package-path benchmarks bench-learning [--data PATH] [--threads N]
//        [--runs N] [--only train|pipeline] [--dump FILE]
// --dump writes the feature matrix and labels for benchmarks/peers/learning_peers.py, so the
// Python package trains on exactly the same numbers.

let dataPath = option("--data") ?? "datasets/btcusdt_1h.csv"
let threads = option("--threads", 2)
let runs = option("--runs", 3)
let only = option("--only")
func wanted(_ part: String) -> Bool { only == nil || only == part }

let bars = try CSVBarReader.read(path: dataPath)
let n = bars.count
let close = bars.close, volume = bars.volume

/// 50 causal features (each at bar i reads bars ≤ i; NaN during warm-up): 20 lagged returns,
/// 12 rolling volatilities, 12 volume ratios, 4 range/position features, hour and weekday.
func column(_ f: (Int) -> Double) -> [Double] { (0..<n).map(f) }
var features = FeatureMatrix(timestamps: bars.ts)
for k in 1...20 {
    try features.append(name: "ret\(k)", source: "close / prev(close, \(k)) - 1", column { $0 >= k ? close[$0] / close[$0 - k] - 1 : .nan })
}
let ret1 = column { $0 >= 1 ? close[$0] / close[$0 - 1] - 1 : .nan }
for w in [4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 168, 336] {
    var sums = [Double](repeating: .nan, count: n)
    var s = 0.0, s2 = 0.0
    for i in 1..<n {
        s += ret1[i]; s2 += ret1[i] * ret1[i]
        if i > w { s -= ret1[i - w]; s2 -= ret1[i - w] * ret1[i - w] }
        if i >= w { let m = s / Double(w); sums[i] = max(0, s2 / Double(w) - m * m).squareRoot() }
    }
    try features.append(name: "vol\(w)", source: "stdev(close / prev(close, 1) - 1, \(w))", sums)
}
for w in [3, 6, 12, 24, 48, 72, 96, 120, 168, 240, 336, 500] {
    var out = [Double](repeating: .nan, count: n)
    var s = 0.0
    for i in 0..<n {
        s += volume[i]
        if i >= w { s -= volume[i - w] }
        if i >= w - 1, s > 0 { out[i] = volume[i] / (s / Double(w)) }
    }
    try features.append(name: "vr\(w)", source: "volume / sma(volume, \(w))", out)
}
try features.append(name: "range", source: "(high - low) / close", column { (bars.high[$0] - bars.low[$0]) / close[$0] })
try features.append(name: "body", source: "(close - open) / open", column { (close[$0] - bars.open[$0]) / bars.open[$0] })
for w in [24, 168] {
    try features.append(name: "pos\(w)", source: "position of close in its \(w)-bar range", column { i in
        guard i >= w - 1 else { return .nan }
        var lo = Double.infinity, hi = -Double.infinity
        for j in (i - w + 1)...i { lo = min(lo, bars.low[j]); hi = max(hi, bars.high[j]) }
        return hi > lo ? (close[i] - lo) / (hi - lo) : 0.5
    })
}
try features.append(name: "hour", source: "hour()", column { Double((bars.ts[$0] / 3_600_000) % 24) })
try features.append(name: "weekday", source: "weekday()", column { Double(((bars.ts[$0] / 86_400_000) + 4) % 7) })
precondition(features.columnCount == 50)

let label = LabelSpec.forwardReturnSign(horizon: 24)
let params: [String: ParameterValue] = ["max_depth": .number(4), "eta": .number(0.05), "num_round": .number(200),
                                        "subsample": .number(0.8), "seed": .number(7)]
let labels = try Labels(label, bars: bars)
let complete = features.completeRows()
let rows = (0..<n).filter { complete[$0] && !labels.values[$0].isNaN }
let targets = rows.map { labels.values[$0] }
print("bench-learning: \(n) bars from \(dataPath), 50 features, \(rows.count) usable rows, label forward_return_sign(24)")

if let path = option("--dump") {
    // Little-endian: Int64 rows, Int64 columns, then row-major Double features, then Double labels.
    var bytes: [UInt8] = []
    for v in [Int64(rows.count), Int64(features.columnCount)] { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    for i in rows { for j in 0..<features.columnCount { withUnsafeBytes(of: features.values[j * n + i].bitPattern.littleEndian) { bytes += $0 } } }
    for y in targets { withUnsafeBytes(of: y.bitPattern.littleEndian) { bytes += $0 } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    print("wrote \(rows.count) × \(features.columnCount) matrix and labels to \(path)")
}

if wanted("train") {
    let parameters = try ModelParameters(kind: .xgboost, params: params, task: .classification)
    var walls: [Double] = [], cpus: [Double] = []
    for _ in 0..<runs {
        let (w0, c0) = (now(), cpuTime())
        _ = try TrainedModel.fit(parameters, features: features, rows: rows, targets: targets)
        walls.append(now() - w0); cpus.append(cpuTime() - c0)
    }
    print(String(format: "xgboost fit, 200 rounds, depth 4, hist, nthread=1 (incl. matrix build): median %.2f s wall, %.2f s CPU (runs: %@)",
                 walls.sorted()[runs / 2], cpus.sorted()[runs / 2], walls.map { String(format: "%.2f", $0) }.joined(separator: ", ")))
}

if wanted("pipeline") {
    // One year of training, then 60 equal test windows over the rest.
    let train = 8_760
    let test = (n - train + 59) / 60
    let spec = ModelSpec(kind: .xgboost, params: params, label: label, validation: .purgedKFold(folds: 5, embargo: 24),
                         retrain: RetrainSpec(train: train, test: test))
    let (w0, c0) = (now(), cpuTime())
    let outcome = try ModelTrainer.train(features: features, bars: bars, config: spec, threads: threads)
    let (wall, cpu) = (now() - w0, cpuTime() - c0)
    let cv = outcome.crossValidationOverall!, wf = outcome.walkForwardOverall!
    print(String(format: "pipeline: 5-fold purged CV (embargo 24) + %d walk-forward refits (train %d, test %d bars) + final fit, %d threads: %.1f s wall, %.1f s CPU",
                 outcome.walkForward.count, train, test, threads, wall, cpu))
    print(String(format: "  CV AUC %.4f log loss %.4f; walk-forward AUC %.4f log loss %.4f on %d out-of-sample bars",
                 cv.auc ?? .nan, cv.logLoss ?? .nan, wf.auc ?? .nan, wf.logLoss ?? .nan, wf.testRows))
}
