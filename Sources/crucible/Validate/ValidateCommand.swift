import ArgumentParser
import Experiments
import Foundation

/// `crucible validate SPEC...`: checks experiment specs with the runner's own rules.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check experiment specs without running them.",
        discussion: """
        Every problem is printed on stderr, one per line, starting with its JSON path (prefixed \
        by the file name when several specs are given). Exits 0 only if every spec is valid.

        Examples:
          crucible validate experiments/grid_sma_cross.json
          crucible validate experiments/*_sma_cross.json
        """
    )

    @Argument(help: "Experiment spec files (JSON).")
    var specs: [String]

    func run() throws {
        var failed = false
        for path in specs {
            do {
                // The runner's own checks, those that need the data included.
                _ = try SpecPreflight.check(SpecDecoder.decode(contentsOf: URL(fileURLWithPath: path)))
                if specs.count > 1 { print("\(path): valid") }
            } catch {
                failed = true
                for line in error.lines(file: specs.count > 1 ? path : nil) {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                }
            }
        }
        if failed { throw ExitCode.failure }
        if specs.count == 1 { print("\(specs[0]): valid") }
    }
}
