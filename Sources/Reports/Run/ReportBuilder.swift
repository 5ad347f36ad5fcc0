import Experiments
import Foundation

/// Turns a results folder (`crucible run`'s output) into one self-contained HTML report.
///
/// Semantics: the report has a header (experiment, strategy, data and its SHA-256, engine
/// settings, seed, engine version, wall time), the best trial, the search, and — only when the
/// run has them — machine learning (the models the run trained), walk-forward, Monte Carlo and
/// comparison sections; a section with nothing to show is left
/// out entirely (no empty headings). Results are read through `ResultsStore` and the folder's
/// JSON files; prices (buy-and-hold, trade markers) come from the run's dataset, which must
/// still hash to the manifest's `data_sha256` (see `RunResults`). The output depends only on
/// the folder's contents and the dataset, never on when it is rendered.
public struct ReportBuilder {
    let results: RunResults

    /// Reads the results folder. `specDirectories` are tried first when resolving the spec
    /// copy's relative data path (pass the original spec's folder when known).
    public init(folder: URL, specDirectories: [URL] = []) throws(ReportError) {
        results = try RunResults(folder: folder, specDirectories: specDirectories)
    }

    /// The report as a document.
    public func document() throws(ReportError) -> HTMLDocument {
        let run = results.run
        let trials = try SearchTrials.read(results, top: Self.rankedRows)
        var sections = [header()]
        if let best = trials.top.first?.1 { sections.append(try bestTrialSection(best)) }
        if let search = searchSection(trials) { sections.append(search) }
        if let ml = try mlSection() { sections.append(ml) }
        if let walkForward = try walkForwardSection() { sections.append(walkForward) }
        if let monteCarlo = try monteCarloSection() { sections.append(monteCarlo) }
        if let comparison = try comparisonSection() { sections.append(comparison) }
        let bars = results.bars
        let range = bars.count > 0 ? "\(ReportText.date(bars.ts[0])) to \(ReportText.date(bars.ts[bars.count - 1]))" : "no bars"
        return HTMLDocument(
            title: "\(run.name): \(results.spec.strategy.name) on \(bars.instrument.symbol) \(bars.timeframe)",
            subtitle: "Run \(results.runID), \(range). Objective: \(run.direction.rawValue) \(run.objectiveMetric).",
            sections: sections,
            footer: "Crucible \(run.engineVersion) report of \(results.folder.lastPathComponent). Self-contained: no scripts, no external files.")
    }

    /// Renders the report and writes it to `url` (default: `report.html` in the folder); returns the path.
    @discardableResult
    public func write(to url: URL? = nil) throws -> URL {
        let target = url ?? results.folder.appendingPathComponent("report.html")
        try document().render().write(to: target, atomically: true, encoding: .utf8)
        return target
    }

    /// The indices of the parameters the search varies (the others are fixed by the spec).
    var free: [Int] { results.spec.strategy.space.freeIndices }
}
