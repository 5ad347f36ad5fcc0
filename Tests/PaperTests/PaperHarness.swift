import Experiments
import Foundation
import MarketData
import Optimization
import Paper
import Simulation
import TestSupport

/// Specs, replays and batch backtests for the paper tests.
enum PaperHarness {
    /// A spec on the event engine trading `data` with `strategy` (a spec `strategy` object),
    /// with fees and slippage, as JSON text and decoded.
    static func spec(strategy: [String: Any], data: URL, slippage: [String: Any] = ["model": "fixed_bps", "bps": 2])
        throws -> (spec: ExperimentSpec, text: String) {
        let root: [String: Any] = [
            "name": "paper_test",
            "seed": 1,
            "data": ["file": data.path],
            "strategy": strategy,
            "engine": ["kind": "event", "cash": 10_000, "fees": ["maker_bps": 2, "taker_bps": 5], "slippage": slippage],
            "objective": ["metric": "sharpe_ratio", "direction": "maximize"],
            "optimizer": ["kind": "grid"],
        ]
        let json = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return (try SpecDecoder.decode(json, baseDirectory: Fixtures.root), String(decoding: json, as: UTF8.self))
    }

    /// An example spec from experiments/ moved onto `data` (whole file) and the event engine.
    static func example(_ name: String, data: URL) throws -> (spec: ExperimentSpec, text: String) {
        let url = Fixtures.root.appendingPathComponent("experiments").appendingPathComponent(name)
        var root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var source: [String: Any] = ["file": data.path]
        if let given = root["data"] as? [String: Any], let columns = given["columns"] { source["columns"] = columns }
        root["data"] = source
        var engine = root["engine"] as! [String: Any]
        engine["kind"] = "event"
        root["engine"] = engine
        for stage in ["walk_forward", "monte_carlo", "compare"] { root.removeValue(forKey: stage) }
        let json = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        return (try SpecDecoder.decode(json, baseDirectory: url.deletingLastPathComponent()), String(decoding: json, as: UTF8.self))
    }

    /// The paper strategy at `point` (`name=value` pairs).
    static func strategy(_ spec: ExperimentSpec, _ point: [(String, String)]) throws -> PaperStrategy {
        try PaperStrategy(spec: spec, values: SpecBacktest.point(spec, point.map { (name: $0.0, value: $0.1) }))
    }

    /// The replay feed of the spec's own data file.
    static func feed(_ spec: ExperimentSpec, _ file: URL) throws -> ReplayFeed {
        try ReplayFeed(path: file.path, policy: spec.data.validation, calendar: spec.data.calendar, speed: nil)
    }

    static func session(_ strategy: PaperStrategy, text: String, feed: ReplayFeed, state: String) throws -> PaperSession {
        try PaperSession(strategy: strategy, specText: text, statePath: state, instrument: feed.instrument, timeframe: feed.timeframe,
                         periodsPerYear: feed.periodsPerYear, expectedBars: feed.expectedBars)
    }

    /// Replays `file` into `state`, at most `limit` new bars, committing after each; returns how
    /// many were new.
    @discardableResult
    static func replay(_ strategy: PaperStrategy, text: String, file: URL, state: String, limit: Int = .max) throws -> Int {
        var feed = try feed(strategy.spec, file)
        let session = try session(strategy, text: text, feed: feed, state: state)
        if let last = session.run.lastTs { feed.seek(to: last) }
        var processed = 0
        while processed < limit, let bar = try feed.next() {
            if try session.process(bar) { processed += 1 }
            try session.commit()
        }
        return processed
    }

    /// The batch backtest of the same point over the spec's data (`crucible backtest --spec`'s path).
    static func batch(_ strategy: PaperStrategy) throws -> BacktestResult {
        try SpecBacktest.run(strategy.spec, data: ExperimentData.load(strategy.spec.data), values: strategy.values)
    }

    /// Every table of a state file as text rows.
    static func dump(_ path: String) throws -> [String: [String]] {
        try StateFile(path: path, readOnly: true).contents()
    }
}

extension PaperHarness {
    /// A state file path of its own under the temporary directory; `body` runs with it and the
    /// file (with its WAL companions) is removed afterwards.
    static func withStatePaths<R>(_ count: Int = 1, _ body: ([String]) throws -> R) throws -> R {
        let paths = statePaths(count)
        defer { remove(paths) }
        return try body(paths)
    }

    /// `withStatePaths` for an async body.
    static func withStatePaths<R>(_ count: Int = 1, _ body: ([String]) async throws -> R) async throws -> R {
        let paths = statePaths(count)
        defer { remove(paths) }
        return try await body(paths)
    }

    private static func statePaths(_ count: Int) -> [String] {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-paper-\(UUID().uuidString)")
        return (0..<count).map { base.path + "-\($0).sqlite" }
    }

    private static func remove(_ paths: [String]) {
        for p in paths { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: p + suffix) } }
    }
}
