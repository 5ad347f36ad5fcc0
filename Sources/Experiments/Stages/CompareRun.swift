import Analytics
import Foundation
import MarketData

/// The compare stage of a run: the chosen strategy against the spec's rivals with Analytics'
/// `StrategyComparison`, written to `compare.txt`, `compare.json`, the store and `summary.json`.
///
/// Semantics: the chosen strategy's returns are the stitched out-of-sample returns of the
/// walk-forward when the run has one, else the best trial's per-bar returns over the data; each
/// rival runs with its fixed parameters under the spec's engine settings over the whole data,
/// and the series are lined up on their common bars (`ReturnSeries.table`). The column of the
/// chosen strategy is `best_<strategy>`; the first rival is the benchmark of SPA, reality
/// check, StepM and the paired tests; the model confidence set (size `alpha`) covers every
/// column. Bootstraps use `bootstrap` replicates, mean block 10 bars, the run's seed. Tests not
/// listed in `tests` are left out of the report.
enum CompareRun {
    static func run(spec: ExperimentSpec, compare: CompareSpec, chosen: ReturnSeries, bars: BarSeries,
                    folder: ResultsFolder, store: ResultsStore, runID: String) throws(RunError) -> JSONText {
        let evaluator = TrialEvaluator(spec: spec, bars: bars)
        var series = [chosen]
        for rival in compare.against {
            do {
                let result = try evaluator.backtest(parameters: rival.parameters)
                series.append(ReturnSeries(name: rival.name, timestamps: result.timestamps,
                                           returns: BacktestMetrics.returns(result, initialCash: spec.engine.config.initialCash)))
            } catch { throw .data("compare: rival \(rival.name): \(error)") }
        }
        let table = ReturnSeries.table(series)
        let options = ComparisonOptions(periodsPerYear: bars.periodsPerYear, benchmark: table.names[1],
                                        replicates: compare.bootstrap, blockSize: 10, seed: spec.seed,
                                        stepMSize: compare.alpha, mcsSize: compare.alpha)
        let report: ComparisonReport
        do { report = only(compare.tests, in: try StrategyComparison.run(table, options: options)) } catch {
            throw .data("compare: \(error)")
        }
        let json: Data
        do { json = try report.jsonData() } catch { throw .output("compare: \(error)") }
        let text = String(decoding: json, as: UTF8.self)
        do {
            try Data(report.text().utf8).write(to: folder.url.appendingPathComponent("compare.txt"), options: .atomic)
            try json.write(to: folder.url.appendingPathComponent("compare.json"), options: .atomic)
        } catch { throw .output("compare: \(error)") }
        do { try store.record(runID: runID, comparison: text) } catch { throw .store(error) }
        guard let value = try? JSONValue.parse(json) else { throw .output("compare: the report is not JSON") }
        return JSONText(value)
    }

    /// The report with the tests `tests` does not list removed.
    static func only(_ tests: [CompareTest], in report: ComparisonReport) -> ComparisonReport {
        var r = report
        if !tests.contains(.spa) && !tests.contains(.realityCheck) { r.spa = nil }
        if !tests.contains(.stepM) { r.stepM = nil }
        if !tests.contains(.modelConfidenceSet) { r.mcs = nil }
        r.paired = r.paired.map { row in
            var p = row
            if !tests.contains(.pairedT) { p.tTestPValue = nil; p.holmAdjusted = nil; p.benjaminiHochbergAdjusted = nil }
            if !tests.contains(.wilcoxon) { p.wilcoxonPValue = nil }
            if !tests.contains(.jobsonKorkieMemmel) { p.jobsonKorkieMemmelPValue = nil }
            return p
        }
        if !tests.contains(.pairedT) && !tests.contains(.wilcoxon) && !tests.contains(.jobsonKorkieMemmel) { r.paired = [] }
        return r
    }
}

extension JSONText {
    /// A parsed value as output JSON, object members in key order.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case let .bool(b): self = .bool(b)
        case let .integer(i): self = .int(i)
        case let .number(d): self = .number(d)
        case let .string(s): self = .string(s)
        case let .array(items): self = .array(items.map(JSONText.init))
        case let .object(members): self = .object(members.keys.sorted().map { ($0, JSONText(members[$0]!)) })
        }
    }
}
