import Analytics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run's folder, `<root>/<name>/<run-id>/`, and the files written into it: `results.sqlite`
/// (owned by `ResultsStore`), `spec.json` (the spec's bytes as given), `ranked.csv`,
/// `summary.json` and `manifest.json`. Every file but the store is written atomically.
public struct ResultsFolder: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// Creates a new run folder `<root>/<name>/<run-id>/` (with missing parents), the run id
    /// from the UTC start time, e.g. `20261122T013912Z`, with a suffix `-2`, `-3`, … when that
    /// folder exists. The folder is made with one `mkdir`, which fails if it exists, so two runs
    /// started in the same second — even in two processes — get different folders.
    public static func createNew(root: String, name: String, at date: Date = Date()) throws(OutputError) -> ResultsFolder {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let base = formatter.string(from: date)
        let parent = URL(fileURLWithPath: root).appendingPathComponent(name)
        try makeParents(parent)
        for n in 1...10_000 {
            let url = parent.appendingPathComponent(n == 1 ? base : "\(base)-\(n)")
            if mkdir(url.path, 0o755) == 0 { return ResultsFolder(url: url) }
            guard errno == EEXIST else { throw .cannotCreateFolder(path: url.path, reason: String(cString: strerror(errno))) }
        }
        throw .cannotCreateFolder(path: parent.appendingPathComponent(base).path, reason: "10000 runs started in this second")
    }

    /// Creates the run folder `url` fresh (with missing parents): it may exist only as an
    /// empty folder, so a run never writes into a file or a folder that holds anything else.
    public static func createFresh(at url: URL) throws(OutputError) -> ResultsFolder {
        try makeParents(url.deletingLastPathComponent())
        if mkdir(url.path, 0o755) == 0 { return ResultsFolder(url: url) }
        let code = errno
        guard code == EEXIST else { throw .cannotCreateFolder(path: url.path, reason: String(cString: strerror(code))) }
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        guard isDirectory.boolValue else { throw .cannotCreateFolder(path: url.path, reason: "a file of that name exists") }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? ["?"]
        guard contents.isEmpty else {
            let run = contents.contains("results.sqlite") ? "it holds a run; pass --resume to continue it" : "it is not empty"
            throw .cannotCreateFolder(path: url.path, reason: "\(run) (a run folder is created fresh; choose another --out)")
        }
        return ResultsFolder(url: url)
    }

    /// `mkdir -p`, one component at a time, so the error names the component and says why.
    private static func makeParents(_ url: URL) throws(OutputError) {
        var path = ""
        for component in url.standardizedFileURL.pathComponents {
            path = path.isEmpty ? component : (path == "/" ? "/" + component : path + "/" + component)
            if mkdir(path, 0o755) == 0 { continue }
            let code = errno
            var isDirectory: ObjCBool = false
            if code == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            throw .cannotCreateFolder(path: url.path, reason: code == EEXIST ? "\(path) is a file, not a folder" : "\(path): \(String(cString: strerror(code)))")
        }
    }

    public var storePath: String { url.appendingPathComponent("results.sqlite").path }

    /// Copies the spec's bytes as given.
    public func writeSpec(_ text: String) throws(OutputError) {
        try AtomicFile.write(text, to: url.appendingPathComponent("spec.json"))
    }

    /// What writing `ranked.csv` tells the summary: the trial counts by status, the first trials
    /// in rank order and the Sharpe deflation the file's deflated Sharpe ratios used.
    public typealias RankedOutcome = (counts: [TrialStatus: Int], top: [TrialRecord], deflation: ExpectedMaximumSharpe?)

    /// Writes `ranked.csv` from the store in one streaming pass and returns the trial counts by
    /// status and the first `top` trials, for the summary.
    public func writeRanked(from store: ResultsStore, runID: String, top: Int) throws(ExperimentOutputError) -> RankedOutcome {
        try writeRanked(from: [RankingSource(store: store, runID: runID)], top: top)
    }

    /// `writeRanked(from:runID:top:)` of one run's trials spread over `sources` (the shards the
    /// merge ranks while it copies them), into the folder's file `name`.
    public func writeRanked(from sources: [RankingSource], top: Int, named name: String = "ranked.csv")
        throws(ExperimentOutputError) -> RankedOutcome {
        precondition(!sources.isEmpty, "a ranking needs at least one store")
        let first = sources[0]
        let run: RunRecord
        let deflation: ExpectedMaximumSharpe?
        do throws(StoreError) {
            guard let stored = try first.store.run(id: first.runID) else {
                throw StoreError.unknownRun(path: first.store.path, run: first.runID)
            }
            run = stored
            deflation = try ResultsStore.sharpeDeflation(across: sources)
        } catch {
            throw .store(error)
        }
        let file = url.appendingPathComponent(name)
        var counts: [TrialStatus: Int] = [:]
        var best: [TrialRecord] = []
        var storeError: StoreError?
        do throws(OutputError) {
            try AtomicFile.write(to: file) { sink throws(OutputError) in
                sink.append(RankedCSV.line(RankedCSV.header(run)))
                var formatter = RankedLineFormatter(deflation: deflation, sink: sink)
                do throws(StoreError) {
                    try ResultsStore.rankedTrials(across: sources) { rank, trial in
                        counts[trial.status, default: 0] += 1
                        if best.count < max(top, 1) { best.append(trial) }
                        formatter.add(rank: rank, trial)
                    }
                } catch {
                    storeError = error
                }
                sink = formatter.finish()
                if let storeError { throw .cannotWrite(path: file.path, reason: storeError.description) }
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
