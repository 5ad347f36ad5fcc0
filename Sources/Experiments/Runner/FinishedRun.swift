import Foundation

/// A finished run read back from its result folder (`crucible run`'s output): the folder's
/// store and the run record named by the folder. The one way commands that take a result
/// folder (`compare`, `paper --from-run`) open it.
struct FinishedRun {
    let store: ResultsStore
    let run: RunRecord

    /// Opens the run in result folder `path`; a folder without a store or without its run is
    /// named in the error.
    init(resultFolder path: String) throws(RunError) {
        let folder = ResultsFolder(url: URL(fileURLWithPath: path))
        guard FileManager.default.fileExists(atPath: folder.storePath) else {
            throw .output("\(path): not a result folder (no results.sqlite)")
        }
        let runID = folder.url.standardizedFileURL.lastPathComponent
        do throws(StoreError) {
            store = try ResultsStore(path: folder.storePath, access: .readOnly)
            guard let run = try store.run(id: runID) else { throw .unknownRun(path: folder.storePath, run: runID) }
            self.run = run
        } catch {
            throw .store(error)
        }
    }
}
