import Foundation

extension ComparisonReport {
    /// The report as JSON: `{"metrics": {column: {metric: value|null}}, "tests": {...}}` with
    /// keys sorted, so the bytes depend only on the inputs and the seed.
    public func jsonData() throws -> Data {
        var metricsObject: [String: Any] = [:]
        for column in metrics {
            var values: [String: Any] = [:]
            for (name, value) in column.values { values[name] = value.map { $0 as Any } ?? NSNull() }
            metricsObject[column.name] = values
        }
        var tests: [String: Any] = [:]
        if let mcs {
            var p: [String: Any] = [:]
            for (k, name) in columnNames.enumerated() { p[name] = mcs.pValues[k] }
            tests["mcs"] = ["included": mcs.included.map { columnNames[$0] }, "pvalues": p, "size": mcs.size] as [String: Any]
        }
        if let spa, let bench = options.benchmark {
            tests["spa"] = [
                "benchmark": bench, "studentized": spa.studentized, "statistic": spa.statistic,
                "pvalues": ["lower": spa.lower, "consistent": spa.consistent, "upper": spa.upper],
            ] as [String: Any]
            tests["reality_check"] = ["pvalue": spa.realityCheck, "studentized": false] as [String: Any]
        }
        if let stepM {
            var p: [String: Any] = [:]
            for (k, name) in strategyNames.enumerated() { p[name] = stepM.adjustedPValues[k] }
            tests["stepm"] = ["superior": stepM.superior.map { strategyNames[$0] }, "size": stepM.size,
                              "studentized": stepM.studentized, "pvalues": p] as [String: Any]
        }
        if !paired.isEmpty {
            var rows: [String: Any] = [:]
            for r in paired {
                func v(_ x: Double?) -> Any { x.map { $0 as Any } ?? NSNull() }
                rows[r.strategy] = ["ttest_pvalue": v(r.tTestPValue), "wilcoxon_pvalue": v(r.wilcoxonPValue),
                                    "jobson_korkie_memmel_pvalue": v(r.jobsonKorkieMemmelPValue),
                                    "ttest_holm": v(r.holmAdjusted), "ttest_fdr_bh": v(r.benjaminiHochbergAdjusted)]
            }
            tests["paired_vs_benchmark"] = rows
        }
        if let deflatedSharpe {
            tests["deflated_sharpe_ratio"] = ["best": deflatedSharpe.best, "value": deflatedSharpe.value,
                                              "trials": columnNames.count] as [String: Any]
        }
        let root: [String: Any] = [
            "metrics": metricsObject, "tests": tests,
            "settings": ["periods": periods, "dropped_rows": droppedRows, "periods_per_year": options.periodsPerYear,
                         "bootstrap": "stationary", "bootstrap_reps": options.replicates, "block_size": options.blockSize,
                         "seed": options.seed] as [String: Any],
            "notes": notes,
        ]
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    }

    /// A plain-text report: metrics side by side, then the tests with their p-values.
    public func text() -> String {
        var out = "\(periods) periods, \(Self.number(options.periodsPerYear)) per year"
        if droppedRows > 0 { out += ", \(droppedRows) incomplete row(s) dropped" }
        out += "\n\n"
        let width = max(12, columnNames.map(\.count).max() ?? 0) + 2
        let labelWidth = (metrics.first?.values.map(\.name.count).max() ?? 20) + 2
        out += "metric".padding(toLength: labelWidth, withPad: " ", startingAt: 0)
        for name in columnNames { out += String(repeating: " ", count: max(0, width - name.count)) + name }
        out += "\n"
        for (row, label) in (metrics.first?.values.map(\.name) ?? []).enumerated() {
            out += label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
            for column in metrics {
                let cell = column.values[row].value.map { Self.number($0) } ?? "undefined"
                out += String(repeating: " ", count: max(0, width - cell.count)) + cell
            }
            out += "\n"
        }
        if let deflatedSharpe {
            out += "\nDeflated Sharpe ratio of the best column (\(deflatedSharpe.best)) over \(columnNames.count) trials: \(Self.number(deflatedSharpe.value))\n"
        }
        if let spa, let bench = options.benchmark {
            out += "\nHansen SPA vs \(bench) (\(spa.studentized ? "studentized" : "unstudentized")): "
            out += "p lower \(Self.number(spa.lower)), consistent \(Self.number(spa.consistent)), upper \(Self.number(spa.upper))\n"
            out += "White reality check: p \(Self.number(spa.realityCheck))\n"
        }
        if let stepM {
            let names = stepM.superior.map { strategyNames[$0] }
            out += "StepM (FWER \(Self.number(stepM.size))) superior to the benchmark: \(names.isEmpty ? "none" : names.joined(separator: ", "))\n"
        }
        if let mcs {
            out += "Model confidence set (size \(Self.number(mcs.size))): \(mcs.included.map { columnNames[$0] }.joined(separator: ", "))\n"
            out += "  MCS p-values: " + columnNames.enumerated().map { "\($1) \(Self.number(mcs.pValues[$0]))" }.joined(separator: ", ") + "\n"
        }
        if !paired.isEmpty, let bench = options.benchmark {
            out += "\nPaired tests vs \(bench) (two-sided p-values; t-test also Holm / BH adjusted):\n"
            for r in paired {
                out += "  \(r.strategy): t \(Self.optional(r.tTestPValue)) (Holm \(Self.optional(r.holmAdjusted)), BH \(Self.optional(r.benjaminiHochbergAdjusted))), "
                out += "Wilcoxon \(Self.optional(r.wilcoxonPValue)), Jobson-Korkie-Memmel \(Self.optional(r.jobsonKorkieMemmelPValue))\n"
            }
        }
        if !notes.isEmpty { out += "\nNotes:\n" + notes.map { "  - \($0)\n" }.joined() }
        return out
    }

    static func number(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e9 { return String(format: "%.0f", x) }
        if abs(x) >= 1e5 || abs(x) < 1e-4 { return String(format: "%.4e", x) }
        return String(format: "%.6f", x)
    }

    static func optional(_ x: Double?) -> String { x.map(number) ?? "undefined" }
}
