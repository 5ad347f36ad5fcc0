import ArgumentParser

/// `crucible data`: import, check and reshape market data.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Import, validate, inspect, resample, export and synthesize market data.",
        subcommands: [DataValidateCommand.self]
    )
}
