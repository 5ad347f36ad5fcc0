import Foundation
import MarketData
import Optimization

/// The point a finished run chose, the one to trade next: the last walk-forward fold's point
/// when the run had a walk-forward, else its best-ranked trial that succeeded — the point its
/// Monte Carlo stage stresses (`ExperimentRunner`).
public struct ChosenPoint: Sendable, Equatable {
    public var point: TrialPoint
    /// The text of the spec the run ran.
    public var specText: String
    /// Where the point comes from, in words ("walk-forward fold 7 of 8", "trial 12, ranked 1").
    public var source: String

    public init(point: TrialPoint, specText: String, source: String) {
        self.point = point
        self.specText = specText
        self.source = source
    }

    /// The chosen point of the run in result folder `path` (`crucible run`'s output).
    public static func of(resultFolder path: String) throws(RunError) -> ChosenPoint {
        let folder = ResultsFolder(url: URL(fileURLWithPath: path))
        guard FileManager.default.fileExists(atPath: folder.storePath) else {
            throw .output("\(path): not a result folder (no results.sqlite)")
        }
        let runID = folder.url.standardizedFileURL.lastPathComponent
        do {
            let store = try ResultsStore(path: folder.storePath)
            guard let run = try store.run(id: runID) else { throw RunError.store(.unknownRun(path: folder.storePath, run: runID)) }
            let folds = try store.folds(runID: runID)
            if let last = folds.last {
                return ChosenPoint(point: last.point, specText: run.specText, source: "walk-forward fold \(last.index + 1) of \(folds.count)")
            }
            var best: (rank: Int, trial: TrialRecord)?
            try store.rankedTrials(runID: runID) { rank, trial in
                if best == nil && trial.status == .ok { best = (rank, trial) }
            }
            guard let best else { throw RunError.noResults("\(path): no trial of the run succeeded, so it chose no point") }
            return ChosenPoint(point: best.trial.point, specText: run.specText, source: "trial \(best.trial.id), ranked \(best.rank)")
        } catch let error as StoreError {
            throw .store(error)
        } catch let error as RunError {
            throw error
        } catch {
            throw .output("\(path): \(error)")
        }
    }

    /// The point as `--param` assignments (`SpecBacktest.point` reads them back).
    public var assignments: [(name: String, value: String)] {
        zip(point.names, point.values).map { (name: $0, value: $1.description) }
    }
}
