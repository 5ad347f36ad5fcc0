import Analytics
import Experiments
import Foundation
import Learning
import MarketData
import Reports
import Testing

/// The report's machine-learning section, on a run whose rules read a model: the fold scores,
/// the calibration curve and the gain importance are the ones a direct training of the same
/// model on the same bars gives, and the calibration bins are a plain recount of its
/// out-of-sample predictions. (A run without a model has no such section:
/// `ReportBuilderTests.aPlainSearchLeavesOutTheStagesItDidNotRun`.)
@Suite(.serialized) struct ReportMLSectionTests {
    static let ml = """
        "ml": {"models": {"up": {
          "features": {"ret24": "close / prev(close, 24) - 1", "hour": "hour()"},
          "label": {"kind": "forward_return_sign", "horizon": 24},
          "model": {"kind": "xgboost", "params": {"max_depth": 3, "eta": 0.1, "num_round": 20, "seed": 7}},
          "validation": {"kind": "purged_kfold", "folds": 3, "embargo": 24},
          "retrain": {"train": "20d", "test": "10d"}}}},
        """
    static let strategy = #"{"rules": {"long_entry": "model(\"up\") > threshold", "long_exit": "model(\"up\") < 0.5"}, "parameters": {"threshold": {"values": [0.45, 0.5]}}}"#

