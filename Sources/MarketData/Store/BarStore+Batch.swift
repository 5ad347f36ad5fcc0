/// A closed bar of one symbol as a live stream delivers it, with the exchange's extra columns.
public struct StreamBar: Sendable, Equatable {
    public var symbol: String
    public var timeframe: Timeframe
    public var ts: Int64
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double
    public var detail: BarDetail
    public init(symbol: String, timeframe: Timeframe, ts: Int64, open: Double, high: Double, low: Double, close: Double,
                volume: Double, detail: BarDetail) {
        self.symbol = symbol; self.timeframe = timeframe; self.ts = ts
        self.open = open; self.high = high; self.low = low; self.close = close; self.volume = volume; self.detail = detail
    }
}

/// Records of several kinds and symbols written together in one transaction (a live stream's
/// batch).
public struct StoreBatch: Sendable {
    public var bars: [StreamBar] = []
    public var trades: [(symbol: String, trade: Trade)] = []
    public var quotes: [(symbol: String, quote: Quote)] = []
    public var books: [(symbol: String, book: OrderBookUpdate)] = []
    public init() {}
    public var count: Int { bars.count + trades.count + quotes.count + books.count }
    public var isEmpty: Bool { count == 0 }
    public mutating func removeAll() {
        bars.removeAll(keepingCapacity: true); trades.removeAll(keepingCapacity: true)
        quotes.removeAll(keepingCapacity: true); books.removeAll(keepingCapacity: true)
    }
}

extension BarStore {
    /// What one batch write did: records newly stored, and records already stored (the same
    /// record received twice, or a bar whose stored copy differs — `barConflicts`).
    public struct BatchOutcome: Sendable, Equatable {
        public var inserted = 0
        public var alreadyStored = 0
        public var barConflicts = 0
        public init() {}
    }

    /// Writes a batch in one transaction. Every record is keyed (bars by symbol, timeframe and
    /// open time; trades by symbol, time and id; quotes by symbol and time; books by symbol,
    /// time and sequence), and a record whose key is already stored is kept as it was, so a
    /// record delivered twice is stored once. A bar stored with other values keeps the stored
    /// values and is counted in `barConflicts`.
    public func write(_ batch: StoreBatch) throws(DataError) -> BatchOutcome {
        try connection.transaction { () throws(DataError) -> BatchOutcome in
            var outcome = BatchOutcome()
            if !batch.bars.isEmpty {
                // One series per (symbol, timeframe), in time order, for the bulk bar insert.
                var groups: [String: [StreamBar]] = [:]
                for bar in batch.bars { groups["\(bar.symbol)\u{1}\(bar.timeframe.rawValue)", default: []].append(bar) }
                for key in groups.keys.sorted() {
                    let bars = groups[key]!.sorted { $0.ts < $1.ts }
                    let first = bars[0]
                    let series = BarSeries(instrument: Instrument(symbol: first.symbol) ?? Instrument(base: first.symbol, quote: ""),
                                           timeframe: first.timeframe, ts: bars.map(\.ts), open: bars.map(\.open), high: bars.map(\.high),
                                           low: bars.map(\.low), close: bars.map(\.close), volume: bars.map(\.volume))
                    var conflicts = 0
                    let (inserted, unchanged) = try insertBars(series, filled: [], source: "stream",
                                                               conflict: .keepStored, conflicts: &conflicts)
                    try insertDetails(series, bars.map(\.detail), range: 0..<bars.count)
                    outcome.inserted += inserted
                    outcome.alreadyStored += unchanged + conflicts
                    outcome.barConflicts += conflicts
                }
            }
            let trades = try insertTrades(batch.trades.lazy.map { ($0.symbol, $0.trade) })
            let quotes = try insertQuotes(batch.quotes.lazy.map { ($0.symbol, $0.quote) })
            let books = try insertBooks(batch.books.lazy.map { ($0.symbol, $0.book) })
            outcome.inserted += trades + quotes + books
            outcome.alreadyStored += batch.trades.count - trades + batch.quotes.count - quotes + batch.books.count - books
            return outcome
        }
    }
}
