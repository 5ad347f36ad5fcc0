import Foundation
import MarketData
import Simulation

/// One paper run: a spec's strategy at a point (`PaperStrategy`), stepped one closed bar at a
/// time by the event engine (`process`), its state committed to a state file (`commit`) in
/// batches of bars the caller chooses (`PaperLoop`: every bar a live feed waits for).
///
/// Semantics of a restart: the file records every bar committed (bars processed after the last
/// commit are not in it, and are processed again from the feed). Opening an existing file
/// checks that it was made by the same spec text, point and instrument, rebuilds the run by
/// stepping the recorded bars through a fresh engine (the strategy's indicators and the order
/// book are rebuilt exactly as they were, nothing is written) and checks the result against the
/// recorded progress (cash, fees, equity, counts) bit for bit. Then `process` continues: a bar
/// at or before the last one recorded is skipped (it must equal the recorded one when it is the
/// last), so no bar is processed twice; the first new bar must follow the last recorded one in
/// the feed, or, when the feed did not show it, open exactly one timeframe later, so none is
/// skipped.
public final class PaperSession {
    public let strategy: PaperStrategy
    public let state: StateFile
    public let instrument: Instrument
    public let timeframe: Timeframe
    /// The run (its per-bar accesses are not checked for exclusivity at run time: the session is
    /// used by one bar loop, and none of them overlap).
    @exclusivity(unchecked) public private(set) var run: IncrementalRun
    /// The last bar recorded when the session opened (nil for a new file).
    private let resumedAt: Bar?
    /// Whether the feed has shown the bar `resumedAt`, and whether a new bar has been processed.
    private var sawResumeBar = false, continued = false

    /// Opens (or creates) the state file at `statePath` for `strategy` on bars of `instrument`
    /// at `timeframe`; `specText` identifies the spec (its SHA-256 is recorded).
    public init(strategy: PaperStrategy, specText: String, statePath: String, instrument: Instrument, timeframe: Timeframe,
                periodsPerYear: Double, expectedBars: Int) throws {
        let state = try StateFile(path: statePath)
        let meta: [(String, String)] = [
            ("format_version", StateSchema.version),
            ("spec_sha256", SHA256.hex(Array(specText.utf8))),
            ("spec_name", strategy.spec.name),
            ("strategy", strategy.spec.strategy.name),
            ("point", strategy.pointText),
            ("instrument", instrument.symbol),
            ("timeframe", timeframe.rawValue),
            ("periods_per_year", "\(periodsPerYear)"),
            ("initial_cash", "\(strategy.spec.engine.config.initialCash)"),
        ]
        let stored = try state.meta()
        if stored.isEmpty {
            try state.setMeta(meta)
        } else {
            for (key, value) in meta where stored[key] != value {
                throw PaperError.stateMismatch(path: statePath, detail: "\(key) is \(stored[key].map { "\"\($0)\"" } ?? "missing") in the file, \"\(value)\" now")
            }
        }
        // The spec itself and the folder its paths are relative to, for `crucible paper report`
        // (files made before they were recorded lack them).
        if stored["spec_text"] == nil {
            try state.setMeta([("spec_text", specText)] + (strategy.spec.specFolder.map { [("spec_folder", $0)] } ?? []))
        }
        var run = try strategy.makeRun(instrument: instrument, periodsPerYear: periodsPerYear,
                                       expectedBars: max(expectedBars, state.progress.bars) + 1)
        let bars = try state.bars()
        do {
            for bar in bars { _ = try run.advance(bar) }
        } catch {
            throw PaperError.restoreDiverged(path: statePath, detail: "its bar table does not replay: \(error)")
        }
        if let problem = Self.divergence(run, state.progress) { throw PaperError.restoreDiverged(path: statePath, detail: problem) }
        self.strategy = strategy
        self.state = state
        self.instrument = instrument
        self.timeframe = timeframe
        self.run = run
        self.resumedAt = bars.last
    }

    /// Bars processed in total (before this session too).
    public var barsProcessed: Int { run.count }

    /// Bars processed and not yet committed.
    public var uncommitted: Int { stepped.count }
    @exclusivity(unchecked) private var stepped: [SteppedBar] = []

    /// Processes one closed bar from the feed (committed by the next `commit`); returns false
    /// when the bar was already processed (a restart's feed repeating what the file holds).
    @discardableResult
    public func process(_ bar: Bar) throws -> Bool {
        if let last = run.lastTs, bar.ts <= last {
            guard !continued else { throw PaperError.simulation(.barOutOfOrder(ts: bar.ts, previous: last)) }
            if let resumedAt, bar.ts == resumedAt.ts {
                guard bar == resumedAt else {
                    throw PaperError.feed("the bar at \(formatTimestamp(bar.ts)) differs from the one \(state.path) processed; not the same data")
                }
                sawResumeBar = true
            }
            return false
        }
        if let resumedAt, !continued, !sawResumeBar {
            let expected = timeframe.nextOpen(after: resumedAt.ts)
            guard bar.ts == expected else {
                throw PaperError.feed("\(state.path) stopped at the bar of \(formatTimestamp(resumedAt.ts)); the feed continues at "
                                      + "\(formatTimestamp(bar.ts)), not \(formatTimestamp(expected)): bars would be skipped")
            }
        }
        do { stepped.append(try run.advance(bar)) } catch { throw PaperError.simulation(error) }
        continued = true
        return true
    }

    /// Commits the bars processed since the last commit, and the state they left, in one
    /// transaction; returns once they are in the file, or with `wait` false once they are
    /// handed to the state file's writer, which writes them while the caller steps on (the next
    /// commit waits for it). With no new bars, only waits for a commit in flight.
    public func commit(wait: Bool = true) throws {
        try state.commit(run, stepped: stepped, instrument: instrument.symbol, wait: wait)
        stepped.removeAll(keepingCapacity: true)
    }

    /// What differs between a rebuilt run and the progress a file recorded, if anything.
    static func divergence(_ run: IncrementalRun, _ p: StateProgress) -> String? {
        let pairs: [(String, String, String)] = [
            ("bars", "\(run.count)", "\(p.bars)"),
            ("last bar", "\(run.lastTs.map(String.init) ?? "none")", "\(p.lastTs.map(String.init) ?? "none")"),
            ("cash", "\(p.bars == 0 ? p.cash : run.cash)", "\(p.cash)"),
            ("equity", "\(run.equity.last.map { "\($0)" } ?? "none")", "\(p.equity.map { "\($0)" } ?? "none")"),
            ("fees", "\(run.totalFees)", "\(p.fees)"),
            ("fills", "\(run.fills.count)", "\(p.fills)"),
            ("closed trades", "\(run.closedTrades.count)", "\(p.closedTrades)"),
            ("order updates", "\(run.orderUpdates.count)", "\(p.orderUpdates)"),
            ("risk events", "\(run.riskEvents.count)", "\(p.riskEvents)"),
        ]
        let differing = pairs.filter { $0.1 != $0.2 }
        guard !differing.isEmpty else { return nil }
        return differing.map { "\($0.0): rebuilt \($0.1), recorded \($0.2)" }.joined(separator: "; ")
    }
}
