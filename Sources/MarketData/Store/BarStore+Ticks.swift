/// One trade print: time (epoch ms UTC), price, size in the base asset, aggressor side.
/// `seq` orders prints that share a millisecond.
public struct Trade: Sendable, Equatable {
    public enum Side: String, Sendable { case buy, sell }
    public var ts: Int64
    public var seq: Int64
    public var price: Double
    public var size: Double
    public var side: Side
    public init(ts: Int64, seq: Int64 = 0, price: Double, size: Double, side: Side) {
        self.ts = ts; self.seq = seq; self.price = price; self.size = size; self.side = side
    }
}

/// Top of book at one time: best bid and ask with their sizes.
public struct Quote: Sendable, Equatable {
    public var ts: Int64
    public var bidPrice: Double
    public var bidSize: Double
    public var askPrice: Double
    public var askSize: Double
    public init(ts: Int64, bidPrice: Double, bidSize: Double, askPrice: Double, askSize: Double) {
        self.ts = ts; self.bidPrice = bidPrice; self.bidSize = bidSize; self.askPrice = askPrice; self.askSize = askSize
    }
}

extension BarStore {
    /// Stores trades of `symbol` in one transaction; a print already stored under the same
    /// (ts, seq) is kept as it was. Returns the number written.
    public func insert(trades: [Trade], symbol: String) throws(DataError) -> Int {
        try connection.transaction { () throws(DataError) -> Int in try insertTrades(trades.lazy.map { (symbol, $0) }) }
    }

    /// Inside a transaction: INSERT OR IGNORE (symbol, trade) pairs. Returns the number written.
    func insertTrades<S: Sequence>(_ trades: S) throws(DataError) -> Int where S.Element == (String, Trade) {
        let insert = try connection.prepare("INSERT OR IGNORE INTO trades (symbol, ts, seq, price, size, side) VALUES (?, ?, ?, ?, ?, ?)")
        var written = 0
        for (symbol, trade) in trades {
            insert.bind(1, symbol)
            insert.bind(2, trade.ts); insert.bind(3, trade.seq); insert.bind(4, trade.price); insert.bind(5, trade.size)
            insert.bind(6, trade.side.rawValue)
            _ = try insert.step()
            insert.reset()
            written += Int(connection.changes)
        }
        return written
    }

    /// Trades of `symbol` with ts in `[start, end)`, in (ts, seq) order.
    public func trades(symbol: String, from start: Int64 = .min, to end: Int64 = .max) throws(DataError) -> [Trade] {
        let query = try connection.prepare("""
            SELECT ts, seq, price, size, side FROM trades WHERE symbol = ? AND ts >= ? AND ts < ? ORDER BY ts, seq
            """)
        query.bind(1, symbol); query.bind(2, start); query.bind(3, end)
        var out: [Trade] = []
        while try query.step() {
            out.append(Trade(ts: query.int64(0), seq: query.int64(1), price: query.double(2), size: query.double(3),
                             side: query.text(4) == "buy" ? .buy : .sell))
        }
        return out
    }

    /// Stores quotes of `symbol` in one transaction (existing timestamps kept). Returns the number written.
    public func insert(quotes: [Quote], symbol: String) throws(DataError) -> Int {
        try connection.transaction { () throws(DataError) -> Int in try insertQuotes(quotes.lazy.map { (symbol, $0) }) }
    }

    /// Inside a transaction: INSERT OR IGNORE (symbol, quote) pairs. Returns the number written.
    func insertQuotes<S: Sequence>(_ quotes: S) throws(DataError) -> Int where S.Element == (String, Quote) {
        let insert = try connection.prepare("""
            INSERT OR IGNORE INTO quotes (symbol, ts, bid_price, bid_size, ask_price, ask_size) VALUES (?, ?, ?, ?, ?, ?)
            """)
        var written = 0
        for (symbol, quote) in quotes {
            insert.bind(1, symbol)
            insert.bind(2, quote.ts); insert.bind(3, quote.bidPrice); insert.bind(4, quote.bidSize)
            insert.bind(5, quote.askPrice); insert.bind(6, quote.askSize)
            _ = try insert.step()
            insert.reset()
            written += Int(connection.changes)
        }
        return written
    }

    /// Quotes of `symbol` with ts in `[start, end)`, ascending.
    public func quotes(symbol: String, from start: Int64 = .min, to end: Int64 = .max) throws(DataError) -> [Quote] {
        let query = try connection.prepare("""
            SELECT ts, bid_price, bid_size, ask_price, ask_size FROM quotes WHERE symbol = ? AND ts >= ? AND ts < ? ORDER BY ts
            """)
        query.bind(1, symbol); query.bind(2, start); query.bind(3, end)
        var out: [Quote] = []
        while try query.step() {
            out.append(Quote(ts: query.int64(0), bidPrice: query.double(1), bidSize: query.double(2),
                             askPrice: query.double(3), askSize: query.double(4)))
        }
        return out
    }
}
