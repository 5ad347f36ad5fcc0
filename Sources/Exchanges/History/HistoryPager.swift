import MarketData

/// Walks the history pages of one instrument over `[from, to)`: request, fetch (with
/// retries), decode, rate-limit pause, next cursor. Shared by downloads and stream backfills.
///
/// The next page is fetched while `onPage` handles the current one (its cursor is known once
/// the current page is decoded), unless the exchange's headers ask for a pause first. Pages
/// still reach `onPage` one at a time and in order, so a consumer that stores them resumes
/// exactly where it stopped; when `onPage` throws, the fetch under way is cancelled.
struct HistoryPager<Adapter: ExchangeAdapter>: Sendable {
    let adapter: Adapter
    let fetcher: HTTPFetcher
    let now: @Sendable () -> Int64

    /// Calls `onPage` with every decoded page (rows outside `[from, to)` removed) and the request
    /// it answered, in order.
    func pages(_ instrument: Instrument, timeframe: Timeframe, from: Int64, to: Int64,
               onRetry: @escaping @Sendable (Int, String, Duration) -> Void,
               onPage: (HistoryPage, HTTPGet) throws(ExchangeError) -> Void) async throws(ExchangeError) {
        var get = try adapter.historyRequest(instrument, timeframe: timeframe, start: from, end: to,
                                             cursor: adapter.firstCursor(start: from))
        var response = try await fetcher.get(get, onRetry: onRetry)
        while true {
            var page: HistoryPage
            do {
                page = try response.body.withUnsafeBufferPointer { (body) throws(JSONReadError) -> HistoryPage in
                    try adapter.decodeHistory(body, instrument: instrument, timeframe: timeframe, end: to)
                }
            } catch {
                throw .decode(request: get.description, error: error)
            }
            var next = page.next
            if case let .time(t)? = next, t >= to { next = nil }
            if page.ts.contains(where: { $0 < from || $0 >= to }) { page = page.filtered(from: from, to: to) }
            let pause = adapter.pause(afterHeaders: response.headers, now: now())
            guard let next else {
                try onPage(page, get)
                return
            }
            let nextGet = try adapter.historyRequest(instrument, timeframe: timeframe, start: from, end: to, cursor: next)
            if let pause {
                try onPage(page, get)
                do { try await Task.sleep(for: pause) } catch { throw .transport(request: nextGet.description, reason: "cancelled", attempts: 1) }
                response = try await fetcher.get(nextGet, onRetry: onRetry)
            } else {
                // Fetch the next page while this one is handled; leaving the scope early (onPage
                // threw) cancels and awaits it.
                async let prefetched = fetcher.get(nextGet, onRetry: onRetry)
                try onPage(page, get)
                do {
                    response = try await prefetched
                } catch let error as ExchangeError {
                    throw error
                } catch {
                    throw .transport(request: nextGet.description, reason: HTTPFetcher.describe(error), attempts: 1)
                }
            }
            get = nextGet
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
