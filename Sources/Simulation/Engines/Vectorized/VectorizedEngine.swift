import Foundation
import MarketData
import Strategies

/// The vectorized engine: signals per parameter column, one pass over the bars per column,
/// fills, fees, fixed or volatility slippage, long/short, and each column's `VectorizedRules`:
/// sizing rules, protective exits (stop-loss, ATR stop, trailing stop, take-profit, time stop,
/// per-entry levels from the kernel) and the single-symbol risk limits, with the semantics of
/// `Modifiers` and under the same intrabar rule as the event engine. Risk firings and refused
/// orders are counted in every run's metrics and listed in a full run's `riskEvents`.
///
/// Not modelled here (use the event engine): volume caps and partial fills, liquidation,
/// funding, several symbols, order types beyond market entries with bracket exits.
public struct VectorizedEngine<Slippage: SlippageModel>: Sendable {
    public let config: EngineConfig
    public let slippage: Slippage

    public init(config: EngineConfig, slippage: Slippage) {
        self.config = config
        self.slippage = slippage
    }

    @usableFromInline
    func validate(_ bars: BarSeries) throws(SimulationError) {
        try config.validate()
        guard !bars.isEmpty else { throw .noData }
        guard config.maxParticipation == nil else { throw .invalidConfig("the vectorized engine has no volume cap; use the event engine for max_participation") }
        guard config.maintenanceMargin == 0 else { throw .invalidConfig("the vectorized engine does not liquidate; use the event engine for maintenance margin") }
    }

    /// One full backtest of `strategy` with equity, fills and trades recorded.
    @inlinable
    public func run<S: VectorizedStrategy>(_ strategy: S, bars: BarSeries, subBars: BarSeries? = nil) throws(SimulationError) -> BacktestResult {
        var result: BacktestResult?
        try sweep([strategy], bars: bars, subBars: subBars, threads: 1) { _, r in result = r }
        return result!
    }

    /// The full backtest of every column (equity, cash, fills and trades recorded), handed to
    /// `body` with its column index as each finishes, on `threads` workers sharing one
    /// indicator cache. `body` runs on the worker threads (concurrently for different columns);
    /// each result depends on its column alone, so nothing depends on the thread count.
    @inlinable
    public func sweep<S: VectorizedStrategy>(_ columns: [S], bars: BarSeries, subBars: BarSeries? = nil,
                                             threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                                             results body: (Int, BacktestResult) -> Void) throws(SimulationError) {
        let ppy = bars.periodsPerYear
        let config = self.config
        try forEachColumn(columns, bars: bars, subBars: subBars, threads: threads, recorder: { FullRecord(bars: bars.count) }) { index, column in
            var trades = column.recorder.trades
            if let open = column.builder.openTrade(markedAt: bars.close[bars.count - 1]) { trades.append(open) }
            body(index, BacktestResult(
                timestamps: bars.ts, equity: column.recorder.equity, cash: column.recorder.cash, trades: trades,
                fills: column.recorder.fills,
                metrics: RunMetrics(initialCash: config.initialCash, stats: column.equity, periodsPerYear: ppy,
                                    entries: column.entries, totalFees: column.fees, risk: column.risk),
                intrabar: config.intrabar, fill: config.fill, fundingPaid: 0, borrowPaid: column.borrowPaid, orderUpdates: [],
                riskEvents: column.recorder.riskEvents))
        }
    }

