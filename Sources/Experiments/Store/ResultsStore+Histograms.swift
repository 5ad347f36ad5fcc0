/// The histogram of one metric under one Monte Carlo method.
///
/// Semantics: `edges` has one entry more than `counts`; bin k counts the paths whose metric lies
/// in [edges[k], edges[k+1]) (the last bin also holds the maximum). Stored one row per bin.
public struct MonteCarloHistogramRecord: Sendable, Equatable {
    public var method: MonteCarloMethod
    public var metric: String
    public var edges: [Double]
    public var counts: [Int]

    public init(method: MonteCarloMethod, metric: String, edges: [Double], counts: [Int]) {
        precondition(counts.isEmpty ? edges.isEmpty : edges.count == counts.count + 1, "one edge more than bins")
        self.method = method; self.metric = metric; self.edges = edges; self.counts = counts
    }
}

extension ResultsStore {
    /// Commits Monte Carlo histograms (replacing any with the same method and metric).
    public func record(runID: String, histograms: [MonteCarloHistogramRecord]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let delete = try db.prepare("DELETE FROM monte_carlo_histogram WHERE run_id = ? AND method = ? AND metric = ?")
            let insert = try db.prepare("""
                INSERT INTO monte_carlo_histogram (run_id, method, metric, bin, lower, upper, count)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for h in histograms {
                try delete.run([.text(runID), .text(h.method.rawValue), .text(h.metric)])
                for (k, count) in h.counts.enumerated() {
                    try insert.run([.text(runID), .text(h.method.rawValue), .text(h.metric), .int(Int64(k)),
                                    .double(h.edges[k]), .double(h.edges[k + 1]), .int(Int64(count))])
                }
            }
        }
    }

    /// The stored Monte Carlo histograms, by method name then metric name.
    public func monteCarloHistograms(runID: String) throws(StoreError) -> [MonteCarloHistogramRecord] {
        var rows: [(method: String, metric: String, lower: Double, upper: Double, count: Int)] = []
        try db.prepare("""
            SELECT method, metric, lower, upper, count FROM monte_carlo_histogram WHERE run_id = ? ORDER BY method, metric, bin
            """).query([.text(runID)]) { row throws(StoreError) in
            rows.append((row.text(0), row.text(1), row.double(2), row.double(3), Int(row.int64(4))))
        }
        var histograms: [MonteCarloHistogramRecord] = []
        var start = 0
        while start < rows.count {
            var end = start
            while end < rows.count && rows[end].method == rows[start].method && rows[end].metric == rows[start].metric { end += 1 }
            guard let method = MonteCarloMethod(rawValue: rows[start].method) else {
                throw .corrupt(path: path, reason: "unknown Monte Carlo method \"\(rows[start].method)\"")
            }
            let bins = rows[start..<end]
            histograms.append(MonteCarloHistogramRecord(method: method, metric: rows[start].metric,
                                                        edges: bins.map(\.lower) + [bins.last!.upper], counts: bins.map(\.count)))
            start = end
        }
        return histograms
    }
}
