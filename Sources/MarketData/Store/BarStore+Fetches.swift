import Foundation

/// Lineage of data fetched from an exchange (the network twin of an import's lineage row).
///
/// Semantics: one row per download or stream backfill run that stored something: exchange,
/// endpoint (base URL and path, never a key), symbol, timeframe, the requested range
/// `[rangeStart, rangeEnd)`, rows received, rows newly stored and the merged anomaly report.
/// The row is written in the same transaction as the run's first stored page and updated
/// with every later page, so it always describes exactly what is in the store.
public struct FetchRecord: Sendable, Equatable {
    public var exchange: String
    public var endpoint: String
    public var symbol: String
    public var timeframe: String
    public var rangeStart: Int64
    public var rangeEnd: Int64
    public var fetchedAt: String
    public var rows: Int
    public var inserted: Int
    public var anomalies: String
    public var policy: String
}

extension BarStore {
    /// Where fetched rows came from, for the lineage row.
    public struct FetchSource: Sendable {
        public var exchange: String
        public var endpoint: String
        public var rangeStart: Int64
        public var rangeEnd: Int64
        public init(exchange: String, endpoint: String, rangeStart: Int64, rangeEnd: Int64) {
            self.exchange = exchange; self.endpoint = endpoint; self.rangeStart = rangeStart; self.rangeEnd = rangeEnd
        }
    }

    /// What storing one fetched page did.
    public struct PageOutcome: Sendable, Equatable {
        /// The lineage row of the run (pass it back with the next page).
        public var lineageID: Int64
        public var inserted: Int
        public var unchanged: Int
    }

    /// Stores one validated page of fetched bars (with their details, aligned with the bars)
    /// in one transaction, and writes or updates the run's lineage row with the totals so far.
    /// A bar already stored with other values fails the page (nothing of it is stored), or,
    /// with `keepStoredOnConflict` (a stream's backfill), keeps the stored bar.
    public func storeFetched(_ page: ValidatedBars, details: [BarDetail], source: FetchSource, lineageID: Int64?,
                             totalRows: Int, totalInserted: Int, report: ValidationReport,
                             keepStoredOnConflict: Bool = false) throws(DataError) -> PageOutcome {
        let bars = page.bars
        precondition(details.count == bars.count, "one detail per bar")
        return try connection.transaction { () throws(DataError) -> PageOutcome in
            var conflicts = 0
            let (inserted, unchanged) = try insertBars(bars, filled: page.filled, source: "\(source.exchange) \(source.endpoint)",
                                                       conflict: keepStoredOnConflict ? .keepStored : .fail, conflicts: &conflicts)
            try insertDetails(bars, details, range: 0..<bars.count)
            let now = formatTimestamp(Int64(Date().timeIntervalSince1970 * 1000))
            let id: Int64
            if let lineageID {
                let update = try connection.prepare("UPDATE fetch_lineage SET rows = ?, inserted = ?, anomalies = ?, fetched_at = ? WHERE id = ?")
                update.bind([.int(Int64(totalRows)), .int(Int64(totalInserted + inserted)), .text(report.json), .text(now), .int(lineageID)])
                _ = try update.step()
                id = lineageID
            } else {
                let insert = try connection.prepare("""
                    INSERT INTO fetch_lineage (exchange, endpoint, symbol, timeframe, range_start, range_end, fetched_at, rows, inserted, anomalies, policy)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                insert.bind([.text(source.exchange), .text(source.endpoint), .text(bars.instrument.symbol), .text(bars.timeframe.rawValue),
                             .int(source.rangeStart), .int(source.rangeEnd), .text(now), .int(Int64(totalRows)),
                             .int(Int64(totalInserted + inserted)), .text(report.json), .text(report.policy.rawValue)])
                _ = try insert.step()
                id = connection.lastInsertRowID
            }
            return PageOutcome(lineageID: id, inserted: inserted, unchanged: unchanged)
        }
    }

    /// Every fetch run, oldest first.
    public func fetches() throws(DataError) -> [FetchRecord] {
        let query = try connection.prepare("""
            SELECT exchange, endpoint, symbol, timeframe, range_start, range_end, fetched_at, rows, inserted, anomalies, policy
            FROM fetch_lineage ORDER BY id
            """)
        var out: [FetchRecord] = []
        while try query.step() {
            out.append(FetchRecord(exchange: query.text(0), endpoint: query.text(1), symbol: query.text(2), timeframe: query.text(3),
                                   rangeStart: query.int64(4), rangeEnd: query.int64(5), fetchedAt: query.text(6),
                                   rows: Int(query.int64(7)), inserted: Int(query.int64(8)), anomalies: query.text(9),
                                   policy: query.text(10)))
        }
        return out
    }
}
