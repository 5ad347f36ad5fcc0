/// An exchange's columns beyond OHLCV for one bar: quote-asset volume and number of trades
/// (nil where the exchange does not report them).
public struct BarDetail: Sendable, Equatable {
    public var quoteVolume: Double?
    public var trades: Int64?
    public init(quoteVolume: Double?, trades: Int64?) { self.quoteVolume = quoteVolume; self.trades = trades }
}

extension BarStore {
    /// Inside a transaction: stores the details of bars `range` of `bars` (`details` aligned
    /// with the series); details already stored are kept.
    func insertDetails(_ bars: BarSeries, _ details: [BarDetail], range: Range<Int>) throws(DataError) {
        let insert = try connection.prepare("""
            INSERT OR IGNORE INTO bar_details (symbol, timeframe, ts, quote_volume, trades) VALUES (?, ?, ?, ?, ?)
            """)
        for i in range {
            insert.bind([.text(bars.instrument.symbol), .text(bars.timeframe.rawValue), .int(bars.ts[i]),
                         .optional(details[i].quoteVolume), .optional(details[i].trades)])
            _ = try insert.step()
            insert.reset()
        }
    }

    /// The stored details of `symbol` at `timeframe` with open time in `[start, end)`, by open time.
    public func details(symbol: String, timeframe: Timeframe, from start: Int64 = .min,
                        to end: Int64 = .max) throws(DataError) -> [(ts: Int64, detail: BarDetail)] {
        let query = try connection.prepare("""
            SELECT ts, quote_volume, trades FROM bar_details WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts
            """)
        query.bind(1, symbol); query.bind(2, timeframe.rawValue); query.bind(3, start); query.bind(4, end)
        var out: [(ts: Int64, detail: BarDetail)] = []
        while try query.step() {
            out.append((query.int64(0), BarDetail(quoteVolume: query.optionalDouble(1), trades: query.isNull(2) ? nil : query.int64(2))))
        }
        return out
    }

    /// The stored bars of `symbol` at `timeframe` inside `[start, end)`: first and last open
    /// time and how many; nil when there are none.
    public func storedRange(symbol: String, timeframe: Timeframe, from start: Int64 = .min,
                            to end: Int64 = .max) throws(DataError) -> (first: Int64, last: Int64, count: Int)? {
        let query = try connection.prepare("SELECT MIN(ts), MAX(ts), COUNT(*) FROM bars WHERE symbol = ? AND timeframe = ? AND ts >= ? AND ts < ?")
        query.bind(1, symbol); query.bind(2, timeframe.rawValue); query.bind(3, start); query.bind(4, end)
        guard try query.step(), !query.isNull(0) else { return nil }
        return (query.int64(0), query.int64(1), Int(query.int64(2)))
    }
}