    /// `1,234.5678`: `%.{decimals}f` with thousands separators.
    static func number(_ v: Double, _ decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", v)
        let parts = text.split(separator: ".", maxSplits: 1)
        var digits = String(parts[0]), sign = ""
        if digits.hasPrefix("-") { sign = "-"; digits.removeFirst() }
        var grouped = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `2023-01-05` (UTC).
    static func date(_ ms: Int64) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// The cell texts of every body row of the table captioned `caption…`.
    static func rows(ofTableCaptioned caption: String, in html: String) -> [[String]] {
        guard let start = html.range(of: "<caption>" + caption), let end = html[start.upperBound...].range(of: "</table>") else { return [] }
        let body = html[start.upperBound..<end.lowerBound]
        return body.components(separatedBy: "<tr>").dropFirst(2).map { row in
            row.components(separatedBy: "<td").dropFirst().map { cell in
                let inner = cell[cell.index(after: cell.firstIndex(of: ">")!)...]
                return String(inner[..<inner.range(of: "</td>")!.lowerBound])
            }
        }
    }

    @Test func aRunWithAModelHasTheSectionWithItsNumbers() throws {
        let run = try ReportRunFixture(parameters: "", optimizer: #"{"kind": "grid"}"#, sections: Self.ml, strategy: Self.strategy)
        defer { run.remove() }
        let html = try run.render()
        let xml = XMLCheck(html)
        #expect(xml.isWellFormed, "\(xml.error ?? "")")
        #expect(ReportBuilderTests.headings(xml, in: html) == ["Run", "Best trial", "Search", "Machine learning"])
        #expect(xml.hasText("Model up"))

        // The same model trained directly on the run's bars.
        let spec = try SpecDecoder.decode(Data(contentsOf: run.runFolder.appendingPathComponent("spec.json")), baseDirectory: run.root)
        let bars = try ExperimentData.load(spec.data).bars
        let outcome = try ModelColumns.train(try #require(spec.ml?.model(named: "up")), bars: bars, threads: 1).outcome

        func expectedRow(_ stage: String, _ fold: String, _ f: FoldMetrics) -> [String] {
            [stage, fold, Self.date(f.testStart!), Self.date(f.testEnd!), Self.number(Double(f.trainRows), 0), Self.number(Double(f.testRows), 0),
             Self.number(Double(f.purgedRows), 0), Self.number(Double(f.embargoedRows), 0)]
                + [f.auc, f.logLoss, f.accuracy, f.brier].map { $0.map { Self.number($0, 4) } ?? "n/a" }
        }
        var expected = outcome.crossValidation.map { expectedRow("Cross-validation", String($0.fold! + 1), $0) }
        expected.append(expectedRow("Cross-validation", "pooled", try #require(outcome.crossValidationOverall)))
        expected += outcome.walkForward.map { expectedRow("Walk-forward", String($0.fold! + 1), $0) }
        expected.append(expectedRow("Walk-forward", "pooled", try #require(outcome.walkForwardOverall)))
        expected.append(expectedRow("In sample (final model)", "", outcome.inSample))
        let table = Self.rows(ofTableCaptioned: "Scores per fold", in: html)
        #expect(outcome.crossValidation.count == 3 && outcome.walkForward.count >= 3)
        #expect(table == expected)

        // Importance: the final model's gain, by decreasing gain.
        let importance = try #require(outcome.importance).sorted { $0.gain > $1.gain }
        #expect(Self.rows(ofTableCaptioned: "Feature importance", in: html)
                == importance.map { [$0.feature, Self.number($0.gain, 4), Self.number($0.totalGain, 4), Self.number($0.splits, 0)] })

        // Calibration: the stored bins are a plain recount of the out-of-sample predictions.
        func plainBins(_ series: [Double]) -> [(predicted: Double, observed: Double, count: Int)] {
            var sum = [Double](repeating: 0, count: 10), ones = sum, count = [Int](repeating: 0, count: 10)
            for i in outcome.usableRows where !series[i].isNaN {
                let p = series[i]
                let bin = max(0, Int((p * 10).rounded(.up)) - 1)   // (k/10, (k+1)/10], bin 0 from 0
                sum[bin] += p; ones[bin] += outcome.labels.values[i]; count[bin] += 1
            }
            return (0..<10).filter { count[$0] > 0 }.map { (sum[$0] / Double(count[$0]), ones[$0] / Double(count[$0]), count[$0]) }
        }
        let registry = try ModelRegistry(path: run.runFolder.appendingPathComponent("results.sqlite").path, readOnly: true)
        let records = try registry.list()
        #expect(records.count == 1)
        let stored = try #require(try registry.show(id: records[0].id).metrics().calibration)
        for (bins, series) in [(stored.walkForward, outcome.predictions), (stored.crossValidation, outcome.crossValidationPredictions)] {
            let plain = plainBins(series)
            let got = try #require(bins)
            #expect(got.count == plain.count && got.count >= 3)
            #expect(zip(got, plain).allSatisfy { abs($0.predicted - $1.predicted) < 1e-12 && $0.observed == $1.observed && $0.count == $1.count })
        }
        // The chart draws one marker per bin: walk-forward circles, cross-validation squares.
        let svgStart = try #require(html.range(of: "<title>Calibration of model up</title>"))
        let svg = html[svgStart.upperBound..<html[svgStart.upperBound...].range(of: "</svg>")!.lowerBound]
        let groups = svg.components(separatedBy: "<g class=\"series\">").dropFirst().map { $0.components(separatedBy: "</g>")[0] }
        #expect(groups.count == 2)
        #expect(groups.count == 2 && groups[0].components(separatedBy: "<circle").count - 1 == stored.walkForward!.count)
        #expect(groups.count == 2 && groups[1].components(separatedBy: "<rect").count - 1 == stored.crossValidation!.count)

        // A run recorded before runs stored their models (no models table): the section says so.
        let db = try SQLiteConnection<LearningError>(path: run.runFolder.appendingPathComponent("results.sqlite").path, readOnly: false)
        try db.execute("DROP TABLE models")
        let older = try run.render()
        let olderXML = XMLCheck(older)
        #expect(olderXML.isWellFormed)
        #expect(ReportBuilderTests.headings(olderXML, in: older) == ["Run", "Best trial", "Search", "Machine learning"])
        #expect(olderXML.textContains("has no models table") && olderXML.textContains("ml/up/cv.json"))
        #expect(!older.contains("Scores per fold"))
    }
}
