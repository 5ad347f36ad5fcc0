import MarketData

/// The one-call learning pipeline: labels, usable rows, purged cross-validation, walk-forward
/// retraining and the final fit.
public enum ModelTrainer {
    /// Trains `config` on `features` (aligned with `bars`), running folds, windows and the final
    /// fit on up to `threads` threads; the outcome does not depend on the thread count.
    ///
    /// Semantics: the spec is checked before any work. Labels are computed on `bars`; the
    /// usable rows are those with a finite label and no NaN feature, and nothing else is ever
    /// trained on. Purged k-fold (if asked) fits one model per fold and scores it on the fold;
    /// walk-forward retraining (if asked) fits one model per window and predicts the window's
    /// bars, which become `predictions`; the final model is fitted on every usable row. Any fit
    /// that fails (a window with no usable training row, a singular linear system) fails the
    /// whole call with an error naming the fold or window.
    public static func train(features: FeatureMatrix, bars: BarSeries, config: ModelSpec,
                             threads: Int = 1) throws(LearningError) -> TrainingOutcome {
        try config.validate()
        let parameters = try config.parameters()
        guard features.timestamps == bars.ts else {
            throw .invalidArgument(name: "features", expected: "one row per bar on the bars' timestamps (\(bars.count) bars)",
                                   got: "\(features.rowCount) rows" + (features.rowCount == bars.count ? " on other timestamps" : ""))
        }
        guard features.columnCount > 0 else {
            throw .invalidArgument(name: "features", expected: "at least one feature column", got: "none")
        }
        let labels = try Labels(config.label, bars: bars)
        let complete = features.completeRows()
        let (usable, withoutLabel, missingFeatures) = usableRows(labels: labels, complete: complete)
        guard usable.count >= 2 else { throw .tooFewRows(what: "training", needed: 2, got: usable.count) }

        let folds: [Split]
        if case let .purgedKFold(k, embargo) = config.validation {
            folds = try PurgedKFold.splits(samples: usable, end: labels.end, folds: k, embargo: embargo)
        } else {
            folds = []
        }
        let windows = try config.retrain.map { spec throws(LearningError) in try WalkForwardSchedule.windows(rowCount: bars.count, spec) } ?? []
        let windowSplits = windows.map { WalkForwardSchedule.split($0, samples: usable, end: labels.end) }

        // Jobs: every fold, every window, then the final fit; results kept in job order.
        let jobs: [Job] = folds.indices.map { Job.fold($0) } + windows.indices.map { Job.window($0) } + [.final]
        let results = parallelMap(jobs.count, threads: threads) { j -> Result<JobOutput, LearningError> in
            let split: Split, predictRows: [Int], what: String
            switch jobs[j] {
            case let .fold(k):
                split = folds[k]; predictRows = split.test; what = "cross-validation fold \(k)"
            case let .window(k):
                split = windowSplits[k]
                predictRows = (windows[k].testStart..<windows[k].testEnd).filter { complete[$0] }
                what = "walk-forward window \(k) (training bars \(windows[k].trainStart)..<\(windows[k].testStart))"
            case .final:
                split = Split(train: usable, test: usable); predictRows = usable; what = "the final fit"
            }
            return Result { () throws(LearningError) in
                guard !split.train.isEmpty else { throw LearningError.tooFewRows(what: what, needed: 1, got: 0) }
                let model = try TrainedModel.fit(parameters, features: features, rows: split.train,
                                                 targets: split.train.map { labels.values[$0] })
                return JobOutput(model: model, rows: predictRows, predictions: try model.predict(features: features, rows: predictRows))
            }
        }
        let outputs = try results.map { result throws(LearningError) in try result.get() }

        let task = config.label.task
        let n = bars.count
        func score(_ split: Split, _ output: JobOutput, fold: Int?) throws(LearningError) -> FoldMetrics {
            var byRow: [Int: Double] = [:]
            for (r, p) in zip(output.rows, output.predictions) { byRow[r] = p }
            return try FoldMetrics(task: task, outcomes: split.test.map { labels.values[$0] },
                                   predictions: split.test.map { byRow[$0]! }, fold: fold,
                                   trainRows: split.train.count, purgedRows: split.purged, embargoedRows: split.embargoed,
                                   testStart: split.test.first.map { bars.ts[$0] }, testEnd: split.test.last.map { bars.ts[$0] })
        }
        func pooled(_ scored: [FoldMetrics], _ series: [Double]) throws(LearningError) -> FoldMetrics? {
            let rows = usable.filter { !series[$0].isNaN }
            guard !rows.isEmpty else { return nil }
            return try FoldMetrics(task: task, outcomes: rows.map { labels.values[$0] }, predictions: rows.map { series[$0] },
                                   trainRows: scored.map(\.trainRows).max() ?? 0,
                                   purgedRows: scored.reduce(0) { $0 + $1.purgedRows }, embargoedRows: scored.reduce(0) { $0 + $1.embargoedRows },
                                   testStart: bars.ts[rows.first!], testEnd: bars.ts[rows.last!])
        }

        var cvPredictions = [Double](repeating: .nan, count: n)
        var cvMetrics: [FoldMetrics] = []
        for k in folds.indices {
            let output = outputs[k]
            for (r, p) in zip(output.rows, output.predictions) { cvPredictions[r] = p }
            cvMetrics.append(try score(folds[k], output, fold: k))
        }
        var predictions = [Double](repeating: .nan, count: n)
        var wfMetrics: [FoldMetrics] = []
        for k in windows.indices {
            let output = outputs[folds.count + k]
            for (r, p) in zip(output.rows, output.predictions) { predictions[r] = p }
            wfMetrics.append(try score(windowSplits[k], output, fold: k))
        }
        let final = outputs[outputs.count - 1]
        let lastEnd = usable.map { labels.end[$0] }.max()!
        return TrainingOutcome(
            spec: config, featureNames: features.names, featureSources: features.sources, timestamps: bars.ts,
            labels: labels, usableRows: usable, rowsWithoutLabel: withoutLabel, rowsWithMissingFeatures: missingFeatures,
            predictions: predictions, crossValidationPredictions: cvPredictions,
            crossValidation: cvMetrics, crossValidationOverall: folds.isEmpty ? nil : try pooled(cvMetrics, cvPredictions),
            walkForward: wfMetrics, walkForwardOverall: windows.isEmpty ? nil : try pooled(wfMetrics, predictions),
            inSample: try score(Split(train: usable, test: usable), final, fold: nil),
            importance: try final.model.importance(names: features.names),
            model: final.model, serializedModel: try final.model.serialized(),
            trainingStart: bars.ts[usable[0]], trainingEnd: bars.ts[lastEnd])
    }

    /// Bars with a finite label and complete features, and the counts left out for each reason.
    static func usableRows(labels: Labels, complete: [Bool]) -> (rows: [Int], withoutLabel: Int, missingFeatures: Int) {
        var rows: [Int] = []
        var withoutLabel = 0, missingFeatures = 0
        for i in complete.indices {
            if labels.values[i].isNaN { withoutLabel += 1 } else if !complete[i] { missingFeatures += 1 } else { rows.append(i) }
        }
        return (rows, withoutLabel, missingFeatures)
    }

    private enum Job: Sendable { case fold(Int), window(Int), final }

    private struct JobOutput: Sendable {
        let model: TrainedModel
        let rows: [Int]
        let predictions: [Double]
    }
}