    /// Metrics of every column (in column order), computed in parallel over `threads` workers
    /// sharing one indicator cache. Deterministic: each column's result depends on it alone.
    @inlinable
    public func sweep<S: VectorizedStrategy>(_ columns: [S], bars: BarSeries, subBars: BarSeries? = nil,
                                             threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(SimulationError) -> [RunMetrics] {
        guard !columns.isEmpty else { try validate(bars); return [] }
        let results = UnsafeMutableBufferPointer<RunMetrics>.allocate(capacity: columns.count)
        defer { results.deallocate() }
        let output = SendablePointer(results.baseAddress!)
        let ppy = bars.periodsPerYear
        let initialCash = config.initialCash
        try forEachColumn(columns, bars: bars, subBars: subBars, threads: threads, recorder: { MetricsOnly() }) { index, column in
            (output.pointer + index).initialize(to: RunMetrics(
                initialCash: initialCash, stats: column.equity, periodsPerYear: ppy,
                entries: column.entries, totalFees: column.fees, risk: column.risk))
        }
        return Array(results)
    }

    /// Runs every column with a recorder from `recorder` and hands each finished column run to
    /// `finish` on its worker thread. Blocks of neighbouring columns (which usually share
    /// indicator columns) run together over chunks of bars, so each chunk's data is read from
    /// cache; worker w takes blocks w, w + workers, ….
    @inlinable
    func forEachColumn<S: VectorizedStrategy, Recorder: RunRecorder>(
        _ columns: [S], bars: BarSeries, subBars: BarSeries?, threads: Int, recorder: () -> Recorder,
        _ finish: (Int, ColumnRun<S.Kernel, Slippage, Recorder>) -> Void) throws(SimulationError) {
        try validate(bars)
        guard !columns.isEmpty else { return }
        let cache: S.Cache
        do { cache = try S.makeCache(bars, for: columns) } catch { throw .strategy(error) }
        let resolver = try IntrabarResolver(path: config.intrabar, coarse: bars, fine: subBars)
        let stats = slippage.needsStats ? MarketStats(bars: bars, window: config.statsWindow) : .none
        let ppy = bars.periodsPerYear
        let modifierColumns = try ModifierColumns(bars, rules: columns.map(\.rules))
        let workers = max(1, min(threads, (columns.count + Self.blockSize - 1) / Self.blockSize))
        let config = self.config, slippage = self.slippage
        withoutActuallyEscaping(recorder) { recorder in
            withoutActuallyEscaping(finish) { finish in
                let calls = SendableCalls(recorder: recorder, finish: finish)
                withExtendedLifetime((cache, modifierColumns)) {
                    Self.withColumns(bars) { bars in
                        let sendableBars = SendableColumns(bars)
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            var block = worker
                            while block * Self.blockSize < columns.count {
                                let range = (block * Self.blockSize)..<min(columns.count, (block + 1) * Self.blockSize)
                                var runs = range.map { index in
                                    ColumnRun<S.Kernel, Slippage, Recorder>(
                                        config: config, slippage: slippage, stats: stats, resolver: resolver, rules: columns[index].rules,
                                        columns: modifierColumns.pointers(columns[index].rules), periodsPerYear: ppy,
                                        recorder: calls.recorder())
                                }
                                let kernels = range.map { columns[$0].kernel(cache) }
                                var end = 0
                                while end < sendableBars.columns.count {
                                    end = min(sendableBars.columns.count, end + Self.chunkBars)
                                    for k in runs.indices { runs[k].run(kernels[k], sendableBars.columns, upTo: end) }
                                }
                                for (k, index) in range.enumerated() { calls.finish(index, runs[k]) }
                                block += workers
                            }
                        }
                    }
                }
            }
        }
    }

    /// Streams the metrics of `columns` to `body` in column order, `batchSize` columns at a time:
    /// only one batch's results and indicator cache exist at once, so memory stays bounded
    /// however many columns there are.
    @inlinable
    public func sweep<S: VectorizedStrategy>(_ columns: [S], bars: BarSeries, subBars: BarSeries? = nil, batchSize: Int,
                                             threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                                             _ body: (Int, RunMetrics) -> Void) throws(SimulationError) {
        precondition(batchSize > 0, "batch size must be positive")
        var start = 0
        while start < columns.count {
            let end = min(columns.count, start + batchSize)
            let metrics = try sweep(Array(columns[start..<end]), bars: bars, subBars: subBars, threads: threads)
            for (k, m) in metrics.enumerated() { body(start + k, m) }
            start = end
        }
    }

    /// Columns run together in a sweep, and the bars per chunk they advance by in turn.
    @usableFromInline static var blockSize: Int { 32 }
    @usableFromInline static var chunkBars: Int { 4_096 }

    /// Calls `body` with pointers to the bars' columns.
    @inlinable
    static func withColumns<R>(_ bars: BarSeries, _ body: (BarColumns) -> R) -> R {
        bars.withUnsafeColumns { ts, o, h, l, c, v in
            body(BarColumns(ts: ts.baseAddress!, open: o.baseAddress!, high: h.baseAddress!, low: l.baseAddress!,
                            close: c.baseAddress!, volume: v.baseAddress!, count: ts.count))
        }
    }
}

/// Read-only column pointers handed to worker threads (the storage outlives the workers).
@usableFromInline
struct SendableColumns: @unchecked Sendable {
    @usableFromInline let columns: BarColumns
    @inlinable init(_ columns: BarColumns) { self.columns = columns }
}

/// The caller's closures handed to worker threads: `finish` is called once per column, from
/// one worker at a time per column; the caller's closures tolerate concurrent calls.
@usableFromInline
struct SendableCalls<Recorder, Run>: @unchecked Sendable {
    @usableFromInline let recorder: () -> Recorder
    @usableFromInline let finish: (Int, Run) -> Void
    @inlinable init(recorder: @escaping () -> Recorder, finish: @escaping (Int, Run) -> Void) {
        self.recorder = recorder
        self.finish = finish
    }
}

/// A result slot pointer written by exactly one worker per index.
@usableFromInline
struct SendablePointer<T>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<T>
    @inlinable init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
