import Foundation
import Paper
import Testing

/// Where `PaperLoop` puts its commits changes only how many bars a kill takes back, never what
/// the state file holds.
@Suite struct PaperCommitBatchTests {
    /// A full-speed replay committed every 1, 7 and the default number of bars leaves the file
    /// that committing after every bar by hand does, table for table.
    @Test func batchedCommitsLeaveTheSameFile() async throws {
        let (strategy, text, data) = try PaperRestartTests.subject()
        try await PaperHarness.withStatePaths(4) { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0])
            let expected = try PaperHarness.dump(paths[0])
            for (path, every) in zip(paths.dropFirst(), [1, 7, PaperLoop.defaultCommitEvery]) {
                let feed = try PaperHarness.feed(strategy.spec, data)
                let session = try PaperHarness.session(strategy, text: text, feed: feed, state: path)
                var latency = DecisionLatency()
                let processed = try await PaperLoop.run(session, source: ReplaySource(feed), maxBars: nil, commitEvery: every,
                                                        latency: &latency)
                #expect(processed == feed.expectedBars)
                #expect(session.uncommitted == 0)
                #expect(try PaperHarness.dump(path) == expected, "commit every \(every)")
            }
        }
    }

    /// Bars processed and never committed (a process killed between commits) are not in the
    /// file: a restart continues after the last commit and ends in the same file.
    @Test func uncommittedBarsAreProcessedAgainOnRestart() throws {
        let (strategy, text, data) = try PaperRestartTests.subject()
        try PaperHarness.withStatePaths(2) { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0])
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[1], limit: 30)
            do {
                let feed = try PaperHarness.feed(strategy.spec, data)
                let session = try PaperHarness.session(strategy, text: text, feed: feed, state: paths[1])
                for k in 30..<50 { #expect(try session.process(feed.bars.bar(k))) }
                #expect(session.uncommitted == 20)
            }
            #expect(try PaperHarness.session(strategy, text: text, feed: PaperHarness.feed(strategy.spec, data), state: paths[1])
                .barsProcessed == 30)
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[1])
            #expect(try PaperHarness.dump(paths[1]) == PaperHarness.dump(paths[0]))
        }
    }
}
