import Dispatch

/// The bar loop of `crucible paper`, for every feed: each bar from the source is one
/// `PaperSession.process` (the event engine's step); bars the file already holds are skipped by
/// the session. Live bars' decision latency is recorded.
///
/// Commits: after a bar whose successor is not already waiting in the source — so every bar of
/// a live feed or a paced replay is committed before the loop waits for the next — and after
/// every `commitEvery` bars of a source that never waits (a full-speed replay), written while
/// the loop steps the next bars (at most one such commit in flight); and when the loop ends, by
/// the feed's end, a stop, `maxBars` or an error. Every commit but those in-flight ones is in
/// the file when `commit` returns. Where the commits fall does not change what the file holds,
/// only how many bars a kill can take back.
public enum PaperLoop {
    /// Bars per transaction at most, by default, when the source has the next bar ready.
    public static let defaultCommitEvery = 4096

    /// Steps `session` through `source` until it ends, `maxBars` new bars were processed, or
    /// `shouldStop()` (checked between bars); `afterBar` runs after each bar with the number of
    /// new bars so far. Returns the new bars processed. `commitEvery` must be positive.
    public static func run(_ session: PaperSession, source: any PaperBarSource, maxBars: Int?,
                           commitEvery: Int = defaultCommitEvery, latency: inout DecisionLatency, shouldStop: () -> Bool = { false },
                           afterBar: (Int) -> Void = { _ in }) async throws -> Int {
        precondition(commitEvery > 0, "commitEvery must be positive")
        var processed = 0
        do {
            while !shouldStop(), maxBars.map({ processed < $0 }) ?? true, let fed = try await source.nextBar() {
                guard try session.process(fed.bar) else { continue }
                // A live bar's orders are decided once its step is done, before its commit.
                let decidedAt = fed.receivedAt == nil ? 0 : DispatchTime.now().uptimeNanoseconds
                processed += 1
                if !source.hasBarReady {
                    try session.commit()
                } else if session.uncommitted >= commitEvery {
                    try session.commit(wait: false)
                }
                if let receivedAt = fed.receivedAt {
                    latency.add(receivedAt: receivedAt, decidedAt: decidedAt, committedAt: DispatchTime.now().uptimeNanoseconds)
                }
                afterBar(processed)
            }
        } catch {
            // The bars processed before the error are kept (and a commit in flight waited for); the
            // error is the one reported.
            try? session.commit()
            throw error
        }
        try session.commit()
        return processed
    }
}
