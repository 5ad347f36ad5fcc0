import ArgumentParser
import Foundation
import Learning
import MarketData

/// `crucible ml show ID`: one registered model's record (everything but the model bytes).
struct MLShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one registered model: features, label, parameters, training range, data digest and metrics.",
        discussion: """
        Example:
          crucible ml show MODEL_ID      (an id that crucible ml list prints)
        """
    )

    @Argument(help: "The model id (as crucible ml list and cv.json give it).")
    var id: String

    @OptionGroup var registry: RegistryOption

    func run() throws {
        let store = try MLListCommand.open(registry.registry)
        let r: ModelRecord
        do { r = try store.show(id: id) } catch { failWith([error.description]) }
        print("""
            model_id: \(r.id)
            symbol: \(r.symbol)
            timeframe: \(r.timeframe)
            model_type: \(r.modelType.rawValue)
            task: \(r.task.rawValue)
            created_at: \(formatTimestamp(r.createdAt))
            train_start: \(formatTimestamp(r.trainingStart))
            train_end: \(formatTimestamp(r.trainingEnd))
            data_sha256: \(r.dataSHA256)
            model_bytes: \(r.model.count)
            features: \(r.featuresJSON)
            label: \(r.labelJSON)
            parameters: \(r.parametersJSON)
            metrics: \(r.metricsJSON)
            """)
    }
}
