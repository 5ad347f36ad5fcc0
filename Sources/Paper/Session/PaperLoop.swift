import Dispatch

/// The bar loop of `crucible paper`, for every feed: each bar from the source is one
/// `PaperSession.process` (step, then commit); bars the file already holds are skipped by the
/// session. Live bars' decision latency is recorded.
public enum PaperLoop {
    /// Steps `session` through `source` until it ends, `maxBars` new bars were processed, or
    /// `shouldStop()` (checked between bars); `afterBar` runs after each bar with the number of
    /// new bars so far. Returns the new bars processed.
    public static func run(_ session: PaperSession, source: any PaperBarSource, maxBars: Int?,
                           latency: inout DecisionLatency, shouldStop: () -> Bool = { false },
                           afterBar: (Int) -> Void = { _ in }) async throws -> Int {
        var processed = 0
        while !shouldStop(), maxBars.map({ processed < $0 }) ?? true, let fed = try await source.nextBar() {
            guard try session.process(fed.bar) else { continue }
            processed += 1
            if let receivedAt = fed.receivedAt {
                latency.add(receivedAt: receivedAt, decidedAt: session.decidedAt, committedAt: DispatchTime.now().uptimeNanoseconds)
            }
            afterBar(processed)
        }
        return processed
    }
}
