/// One price level of an order book: price and size (0 in an update removes the level).
public struct BookLevel: Sendable, Equatable {
    public var price: Double
    public var size: Double
    public init(price: Double, size: Double) { self.price = price; self.size = size }
}

/// An order-book message: the top levels of each side at one time, either a full snapshot
/// (replaces the book) or an update (changes the levels it names).
///
/// Semantics: `bids` are best (highest) first, `asks` best (lowest) first; `level` in the
/// store is the index in that order. `seq` tells apart messages of one millisecond (an
/// exchange's update id where it has one); (symbol, ts, seq) identifies a message, so the
/// same message stored twice is kept once.
public struct OrderBookUpdate: Sendable, Equatable {
    public enum Kind: String, Sendable { case snapshot, update }
    public var ts: Int64
    public var seq: Int64
    public var kind: Kind
    public var bids: [BookLevel]
    public var asks: [BookLevel]
    public init(ts: Int64, seq: Int64, kind: Kind, bids: [BookLevel], asks: [BookLevel]) {
        self.ts = ts; self.seq = seq; self.kind = kind; self.bids = bids; self.asks = asks
    }
}

extension BarStore {
    /// Levels kept per side of an order-book message: deeper levels are not stored.
    public static let bookLevels = 20

    /// Inside a transaction: stores (symbol, book) pairs, the top `bookLevels` of each side; a
    /// message already stored is kept as it was. Returns the number of messages written.
    func insertBooks<S: Sequence>(_ books: S) throws(DataError) -> Int where S.Element == (String, OrderBookUpdate) {
        let insert = try connection.prepare("""
            INSERT OR IGNORE INTO order_books (symbol, ts, seq, kind, side, level, price, size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var written = 0
        for (symbol, book) in books {
            insert.bind(1, symbol); insert.bind(2, book.ts); insert.bind(3, book.seq); insert.bind(4, book.kind.rawValue)
            var changed = 0
            for (side, levels) in [("bid", book.bids), ("ask", book.asks)] {
                insert.bind(5, side)
                for (k, level) in levels.prefix(Self.bookLevels).enumerated() {
                    insert.bind(6, Int64(k)); insert.bind(7, level.price); insert.bind(8, level.size)
                    _ = try insert.step()
                    insert.reset()
                    changed += Int(connection.changes)
                }
            }
            if changed > 0 { written += 1 }
        }
        return written
    }

    /// Stores order-book messages of `symbol` in one transaction. Returns the number written.
    public func insert(books: [OrderBookUpdate], symbol: String) throws(DataError) -> Int {
        try connection.transaction { () throws(DataError) -> Int in try insertBooks(books.lazy.map { (symbol, $0) }) }
    }

    /// Order-book messages of `symbol` with ts in `[start, end)`, in (ts, seq) order.
    public func books(symbol: String, from start: Int64 = .min, to end: Int64 = .max) throws(DataError) -> [OrderBookUpdate] {
        let query = try connection.prepare("""
            SELECT ts, seq, kind, side, price, size FROM order_books WHERE symbol = ? AND ts >= ? AND ts < ?
            ORDER BY ts, seq, side, level
            """)
        query.bind(1, symbol); query.bind(2, start); query.bind(3, end)
        var out: [OrderBookUpdate] = []
        while try query.step() {
            let ts = query.int64(0), seq = query.int64(1)
            if out.last.map({ $0.ts != ts || $0.seq != seq }) ?? true {
                out.append(OrderBookUpdate(ts: ts, seq: seq, kind: query.text(2) == "snapshot" ? .snapshot : .update, bids: [], asks: []))
            }
            let level = BookLevel(price: query.double(4), size: query.double(5))
            if query.text(3) == "bid" { out[out.count - 1].bids.append(level) } else { out[out.count - 1].asks.append(level) }
        }
        return out
    }
}
