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
        let finished = try FinishedRun(resultFolder: path)
        let runID = finished.run.id, specText = finished.run.specText
        do throws(StoreError) {
            let folds = try finished.store.folds(runID: runID)
            if let last = folds.last {
                return ChosenPoint(point: last.point, specText: specText, source: "walk-forward fold \(last.index + 1) of \(folds.count)")
            }
            // Successful trials rank first, so the best one is the first row if any succeeded.
            var best: TrialRecord?
            try finished.store.rankedTrials(runID: runID, limit: 1) { _, trial in best = trial }
            if let best, best.status == .ok {
                return ChosenPoint(point: best.point, specText: specText, source: "trial \(best.id), ranked 1")
            }
        } catch {
            throw .store(error)
        }
        throw .noResults("\(path): no trial of the run succeeded, so it chose no point")
    }

    /// The point as `--param` assignments (`SpecBacktest.point` reads them back).
    public var assignments: [(name: String, value: String)] {
        zip(point.names, point.values).map { (name: $0, value: $1.description) }
    }
}
