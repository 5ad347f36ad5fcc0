import Analytics
import Experiments
import Foundation
import Learning

extension ReportBuilder {
    /// Machine learning: for each model the run trained (a folder `ml/NAME/` whose `cv.json`
    /// names its `model_id`), read from the `models` table of `results.sqlite`: what it is, the
    /// scores of every purged k-fold fold and walk-forward window and of each pooled, the
    /// in-sample score, the calibration curve of the out-of-sample predictions (classifiers)
    /// and the final model's gain importance (XGBoost). Nil when the run trained no model; a
    /// note only when its store has no `models` table (a run recorded before runs stored them).
    func mlSection() throws(ReportError) -> HTMLSection? {
        let names = (results.spec.ml?.models ?? []).map(\.name).filter {
            FileManager.default.fileExists(atPath: cvURL($0).path)
        }
        guard !names.isEmpty else { return nil }
        let storePath = results.folder.appendingPathComponent("results.sqlite").path
        let registry: ModelRegistry
        do { registry = try ModelRegistry(path: storePath, readOnly: true) } catch {
            guard case .storeUnavailable = error else { throw .store(error.description) }
            // A run recorded before runs stored their models: say so, and where the scores are.
            return HTMLSection(title: "Machine learning", blocks: [.note(
                "This run trained \(names.map { "model \($0)" }.joined(separator: ", ")), but its results.sqlite has no models table "
                + "(the run predates runs recording their models), so there is nothing to show here; the scores are in "
                + names.map { "ml/\($0)/cv.json" }.joined(separator: ", ") + ".")])
        }
        var blocks: [HTMLBlock] = [.note(
            "Scores are out of sample unless marked in sample: each cross-validation fold is scored by a model that never trained on it "
            + "(training rows whose labels overlap the fold purged, then an embargo), each walk-forward window by a model fitted on earlier "
            + "bars only. The strategy reads the walk-forward predictions.")]
        for name in names {
            let id = try modelID(name)
            let record: ModelRecord, metrics: ModelMetrics
            do {
                record = try registry.show(id: id)
                metrics = try record.metrics()
            } catch { throw .store(error.description) }
            blocks.append(.subsection(title: "Model \(name)", blocks: try modelBlocks(record, metrics, name: name)))
        }
        return HTMLSection(title: "Machine learning", blocks: blocks)
    }

    private func cvURL(_ name: String) -> URL {
        results.folder.appendingPathComponent("ml").appendingPathComponent(name).appendingPathComponent("cv.json")
    }

    /// The `model_id` member of `ml/NAME/cv.json`.
    private func modelID(_ name: String) throws(ReportError) -> String {
        let url = cvURL(name)
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw .missingFile(path: url.path, reason: error.localizedDescription) }
        guard case let .object(members)? = try? JSONValue.parse(data), case let .string(id)? = members["model_id"] else {
            throw .malformed(path: url.path, reason: "expected an object with a model_id string")
        }
        return id
    }

    private func modelBlocks(_ r: ModelRecord, _ m: ModelMetrics, name: String) throws(ReportError) -> [HTMLBlock] {
        let features: [(name: String, source: String)]
        do { features = try r.features() } catch { throw .store(error.description) }
        var blocks: [HTMLBlock] = [.keyValues([
            ("Model id", r.id),
            ("Kind", "\(r.modelType.rawValue) (\(r.task.rawValue))"),
            ("Label", r.labelJSON),
            ("Features", features.map { $0.name == $0.source ? $0.name : "\($0.name) = \($0.source)" }.joined(separator: "; ")),
            ("Parameters", r.parametersJSON),
            ("Final fit", "bars \(ReportText.stamp(r.trainingStart)) to \(ReportText.stamp(r.trainingEnd))"),
        ])]
        blocks.append(.table(Self.foldTable(m, task: r.task)))
        if let calibration = m.calibration {
            var series: [CalibrationChart.Series] = []
            if let bins = calibration.walkForward { series.append(Self.calibrationSeries("Walk-forward (out of sample)", bins)) }
            if let bins = calibration.crossValidation { series.append(Self.calibrationSeries("Cross-validation (out of fold)", bins)) }
            blocks.append(.chart(svg: CalibrationChart(title: "Calibration of model \(name)", series: series).render(),
                                 caption: "Mean predicted probability against the share of outcomes = 1 in \(ModelMetrics.calibrationBins) equal-width bins (empty bins left out)."))
        }
        if let importance = m.importance {
            let ordered = importance.enumerated().sorted { a, b in
                a.element.gain != b.element.gain ? a.element.gain > b.element.gain : a.offset < b.offset
            }.map(\.element)
            blocks.append(.table(HTMLTable(
                columns: ["Feature", "Gain", "Total gain", "Splits"],
                rows: ordered.map { [.text($0.feature), .number($0.gain, decimals: 4), .number($0.totalGain, decimals: 4), .number($0.splits, decimals: 0)] },
                caption: "Feature importance of the final model (XGBoost gain: mean loss reduction of its splits on the feature), by decreasing gain")))
        } else {
            blocks.append(.note("A \(r.modelType.rawValue) model has no gain importance; its coefficients are in the registry (crucible ml show)."))
        }
        return blocks
    }

    /// One row per fold and window, their pooled scores and the in-sample score.
    static func foldTable(_ m: ModelMetrics, task: Learning.Task) -> HTMLTable {
        let scores: [(String, (FoldMetrics) -> Double?)] = task == .classification
            ? [("AUC", \.auc), ("Log loss", \.logLoss), ("Accuracy", \.accuracy), ("Brier", \.brier)]
            : [("IC (Spearman)", \.informationCoefficient)]
        func row(_ stage: String, _ fold: String, _ f: FoldMetrics) -> [HTMLTable.Cell] {
            [.text(stage), .figure(fold), .figure(f.testStart.map(ReportText.date) ?? "n/a"), .figure(f.testEnd.map(ReportText.date) ?? "n/a"),
             .number(Double(f.trainRows), decimals: 0), .number(Double(f.testRows), decimals: 0),
             .number(Double(f.purgedRows), decimals: 0), .number(Double(f.embargoedRows), decimals: 0)]
                + scores.map { _, score in score(f).map { HTMLTable.Cell.number($0, decimals: 4) } ?? .figure("n/a") }
        }
        var rows: [[HTMLTable.Cell]] = []
        for (stage, folds) in [("Cross-validation", m.crossValidation), ("Walk-forward", m.walkForward)] {
            guard let folds else { continue }
            for f in folds.folds { rows.append(row(stage, f.fold.map { String($0 + 1) } ?? "", f)) }
            if let overall = folds.overall { rows.append(row(stage, "pooled", overall)) }
        }
        rows.append(row("In sample (final model)", "", m.inSample))
        return HTMLTable(columns: ["Validation", "Fold", "Test from", "Test to", "Trained on", "Scored", "Purged", "Embargoed"] + scores.map(\.0),
                         rows: rows, caption: "Scores per fold (rows of bars; pooled: every fold's predictions scored together)")
    }

    private static func calibrationSeries(_ name: String, _ bins: [PredictionMetrics.CalibrationBin]) -> CalibrationChart.Series {
        CalibrationChart.Series(name: name, points: bins.map { CalibrationChart.Point(predicted: $0.predicted, observed: $0.observed, count: $0.count) })
    }
}
