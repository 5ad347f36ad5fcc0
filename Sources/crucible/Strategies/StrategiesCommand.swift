import ArgumentParser
import Foundation
import Strategies

/// `crucible strategies`: the catalogue of built-in strategies and their parameters.
struct StrategiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategies",
        abstract: "List the built-in strategies with their engines and parameters.",
        discussion: """
        Without options prints a readable table; --json prints a list of objects with name, \
        description, engines (event, vectorized), symbols (single, multi) and params (name, \
        type, default, min, max, choices, description).
        """
    )

    @Flag(name: .long, help: "Print the catalogue as JSON.")
    var json = false

    func run() throws {
        let descriptors = StrategyRegistry.descriptors
        print(json ? try StrategyCatalog.json(descriptors) : StrategyCatalog.table(descriptors), terminator: json ? "\n" : "")
    }
}
