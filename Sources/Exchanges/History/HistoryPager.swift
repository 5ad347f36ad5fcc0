import MarketData

/// Walks the history pages of one instrument over `[from, to)`: request, fetch (with
/// retries), decode, rate-limit pause, next cursor. Shared by downloads and stream backfills.
struct HistoryPager<Adapter: ExchangeAdapter>: Sendable {
    let adapter: Adapter
    let fetcher: HTTPFetcher
    let now: @Sendable () -> Int64

    /// Calls `onPage` with every decoded page (rows outside `[from, to)` removed) and the request
    /// it answered, in order.
    func pages(_ instrument: Instrument, timeframe: Timeframe, from: Int64, to: Int64,
               onRetry: @escaping @Sendable (Int, String, Duration) -> Void,
               onPage: (HistoryPage, HTTPGet) throws(ExchangeError) -> Void) async throws(ExchangeError) {
        var cursor = adapter.firstCursor(start: from)
        while true {
            let get = try adapter.historyRequest(instrument, timeframe: timeframe, start: from, end: to, cursor: cursor)
            let response = try await fetcher.get(get, onRetry: onRetry)
            var page: HistoryPage
            do {
                page = try response.body.withUnsafeBufferPointer { (body) throws(JSONReadError) -> HistoryPage in
                    try adapter.decodeHistory(body, instrument: instrument, timeframe: timeframe, end: to)
                }
            } catch {
                throw .decode(request: get.description, error: error)
            }
            let next = page.next
            if page.ts.contains(where: { $0 < from || $0 >= to }) { page = page.filtered(from: from, to: to) }
            try onPage(page, get)
            if let pause = adapter.pause(afterHeaders: response.headers, now: now()) {
                do { try await Task.sleep(for: pause) } catch { throw .transport(request: get.description, reason: "cancelled", attempts: 1) }
            }
            guard let next else { return }
            if case let .time(t) = next, t >= to { return }
            cursor = next
        }
    }
}

extension HistoryPage {
    /// The rows with open time in `[from, to)`.
    func filtered(from: Int64, to: Int64) -> HistoryPage {
        var out = HistoryPage()
        out.next = next
        for i in ts.indices where ts[i] >= from && ts[i] < to {
            out.append(ts: ts[i], open: open[i], high: high[i], low: low[i], close: close[i], volume: volume[i], detail: details[i])
        }
        return out
    }
}
