import MarketData

/// The market data an experiment runs on.
///
/// Semantics: either a CSV file (`file`, resolved against the spec file's folder when
/// relative, so a spec runs from any working directory) or a query of the SQLite bar store
/// (`symbols` + `timeframe`, optional `store` path, resolved the same way; without it,
/// `BarStore.defaultPath` under the current directory). Both must exist when the spec is read. `start` (inclusive) and `end` (exclusive)
/// cut the series by bar open time, epoch milliseconds UTC. `validation` is the policy the
/// data is loaded with; nothing is repaired silently. `columns` lists imported series
/// (`{"file", "column", "as"}`, files resolved the same way).
public struct DataSpec: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// A CSV file; the path is already resolved against the spec's folder.
        case file(path: String, timeframe: Timeframe?)
        /// Bars of `symbols` at `timeframe` from the store at `path` (resolved; nil: the default store).
        case store(path: String?, symbols: [String], timeframe: Timeframe)
    }

    public var source: Source
    public var start: Int64?
    public var end: Int64?
    public var validation: ValidationPolicy
    /// External series joined to the bars by timestamp (`data.columns`), read when the spec is
    /// decoded (so `crucible validate` reports a malformed, unsorted or duplicated file), in
    /// spec order; rule expressions name them by `ImportedSeries.name`.
    public var columns: [ImportedSeries]
    /// A CSV file of finer bars of the same symbol (resolved like `file`), replayed inside each
    /// bar by `intrabar: sub_bars`; validated under the same policy and cut to the same times.
    public var subBars: String?
    /// The trading calendar that annualizes every figure (`24/7` unless the spec says otherwise).
    public var calendar: TradingCalendar

    public init(source: Source, start: Int64? = nil, end: Int64? = nil, validation: ValidationPolicy = .fail,
                columns: [ImportedSeries] = [], subBars: String? = nil, calendar: TradingCalendar = .alwaysOpen) {
        self.source = source
        self.start = start
        self.end = end
        self.validation = validation
        self.columns = columns
        self.subBars = subBars
        self.calendar = calendar
    }
}

extension DataSpec {
    /// The data as resolved, for the manifest and the report: the CSV file's absolute path, or
    /// the store's path with the query (`market.sqlite (BTCUSDT 1h)`).
    public var resolvedDescription: String {
        switch source {
        case let .file(path, _): return path
        case let .store(path, symbols, timeframe):
            return "\(path ?? BarStore.defaultPath) (\(symbols.joined(separator: ", ")) \(timeframe))"
        }
    }
}
