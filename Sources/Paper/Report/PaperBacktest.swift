import Experiments
import MarketData
import Simulation

/// The backtest a paper run is compared with: the same strategy, point, costs and rules on the
/// event engine (the engine paper trading runs), over the bars of `path` that open within the
/// paper run's first and last bar, loaded with the spec's validation policy and calendar.
public enum PaperBacktest {
    /// The period's bars of `path` and the backtest over them.
    public static func run(_ strategy: PaperStrategy, record: PaperRecord, data path: String) throws -> (bars: BarSeries, result: BacktestResult) {
        var spec = strategy.spec
        spec.engine.kind = .event
        let first = record.timestamps[0], last = record.timestamps[record.timestamps.count - 1]
        let data = try ExperimentData.load(DataSpec(source: .file(path: path, timeframe: nil), start: first, end: last + 1,
                                                    validation: spec.data.validation, calendar: spec.data.calendar))
        guard data.bars.count >= 2 else {
            throw PaperError.report("\(path): \(data.bars.count) bar(s) between \(formatTimestamp(first)) and \(formatTimestamp(last)), "
                                  + "the paper period; a backtest needs at least 2")
        }
        return (data.bars, try SpecBacktest.run(spec, data: data, values: strategy.values))
    }
}
