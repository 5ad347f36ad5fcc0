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
            periodsPerYear: bars.timeframe.periodsPerYear, recorder: FullRecord(bars: bars.count))
        withExtendedLifetime(cache) {
            let kernel = strategy.kernel(cache)
            Self.withColumns(bars) { column.run(kernel, $0) }
        }
        var trades = column.recorder.trades
        if let open = column.builder.openTrade(markedAt: bars.close[bars.count - 1]) { trades.append(open) }
        return BacktestResult(
            timestamps: bars.ts, equity: column.recorder.equity, cash: column.recorder.cash, trades: trades,
            fills: column.recorder.fills,
            metrics: RunMetrics(initialCash: config.initialCash, stats: column.equity, periodsPerYear: bars.timeframe.periodsPerYear,
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
        let ppy = bars.timeframe.periodsPerYear
        let workers = max(1, min(threads, columns.count))
        let results = UnsafeMutableBufferPointer<RunMetrics>.allocate(capacity: columns.count)
        defer { results.deallocate() }
        let output = SendablePointer(results.baseAddress!)
        let config = self.config, slippage = self.slippage
        withExtendedLifetime(cache) {
            Self.withColumns(bars) { bars in
                let sendableBars = SendableColumns(bars)
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    var index = worker
                    while index < columns.count {
                        let strategy = columns[index]
                        var column = ColumnRun<S.Kernel, Slippage, MetricsOnly>(
                            config: config, slippage: slippage, stats: stats, resolver: resolver, rules: strategy.rules,
                            periodsPerYear: ppy, recorder: MetricsOnly())
                        column.run(strategy.kernel(cache), sendableBars.columns)
                        (output.pointer + index).initialize(to: RunMetrics(
                            initialCash: config.initialCash, stats: column.equity, periodsPerYear: ppy,
                            tradeCount: column.entries, totalFees: column.fees))
                        index += workers
                    }
                }
            }
        }
        return Array(results)
    }

    /// Calls `body` with pointers to the bars' columns.
    @inlinable
    static func withColumns<R>(_ bars: BarSeries, _ body: (BarColumns) -> R) -> R {
        bars.ts.withUnsafeBufferPointer { ts in
            bars.open.withUnsafeBufferPointer { o in
                bars.high.withUnsafeBufferPointer { h in
                    bars.low.withUnsafeBufferPointer { l in
                        bars.close.withUnsafeBufferPointer { c in
                            bars.volume.withUnsafeBufferPointer { v in
                                body(BarColumns(ts: ts.baseAddress!, open: o.baseAddress!, high: h.baseAddress!, low: l.baseAddress!,
                                                close: c.baseAddress!, volume: v.baseAddress!, count: ts.count))
                            }
                        }
                    }
                }
            }
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
