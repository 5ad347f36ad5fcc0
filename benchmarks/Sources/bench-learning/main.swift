import BenchSupport
import Experiments
import Foundation
import Learning
import MarketData

// bench-learning: the 50-feature matrix of BTC 1h (61k bars) built by the product's feature
// path, XGBoost training on it, and the whole pipeline: 5-fold purged CV + 60 walk-forward
// refits of a 200-round model, plus the final fit.
// Usage: swift run -c release --package-path benchmarks bench-learning [--data PATH] [--threads N]
//        [--runs N] [--only features|train|pipeline] [--dump FILE] [--dump-features FILE]
// --dump writes the usable rows and labels for benchmarks/peers/learning_peers.py (XGBoost on
// exactly the same numbers); --dump-features writes the whole matrix for
// benchmarks/peers/feature_matrix_peer.py (pandas computing the same 50 columns).

let dataPath = option("--data") ?? "datasets/btcusdt_1h.csv"
let threads = option("--threads", 2)
let runs = option("--runs", 3)
let only = option("--only")
func wanted(_ part: String) -> Bool { only == nil || only == part }

let bars = try CSVBarReader.read(path: dataPath)
let n = bars.count

/// 50 causal features as strategy-language expressions (each at bar i reads bars ≤ i; NaN
/// during warm-up): 20 lagged returns, 12 rolling volatilities, 12 volume ratios, 4
/// range/position features, hour and weekday. The peer writes the same columns in pandas.
let expressions: [(name: String, text: String)] = {
    var expressions: [(name: String, text: String)] = []
    for k in 1...20 { expressions.append(("ret\(k)", "close / prev(close, \(k)) - 1")) }
    for w in [4, 6, 8, 12, 16, 24, 36, 48, 72, 96, 168, 336] { expressions.append(("vol\(w)", "stdev(close / prev(close, 1) - 1, \(w))")) }
    for w in [3, 6, 12, 24, 48, 72, 96, 120, 168, 240, 336, 500] { expressions.append(("vr\(w)", "volume / sma(volume, \(w))")) }
    expressions.append(("range", "(high - low) / close"))
    expressions.append(("body", "(close - open) / open"))
    for w in [24, 168] { expressions.append(("pos\(w)", "(close - lowest(low, \(w))) / (highest(high, \(w)) - lowest(low, \(w)))")) }
    expressions.append(("hour", "hour()"))
    expressions.append(("weekday", "weekday()"))
    // The spec decoder orders a model's features by name; so does this matrix.
    return expressions.sorted { $0.name < $1.name }
}()
precondition(expressions.count == 50)

/// The product path of `crucible ml train`: one compiled program, evaluated over the bars.
func featureMatrix(_ expressions: [(name: String, text: String)], _ bars: BarSeries) throws -> FeatureMatrix {
    let program = try MLModelSpec.compileFeatures(expressions, columns: [])
    return try MLModelSpec.featureMatrix(program, imported: [], bars: bars)
}

let features = try featureMatrix(expressions, bars)
print("bench-learning: \(n) bars from \(dataPath), \(features.columnCount) features")

if wanted("features") {
    var walls: [Double] = [], cpus: [Double] = []
    for _ in 0..<max(runs, 5) {
        let (w0, c0) = (now(), cpuTime())
        let m = try featureMatrix(expressions, bars)
        walls.append(now() - w0); cpus.append(cpuTime() - c0)
        precondition(m.names == features.names && m.values.elementsEqual(features.values) { $0.bitPattern == $1.bitPattern })
    }
    print(String(format: "feature matrix, %d features × %d bars (compile + evaluate, MLModelSpec.featureMatrix): median %.2f ms wall, %.2f ms CPU (runs: %@)",
                 features.columnCount, n, walls.sorted()[walls.count / 2] * 1e3, cpus.sorted()[cpus.count / 2] * 1e3,
                 walls.map { String(format: "%.2f", $0 * 1e3) }.joined(separator: ", ")))
}

if let path = option("--dump-features") {
    // Little-endian: Int64 rows, Int64 columns, per column Int64 name length + UTF-8 name, then
    // column-major Double values (NaN = missing).
    var bytes: [UInt8] = []
    func int64(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { bytes += $0 } }
    int64(n); int64(features.columnCount)
    for name in features.names { int64(name.utf8.count); bytes += Array(name.utf8) }
    for v in features.values { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes += $0 } }
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    print("wrote the \(n) × \(features.columnCount) feature matrix to \(path)")
}

let label = LabelSpec.forwardReturnSign(horizon: 24)
let params: [String: ParameterValue] = ["max_depth": .number(4), "eta": .number(0.05), "num_round": .number(200),
                                        "subsample": .number(0.8), "seed": .number(7)]
let labels = try Labels(label, bars: bars)
let complete = features.completeRows()
let rows = (0..<n).filter { complete[$0] && !labels.values[$0].isNaN }
let targets = rows.map { labels.values[$0] }
print("\(rows.count) usable rows, label forward_return_sign(24)")

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
