import Experiments
import Foundation
import MarketData

extension ReportBuilder {
    /// Comparison: the chosen strategy and its rivals side by side, then the tests' p-values.
    /// Nil when the run has no compare stage.
    func comparisonSection() throws(ReportError) -> HTMLSection? {
        let text: String?
        do { text = try results.store.comparison(runID: results.runID) } catch { throw .store(error.description) }
        guard let text else { return nil }
        guard case let .object(root)? = try? JSONValue.parse(Data(text.utf8)),
              case let .object(metrics)? = root["metrics"] else {
            throw .malformed(path: results.store.path, reason: "the stored comparison is not the expected JSON object")
        }
        // The chosen strategy, then the rivals in spec order (the first is the benchmark), then anything else.
        let rivals = results.spec.compare?.against.map(\.name) ?? []
        func order(_ name: String) -> (Int, Int, String) {
            if name.hasPrefix("best_") { return (0, 0, name) }
            if let k = rivals.firstIndex(of: name) { return (1, k, name) }
            return (2, 0, name)
        }
        let columns = metrics.keys.sorted { order($0) < order($1) }
        var names: [String] = []
        for column in columns {
            if case let .object(values)? = metrics[column] { names += values.keys.filter { !names.contains($0) } }
        }
        names.sort()
        let rows: [[HTMLTable.Cell]] = names.map { name in
            [.text(ReportText.label(name))] + columns.map { column in
                guard case let .object(values)? = metrics[column] else { return .figure("n/a") }
                return ReportText.cell(values[name]?.doubleValue, metric: name)
            }
        }
        var blocks: [HTMLBlock] = [.table(HTMLTable(columns: ["Metric"] + columns, rows: rows,
                                                    caption: "Per-bar returns lined up on common bars; best_… is this run's chosen strategy"))]
        if case let .object(tests)? = root["tests"] { blocks += testBlocks(tests, columns: columns) }
        if case let .array(notes)? = root["notes"] {
            for case let .string(note) in notes { blocks.append(.paragraph(note)) }
        }
        return HTMLSection(title: "Comparison", blocks: blocks)
    }

    private func testBlocks(_ tests: [String: JSONValue], columns: [String]) -> [HTMLBlock] {
        var blocks: [HTMLBlock] = []
        if case let .object(paired)? = tests["paired_vs_benchmark"] {
            let keys = [("ttest_pvalue", "t-test"), ("ttest_holm", "t-test (Holm)"), ("ttest_fdr_bh", "t-test (BH)"),
                        ("wilcoxon_pvalue", "Wilcoxon"), ("jobson_korkie_memmel_pvalue", "Jobson-Korkie-Memmel")]
            let rows: [[HTMLTable.Cell]] = paired.keys.sorted().map { strategy in
                guard case let .object(p)? = paired[strategy] else { return [.text(strategy)] }
                return [.text(strategy)] + keys.map { key, _ in p[key]?.doubleValue.map { .number($0, decimals: 4) } ?? .figure("-") }
            }
            blocks.append(.table(HTMLTable(columns: ["Against the benchmark"] + keys.map(\.1), rows: rows, caption: "Paired tests: p-values")))
        }
        var rows: [(key: String, value: String)] = []
        if case let .object(spa)? = tests["spa"], case let .object(p)? = spa["pvalues"] {
            let shown = ["lower", "consistent", "upper"].map { "\($0) \(p[$0]?.doubleValue.map { NumberText.fixed($0, decimals: 4) } ?? "n/a")" }
            rows.append(("SPA p-values (benchmark \(Self.compact(spa["benchmark"] ?? .null)))", shown.joined(separator: ", ")))
        }
        if case let .object(rc)? = tests["reality_check"], let p = rc["pvalue"]?.doubleValue {
            rows.append(("White's reality check p-value", NumberText.fixed(p, decimals: 4)))
        }
        if case let .object(stepM)? = tests["stepm"], let superior = stepM["superior"] {
            let list = Self.compact(superior)
            rows.append(("StepM: better than the benchmark", list.isEmpty ? "none" : list))
        }
        if case let .object(mcs)? = tests["mcs"], let included = mcs["included"] {
            rows.append(("Model confidence set", Self.compact(included)))
        }
        if case let .object(dsr)? = tests["deflated_sharpe_ratio"], let value = dsr["value"]?.doubleValue {
            rows.append(("Deflated Sharpe ratio of \(Self.compact(dsr["best"] ?? .null))", NumberText.fixed(value, decimals: 3)))
        }
        if !rows.isEmpty {
            blocks.append(.keyValues(rows))
            blocks.append(.note("Small p-values (below the spec's alpha) say a strategy beat the benchmark by more than luck allows; the model confidence set holds the strategies that cannot be told apart from the best."))
        }
        return blocks
    }
}
