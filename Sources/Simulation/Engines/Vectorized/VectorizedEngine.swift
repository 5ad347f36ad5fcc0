import Foundation
import MarketData
import Strategies

/// The vectorized engine: signals per parameter column, one pass over the bars per column,
/// fills, fees, fixed or volatility slippage, long/short, fraction sizing and stop-loss /
/// take-profit exits under the same intrabar rule as the event engine.
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
        try validate(bars)
        let cache: S.Cache
        do { cache = try S.makeCache(bars, for: [strategy]) } catch { throw .strategy(error) }
        let resolver = try IntrabarResolver(path: config.intrabar, coarse: bars, fine: subBars)
        let stats = slippage.needsStats ? MarketStats(bars: bars, window: config.statsWindow) : .none
        var column = ColumnRun<S.Kernel, Slippage, FullRecord>(
            config: config, slippage: slippage, stats: stats, resolver: resolver, rules: strategy.rules,
            periodsPerYear: bars.periodsPerYear, recorder: FullRecord(bars: bars.count))
        withExtendedLifetime(cache) {
            let kernel = strategy.kernel(cache)
            Self.withColumns(bars) { column.run(kernel, $0) }
        }
        var trades = column.recorder.trades
        if let open = column.builder.openTrade(markedAt: bars.close[bars.count - 1]) { trades.append(open) }
        return BacktestResult(
            timestamps: bars.ts, equity: column.recorder.equity, cash: column.recorder.cash, trades: trades,
            fills: column.recorder.fills,
            metrics: RunMetrics(initialCash: config.initialCash, stats: column.equity, periodsPerYear: bars.periodsPerYear,
                                tradeCount: column.entries, totalFees: column.fees),
            intrabar: config.intrabar, fill: config.fill, fundingPaid: 0, borrowPaid: column.borrowPaid, orderUpdates: [])
    }

    /// Metrics of every column (in column order), computed in parallel over `threads` workers
    /// sharing one indicator cache. Deterministic: each column's result depends on it alone.
    @inlinable
    public func sweep<S: VectorizedStrategy>(_ columns: [S], bars: BarSeries, subBars: BarSeries? = nil,
                                             threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(SimulationError) -> [RunMetrics] {
        try validate(bars)
        guard !columns.isEmpty else { return [] }
        let cache: S.Cache
        do { cache = try S.makeCache(bars, for: columns) } catch { throw .strategy(error) }
        let resolver = try IntrabarResolver(path: config.intrabar, coarse: bars, fine: subBars)
        let stats = slippage.needsStats ? MarketStats(bars: bars, window: config.statsWindow) : .none
        let ppy = bars.periodsPerYear
        let workers = max(1, min(threads, columns.count))
        let results = UnsafeMutableBufferPointer<RunMetrics>.allocate(capacity: columns.count)
        defer { results.deallocate() }
        let output = SendablePointer(results.baseAddress!)
        let config = self.config, slippage = self.slippage
        withExtendedLifetime(cache) {
            Self.withColumns(bars) { bars in
                let sendableBars = SendableColumns(bars)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    // Blocks of neighbouring columns (which usually share indicator columns) run
                    // together over chunks of bars, so each chunk's data is read from cache.
                    var block = worker
                    while block * Self.blockSize < columns.count {
                        let range = (block * Self.blockSize)..<min(columns.count, (block + 1) * Self.blockSize)
                        var runs = range.map { index in
                            ColumnRun<S.Kernel, Slippage, MetricsOnly>(
                                config: config, slippage: slippage, stats: stats, resolver: resolver, rules: columns[index].rules,
                                periodsPerYear: ppy, recorder: MetricsOnly())
                        }
                        let kernels = range.map { columns[$0].kernel(cache) }
                        var end = 0
                        while end < sendableBars.columns.count {
                            end = min(sendableBars.columns.count, end + Self.chunkBars)
                            for k in runs.indices { runs[k].run(kernels[k], sendableBars.columns, upTo: end) }
                        }
                        for (k, index) in range.enumerated() {
                            (output.pointer + index).initialize(to: RunMetrics(
                                initialCash: config.initialCash, stats: runs[k].equity, periodsPerYear: ppy,
                                tradeCount: runs[k].entries, totalFees: runs[k].fees))
                        }
                        block += workers
                    }
                }
            }
        }
        return Array(results)
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

/// A result slot pointer written by exactly one worker per index.
@usableFromInline
struct SendablePointer<T>: @unchecked Sendable {
    @usableFromInline let pointer: UnsafeMutablePointer<T>
    @inlinable init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
