import ArgumentParser
import Experiments
import Foundation
import Learning
import MarketData

/// `crucible ml predict ID --data FILE --out FILE.csv`: a registered model's predictions on a
/// bars file, its features rebuilt from the registry.
struct MLPredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict with a registered model on a bars CSV: timestamp,prediction.",
        discussion: """
        The model's features are rebuilt from their expressions stored in the registry and \
        computed on --data (bars only; a model whose features read imported columns is \
        refused; the bars' timeframe must be the model's; a broken row, such as time going \
        backwards, is an error naming its line). Written to --out: \
        timestamp,prediction, the probability of class 1 for classifiers, the value for \
        regressions, made by the registered model (the final fit on all its training rows, so \
        on its own training bars these predictions are in sample). Bars with a missing feature \
        (an indicator's warm-up) have no prediction and no row, as in predictions.csv.

        Example:
          crucible ml predict MODEL_ID --data datasets/btcusdt_1h.csv --out up.csv
        """
    )

    @Argument(help: "The model id (as crucible ml list and cv.json give it).")
    var id: String

    @Option(help: "CSV file of bars (timestamp,open,high,low,close,volume).")
    var data: String

    @Option(help: "Output CSV file (timestamp,prediction).")
    var out: String

    @OptionGroup var registry: RegistryOption

    func run() throws {
        let store = try MLListCommand.open(registry.registry)
        let loaded: (record: ModelRecord, model: TrainedModel)
        do { loaded = try store.load(id: id) } catch { failWith([error.description]) }
        let bars: BarSeries
        do { bars = try BarValidator.validate(CSVBarReader.load(path: data), policy: .fail).bars } catch { failWith([error.description]) }
        let result: ModelPrediction.Result
        do { result = try ModelPrediction.predict(loaded.model, record: loaded.record, bars: bars) } catch {
            failWith(["crucible ml predict \(id) --data \(data): \(error.description)"])
        }
        let csv = TrainingFiles.predictionsCSV(timestamps: bars.ts, predictions: result.predictions)
        do { try AtomicFile.write(csv, to: URL(fileURLWithPath: out)) } catch { failWith([error.description]) }
        let missing = bars.count - result.predictedCount
        print("model \(id) (\(loaded.record.modelType.rawValue), \(loaded.record.task.rawValue)) on \(bars.count) bars of \(data): "
              + "\(result.predictedCount) predictions, \(missing) bars without one (a missing feature)")
        print("wrote \(out)")
    }
}
