import Experiments
import Foundation
import Paper
import Testing
import TestSupport

/// Stopping a paper run at random bars and starting it again from its state file ends in the
/// same file, table for table and value for value, as one uninterrupted replay.
@Suite struct PaperRestartTests {
    /// A strategy with brackets resting in the book (stop-loss, take-profit) across restarts.
    static func subject() throws -> (PaperStrategy, String, URL) {
        let data = Fixtures.dataset("ethusdt_1d.csv")
        let (spec, text) = try PaperHarness.spec(
            strategy: ["name": "sma_cross", "parameters": ["fast": 5, "slow": 20], "exits": ["stop_loss": 0.05, "take_profit": 0.1]] as [String: Any],
            data: data)
        return (try PaperHarness.strategy(spec, []), text, data)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func restartsEqualOneReplay(seed: UInt64) throws {
        let (strategy, text, data) = try Self.subject()
        let total = try PaperHarness.feed(strategy.spec, data).expectedBars
        var rng = SplitMix64(seed: seed)
        try PaperHarness.withStatePaths(2) { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0])
            var done = 0, sessions = 0
            while done < total {
                let chunk = Int.random(in: 1...max(1, total / 4), using: &rng)
                let processed = try PaperHarness.replay(strategy, text: text, file: data, state: paths[1], limit: chunk)
                #expect(processed == min(chunk, total - done))
                done += processed
                sessions += 1
            }
            #expect(sessions > 1)
            #expect(try PaperHarness.dump(paths[1]) == PaperHarness.dump(paths[0]))
            // A finished file takes no bar twice: the same feed again adds nothing.
            #expect(try PaperHarness.replay(strategy, text: text, file: data, state: paths[1]) == 0)
        }
    }

    @Test func anotherPointIsRefused() throws {
        let (strategy, text, data) = try Self.subject()
        let (spec, otherText) = try PaperHarness.spec(strategy: ["name": "sma_cross", "parameters": ["fast": 6, "slow": 20]] as [String: Any], data: data)
        try PaperHarness.withStatePaths { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0], limit: 10)
            #expect(throws: PaperError.self) {
                try PaperHarness.replay(PaperHarness.strategy(spec, []), text: otherText, file: data, state: paths[0])
            }
        }
    }

    /// A feed that resumes after a gap would skip bars: refused, naming where it stopped.
    @Test func feedWithAGapIsRefused() throws {
        let (strategy, text, data) = try Self.subject()
        let feed = try PaperHarness.feed(strategy.spec, data)
        try PaperHarness.withStatePaths { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0], limit: 10)
            let session = try PaperHarness.session(strategy, text: text, feed: feed, state: paths[0])
            #expect(session.barsProcessed == 10)
            #expect(throws: PaperError.self) { try session.process(feed.bars.bar(11)) }
            // The next bar is taken.
            #expect(try session.process(feed.bars.bar(10)))
            #expect(session.barsProcessed == 11)
        }
    }
}
