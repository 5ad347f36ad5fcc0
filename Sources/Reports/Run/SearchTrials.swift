import Experiments
import MarketData

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
        let path = results.store.path, runID = results.runID
        let (ranked, points) = concurrently({ () -> Result<[(Int, TrialRecord)], StoreError> in
            do throws(StoreError) {
                var top: [(Int, TrialRecord)] = []
                try ResultsStore(path: path, access: .readOnly).rankedTrials(runID: runID, limit: count) { rank, trial in
                    top.append((rank, trial))
                }
                return .success(top)
            } catch { return .failure(error) }
        }, while: { () -> Result<SearchTrials, StoreError> in
            var trials = SearchTrials()
            do throws(StoreError) {
                try results.store.forEachTrialPoint(runID: runID) { _, status, objective, point in
                    trials.objectives.append(status == .ok ? objective ?? .nan : .nan)
                    trials.values.append(point.values.map { $0.number ?? .nan })
                }
            } catch { return .failure(error) }
            return .success(trials)
        })
        do throws(StoreError) {
            var trials = try points.get()
            trials.top = try ranked.get()
            return trials
        } catch { throw .store(error.description) }
    }
}
