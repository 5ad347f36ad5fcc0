import ArgumentParser
import Foundation
import Learning
import MarketData

/// `crucible ml list`: the registered models, oldest first.
struct MLListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the models in the registry.",
        discussion: """
        One line per model: id, symbol, timeframe, model type, task, creation time (UTC) and the \
        range of bars its final fit read.

        Example:
          crucible ml list --registry results/models.sqlite
        """
    )

    @OptionGroup var registry: RegistryOption

    func run() throws {
        let store = try Self.open(registry.registry)
        let records: [ModelRecord]
        do { records = try store.list() } catch { failWith([error.description]) }
        guard !records.isEmpty else {
            print("\(registry.registry): no models registered")
            return
        }
        print(["model_id", "symbol", "timeframe", "model_type", "task", "created_at", "train_start", "train_end"].joined(separator: "\t"))
        for r in records {
            print([r.id, r.symbol, r.timeframe, r.modelType.rawValue, r.task.rawValue, formatTimestamp(r.createdAt),
                   formatTimestamp(r.trainingStart), formatTimestamp(r.trainingEnd)].joined(separator: "\t"))
        }
    }

    /// The registry at `path` read-only: it must exist (listing never creates one, nor adds a
    /// table to a file); a run's results.sqlite is a registry of the models the run trained.
    static func open(_ path: String) throws -> ModelRegistry {
        guard FileManager.default.fileExists(atPath: path) else {
            failWith(["\(path): no model registry here (crucible ml train creates it; choose another with --registry)"])
        }
        do { return try ModelRegistry(path: path, readOnly: true) } catch { failWith([error.description]) }
    }
}
