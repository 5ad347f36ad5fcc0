import ArgumentParser
import Learning

/// `crucible ml`: train the models of a spec's `ml` section and inspect the model registry.
struct MLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ml",
        abstract: "Train a spec's ml models, inspect the model registry, predict with a registered model.",
        discussion: """
        Models are declared in a spec's "ml" section (docs/learning.md); rules read their \
        walk-forward predictions as model("NAME"), and crucible run trains them before the search.

        Examples:
          crucible ml train experiments/ml_xgboost_up.json --out results/ml-up
          crucible ml list
          crucible ml show MODEL_ID      (an id that crucible ml list prints)
          crucible ml predict MODEL_ID --data datasets/btcusdt_1h.csv --out up.csv
        """,
        subcommands: [MLTrainCommand.self, MLListCommand.self, MLShowCommand.self, MLPredictCommand.self]
    )
}

/// The `--registry` option the ml commands share.
struct RegistryOption: ParsableArguments {
    @Option(help: "The model registry (an SQLite file).")
    var registry: String = ModelRegistry.defaultPath
}
