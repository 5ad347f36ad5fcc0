import Dispatch
import Experiments

/// The trials the report draws: the best `count` in rank order (the first is the best trial)
/// and every trial's objective and parameter values in id order.
///
/// Semantics: two passes over the trial table that run side by side — the ranked top through a
/// second, read-only connection to the same file on another thread, every trial's point through
/// the report's own connection — and the table is ranked once for the whole report.
struct SearchTrials {
    var top: [(Int, TrialRecord)] = []
    /// The objective of each trial in id order; NaN unless the trial succeeded with one.
    var objectives: [Double] = []
    /// The parameter values of each trial in id order, as numbers (NaN for text values).
    var values: [[Double]] = []

    /// Reads the run's top `count` and every trial's point.
    static func read(_ results: RunResults, top count: Int) throws(ReportError) -> SearchTrials {
        let ranked = RankedTop()
        let group = DispatchGroup()
        let path = results.store.path, runID = results.runID
        DispatchQueue.global().async(group: group) { ranked.read(path: path, runID: runID, count: count) }
        var trials = SearchTrials()
        var pointFailure: StoreError?
        do {
            try results.store.forEachTrialPoint(runID: runID) { _, status, objective, point in
                trials.objectives.append(status == .ok ? objective ?? .nan : .nan)
                trials.values.append(point.values.map { $0.number ?? .nan })
            }
        } catch { pointFailure = error }
        group.wait()
        if let failure = pointFailure ?? ranked.failure { throw .store(failure.description) }
        trials.top = ranked.top
        return trials
    }

    /// The ranked top, written by its thread before the group leaves and read after `wait()`,
    /// which orders the two.
    private final class RankedTop: @unchecked Sendable {
        var top: [(Int, TrialRecord)] = []
        var failure: StoreError?

        func read(path: String, runID: String, count: Int) {
            do {
                let store = try ResultsStore(path: path, access: .readOnly)
                try store.rankedTrials(runID: runID, limit: count) { rank, trial in top.append((rank, trial)) }
            } catch { failure = error }
        }
    }
}
