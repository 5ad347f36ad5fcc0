import Analytics
import Foundation

/// One run's folder, `<root>/<name>/<run-id>/`, and the files written into it: `results.sqlite`
/// (owned by `ResultsStore`), `spec.json` (the spec's bytes as given), `ranked.csv`,
/// `summary.json` and `manifest.json`. Every file but the store is written atomically.
public struct ResultsFolder: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// Creates `<root>/<name>/<runID>/` (with missing parents).
    public static func create(root: String, name: String, runID: String) throws(OutputError) -> ResultsFolder {
        try create(at: URL(fileURLWithPath: root).appendingPathComponent(name).appendingPathComponent(runID))
    }

    /// Creates the folder `url` (with missing parents).
    public static func create(at url: URL) throws(OutputError) -> ResultsFolder {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateFolder(path: url.path, reason: error.localizedDescription)
        }
        return ResultsFolder(url: url)
    }

    /// A new run id from the UTC start time, e.g. `20261122T013912Z`; a suffix `-2`, `-3`, …
    /// is added if that folder already exists under `<root>/<name>/`.
    public static func newRunID(root: String, name: String, at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = formatter.string(from: date)
        let parent = URL(fileURLWithPath: root).appendingPathComponent(name)
        var id = base, n = 1
        while FileManager.default.fileExists(atPath: parent.appendingPathComponent(id).path) {
            n += 1
            id = "\(base)-\(n)"
        }
        return id
    }

    public var storePath: String { url.appendingPathComponent("results.sqlite").path }

    /// Copies the spec's bytes as given.
    public func writeSpec(_ text: String) throws(OutputError) {
        try AtomicFile.write(text, to: url.appendingPathComponent("spec.json"))
    }

    /// Writes `ranked.csv` from the store in one streaming pass and returns the trial counts by
    /// status and the first `top` trials, for the summary.
    public func writeRanked(from store: ResultsStore, runID: String, top: Int) throws(ExperimentOutputError)
        -> (counts: [TrialStatus: Int], top: [TrialRecord], deflation: ExpectedMaximumSharpe?) {
        let run: RunRecord
        let deflation: ExpectedMaximumSharpe?
        do throws(StoreError) {
            guard let stored = try store.run(id: runID) else { throw StoreError.unknownRun(path: store.path, run: runID) }
            run = stored
            deflation = try store.sharpeDeflation(runID: runID)
        } catch {
            throw .store(error)
        }
        var counts: [TrialStatus: Int] = [:]
        var best: [TrialRecord] = []
        var storeError: StoreError?
        do throws(OutputError) {
            try AtomicFile.write(to: url.appendingPathComponent("ranked.csv")) { sink throws(OutputError) in
                sink.append(RankedCSV.line(RankedCSV.header(run)))
                do throws(StoreError) {
                    try store.rankedTrials(runID: runID) { rank, trial in
                        counts[trial.status, default: 0] += 1
                        if best.count < max(top, 1) { best.append(trial) }
                        sink.append(RankedCSV.line(RankedCSV.row(rank: rank, trial, deflation: deflation)))
                    }
                } catch {
                    storeError = error
                    throw .cannotWrite(path: url.appendingPathComponent("ranked.csv").path, reason: error.description)
                }
            }
        } catch {
            if let storeError { throw .store(storeError) }
            throw .output(error)
        }
        return (counts, best, deflation)
    }

    public func writeSummary(_ summary: ExperimentSummary) throws(OutputError) {
        try AtomicFile.write(summary.json.rendered(pretty: true) + "\n", to: url.appendingPathComponent("summary.json"))
    }

    public func writeManifest(_ manifest: RunManifest) throws(OutputError) {
        try AtomicFile.write(manifest.json.rendered(pretty: true) + "\n", to: url.appendingPathComponent("manifest.json"))
    }
}
