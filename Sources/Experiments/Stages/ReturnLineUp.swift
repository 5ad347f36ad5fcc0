import Analytics
import Foundation

/// Per-period return series of several strategies lined up on their common timestamps: the
/// input Analytics' `StrategyComparison` takes, from runs or from result folders.
///
/// Semantics: a series is (timestamps, simple returns), one return per timestamp. Only
/// timestamps every series holds are kept, in increasing order; `droppedRows` counts the
/// timestamps some series lacks. Duplicate names get `#2`, `#3`… in order.
public struct ReturnSeries: Sendable, Equatable {
    public var name: String
    public var timestamps: [Int64]
    public var returns: [Double]

    public init(name: String, timestamps: [Int64], returns: [Double]) {
        precondition(timestamps.count == returns.count, "one return per timestamp")
        self.name = name; self.timestamps = timestamps; self.returns = returns
    }

    /// The returns of an equity curve: at each timestamp after the first, e_k / e_{k−1} − 1.
    public init(name: String, timestamps: [Int64], equity: [Double]) {
        self.init(name: name, timestamps: Array(timestamps.dropFirst()),
                  returns: equity.indices.dropFirst().map { equity[$0] / equity[$0 - 1] - 1 })
    }

    /// The series lined up as a `ReturnTable`.
    public static func table(_ series: [ReturnSeries]) -> ReturnTable {
        var names: [String] = []
        for s in series {
            var name = s.name, n = 1
            while names.contains(name) { n += 1; name = "\(s.name)#\(n)" }
            names.append(name)
        }
        var common = Set(series.first?.timestamps ?? [])
        var all = common
        for s in series.dropFirst() {
            let ts = Set(s.timestamps)
            common.formIntersection(ts)
            all.formUnion(ts)
        }
        let timestamps = common.sorted()
        let columns = series.map { s -> [Double] in
            let at = Dictionary(zip(s.timestamps, s.returns), uniquingKeysWith: { first, _ in first })
            return timestamps.map { at[$0]! }
        }
        return ReturnTable(timestamps: timestamps, names: names, columns: columns, droppedRows: all.count - common.count)
    }

    /// The chosen strategy's returns of a result folder: the stitched out-of-sample curve of its
    /// walk-forward when it had one, else the best trial's stored equity; named after the run.
    public static func chosen(resultFolder path: String) throws(RunError) -> ReturnSeries {
        let finished = try FinishedRun(resultFolder: path)
        let store = finished.store, run = finished.run
        do throws(StoreError) {
            if let oos = try store.outOfSampleEquity(runID: run.id) {
                return ReturnSeries(name: run.name, timestamps: oos.timestamps, equity: oos.equity)
            }
            var best: Int?
            try store.rankedTrials(runID: run.id, limit: 1) { _, trial in best = trial.id }
            if let best, let curves = try store.curves(runID: run.id, trialID: best), curves.equity.count > 1 {
                return ReturnSeries(name: run.name, timestamps: curves.timestamps, equity: curves.equity)
            }
        } catch {
            throw .store(error)
        }
        throw .output("\(path): the run holds no equity of its best trial")
    }
}
