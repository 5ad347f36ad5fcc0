import ArgumentParser
import Foundation
import Reports

/// `crucible report RESULTS_DIR`: (re)builds the HTML report of a run folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the self-contained HTML report of a run folder.",
        discussion: """
        Reads results.sqlite, summary.json, manifest.json and spec.json of RESULTS_DIR and the \
        run's dataset (which must still match the manifest's data_sha256), and writes one HTML \
        file with inline SVG charts: no scripts, no external files. `crucible run` writes the \
        same report as RESULTS_DIR/report.html at the end of a run.

        Examples:
          crucible report results/quickstart/20261122T030000Z
          crucible report results/quickstart/20261122T030000Z --out /tmp/quickstart.html
        """)

    @Argument(help: "A run folder written by `crucible run`.")
    var resultsDir: String

    @Option(help: "Output file (default: RESULTS_DIR/report.html).")
    var out: String?

    @Option(help: "Folder the spec's relative data path is resolved against (default: the spec's folder, recorded in manifest.json).")
    var specDir: String?

    func run() throws {
        let folder = URL(fileURLWithPath: resultsDir)
        do {
            let builder = try ReportBuilder(folder: folder, specDirectories: specDir.map { [URL(fileURLWithPath: $0)] } ?? [])
            let path = try builder.write(to: out.map { URL(fileURLWithPath: $0) })
            print("report → \(path.path)")
        } catch let error as ReportError {
            FileHandle.standardError.write(Data("crucible report: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}
