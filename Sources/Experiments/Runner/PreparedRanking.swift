import Foundation

/// A `ranked.csv` written ahead of `ExperimentRunner.conclude` under a hidden name, with what
/// writing it returned: the merge ranks the shards' trials while it copies them into one store.
/// `conclude` moves the file into place where it would otherwise write it, so a merge that fails
/// before that point leaves no `ranked.csv`.
struct PreparedRanking {
    /// The written file, in the run folder.
    let file: URL
    let outcome: ResultsFolder.RankedOutcome

    /// The hidden name it is written under.
    static let partialName = ".ranked.csv.partial"

    /// Renames the file to the folder's `ranked.csv`.
    func install(in folder: ResultsFolder) throws(ExperimentOutputError) {
        let target = folder.url.appendingPathComponent("ranked.csv").path
        guard rename(file.path, target) == 0 else {
            throw .output(.cannotWrite(path: target, reason: "renaming \(file.path): \(String(cString: strerror(errno)))"))
        }
    }
}
