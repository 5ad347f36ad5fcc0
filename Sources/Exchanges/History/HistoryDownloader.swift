import Foundation
import MarketData

/// What to download: one symbol's bars at one timeframe over `[start, end)`.
public struct DownloadRequest: Sendable {
    public var instrument: Instrument
    public var timeframe: Timeframe
    public var start: Int64
    /// Exclusive; nil means now.
    public var end: Int64?
    public var policy: ValidationPolicy
    public init(instrument: Instrument, timeframe: Timeframe, start: Int64, end: Int64? = nil, policy: ValidationPolicy = .fail) {
        self.instrument = instrument; self.timeframe = timeframe; self.start = start; self.end = end; self.policy = policy
    }
}

/// Progress of a download, reported after every page.
public struct DownloadProgress: Sendable {
    public var bars: Int
    /// Bar slots in the ranges being fetched (an upper bound: the exchange may have gaps).
    public var expectedBars: Int
    public var elapsedSeconds: Double
    /// Seconds left at the rate so far; nil before the first page.
    public var etaSeconds: Double?
}

/// What a download did.
public struct DownloadOutcome: Sendable {
    /// Bars received from the exchange inside the range (before the policy).
    public var received = 0
    public var inserted = 0
    /// Bars received that were stored already with the same values.
    public var unchanged = 0
    public var pages = 0
    /// Bars already in the store for the range before this run (not fetched again).
    public var alreadyStored = 0
    /// The effective range: `[start, end)` with end cut to the last closed bar.
    public var start: Int64 = 0
    public var end: Int64 = 0
    /// True when the range's last bar is still open and was left out.
    public var openBarSkipped = false
    public var report: ValidationReport
}

/// Downloads history page by page into the store.
///
/// Semantics: the range is aligned to the timeframe and cut before the bar that is still
/// open at `now`, which is never stored. Bars already stored for the range are not fetched
/// again: the download covers the part before the first stored bar and the part after the
/// last one, so a killed run resumes where it stopped and a repeated run changes nothing.
/// Each page is validated under the policy (with the previous page's last bar in front, so
/// gaps between pages count too) while the next one is fetched. Validated pages are stored in
/// groups of about `groupBars` bars, each group in one transaction together with the run's
/// lineage row; a failure (a refused page, a fetch that failed after its retries) first
/// stores the pages validated before it, so the next run resumes right after them.
public struct HistoryDownloader<Adapter: ExchangeAdapter>: Sendable {
    public let adapter: Adapter
    public let fetcher: HTTPFetcher
    public let now: @Sendable () -> Int64

    public init(adapter: Adapter, fetcher: HTTPFetcher = HTTPFetcher(),
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.adapter = adapter
        self.fetcher = fetcher
        self.now = now
    }

    /// Runs the download; `progress` is called after every page received.
    public func run(_ request: DownloadRequest, into store: BarStore,
                    progress: (DownloadProgress) -> Void = { _ in },
                    onRetry: @escaping @Sendable (Int, String, Duration) -> Void = { _, _, _ in }) async throws(ExchangeError) -> DownloadOutcome {
        let frame = request.timeframe, step = frame.milliseconds   // a nominal length for 1M: estimates only
        let first = frame.barOpen(containing: request.start)
        let start = first == request.start ? first : frame.nextOpen(after: first)
        let clock = now()
        let open = frame.barOpen(containing: clock)          // open time of the bar still running
        var end = request.end ?? clock
        var outcome = DownloadOutcome(report: ValidationReport(timeframe: request.timeframe, policy: request.policy,
                                                               spikeThreshold: BarValidator.defaultSpikeThreshold))
        if end > open { end = open; outcome.openBarSkipped = true }
        outcome.start = start
        outcome.end = end
        guard start < end else { return outcome }

        let symbol = request.instrument.symbol
        var ranges: [(Int64, Int64)] = []
        do throws(DataError) {
            if let stored = try store.storedRange(symbol: symbol, timeframe: request.timeframe, from: start, to: end) {
                if start < stored.first { ranges.append((start, stored.first)) }
                if frame.nextOpen(after: stored.last) < end { ranges.append((frame.nextOpen(after: stored.last), end)) }
                outcome.alreadyStored = stored.count
            } else {
                ranges.append((start, end))
            }
        } catch {
            throw .store(error)
        }
        let expected = ranges.reduce(0) { $0 + Int(($1.1 - $1.0) / step) }
        let began = Date()
        var lineage: Int64?
        let pager = HistoryPager(adapter: adapter, fetcher: fetcher, now: now)
        // Validated pages not stored yet: written together, in one transaction with the lineage row.
        var pending: (bars: ValidatedBars, details: [BarDetail], endpoint: String)?
        func storePending() throws(ExchangeError) {
            guard let group = pending else { return }
            pending = nil
            do throws(DataError) {
                let stored = try store.storeFetched(group.bars, details: group.details,
                                                    source: .init(exchange: adapter.name, endpoint: group.endpoint,
                                                                  rangeStart: start, rangeEnd: end),
                                                    lineageID: lineage, totalRows: outcome.received,
                                                    totalInserted: outcome.inserted, report: outcome.report)
                lineage = stored.lineageID
                outcome.inserted += stored.inserted
                outcome.unchanged += stored.unchanged
            } catch {
                throw .store(error)
            }
        }
        for (from, to) in ranges {
            var previous: (ts: Int64, o: Double, h: Double, l: Double, c: Double, v: Double)?
            if let before = try? store.bars(symbol: symbol, timeframe: request.timeframe, from: from - (frame.isFixedLength ? step : 31 * 86_400_000), to: from),
               before.count == 1 {
                previous = (before.ts[0], before.open[0], before.high[0], before.low[0], before.close[0], before.volume[0])
            }
            do {
                try await pager.pages(request.instrument, timeframe: request.timeframe, from: from, to: to,
                                      onRetry: onRetry) { (page, get) throws(ExchangeError) in
                    outcome.pages += 1
                    defer {
                        let elapsed = Date().timeIntervalSince(began)
                        let done = outcome.received
                        progress(DownloadProgress(bars: done, expectedBars: expected, elapsedSeconds: elapsed,
                                                  etaSeconds: done > 0 ? elapsed / Double(done) * Double(max(0, expected - done)) : nil))
                    }
                    guard page.count > 0 else { return }
                    // The page's rows, prefixed by the previous bar so validation sees gaps between pages.
                    var series = BarSeries(instrument: request.instrument, timeframe: request.timeframe, ts: [], open: [], high: [],
                                           low: [], close: [], volume: [])
                    if let p = previous {
                        series.ts.append(p.ts); series.open.append(p.o); series.high.append(p.h)
                        series.low.append(p.l); series.close.append(p.c); series.volume.append(p.v)
                    }
                    series.ts += page.ts; series.open += page.open; series.high += page.high
                    series.low += page.low; series.close += page.close; series.volume += page.volume
                    let hasPrevious = previous != nil
                    var validated: ValidatedBars
                    do throws(DataError) {
                        validated = try BarValidator.validate(series, policy: request.policy,
                                                              origin: .init(path: get.description, line: { $0 + (hasPrevious ? 0 : 1) }))
                    } catch {
                        try storePending()          // what came before the refused page stays, for a resume
                        throw .store(error)
                    }
                    if hasPrevious {
                        // The context bar is stored already (or pending): count and store only the page's own rows.
                        validated.report.rows -= 1
                        validated.report.rowsOut -= 1
                        validated.bars = validated.bars.slice(1..<validated.bars.count)
                        if !validated.filled.isEmpty { validated.filled.removeFirst() }
                    }
                    let aligned = alignDetails(validated.bars, received: page)
                    outcome.report.absorb(validated.report)
                    outcome.received += page.count
                    if let last = validated.bars.ts.last {
                        let b = validated.bars, n = b.count - 1
                        previous = (last, b.open[n], b.high[n], b.low[n], b.close[n], b.volume[n])
                    }
                    if pending == nil {
                        pending = (validated, aligned, endpointDescription(get.url))
                    } else {
                        pending!.bars.append(validated)
                        pending!.details += aligned
                    }
                    if pending!.bars.bars.count >= Self.groupBars { try storePending() }
                }
            } catch {
                // A failed fetch: store the pages validated before it, so that the next run resumes after them.
                try storePending()
                throw error
            }
            try storePending()
        }
        return outcome
    }

    /// Bars stored per transaction (a commit syncs the journal, which bounded downloads of
    /// small pages: Binance's are 1,000 bars).
    static var groupBars: Int { 10_000 }

    /// Details for the validated bars, by open time from the received rows (bars filled in by
    /// the policy have none).
    private func alignDetails(_ bars: BarSeries, received page: HistoryPage) -> [BarDetail] {
        if bars.ts == page.ts { return page.details }      // the policy kept every row as it came
        var byTime: [Int64: BarDetail] = [:]
        byTime.reserveCapacity(page.count)
        for i in page.ts.indices { byTime[page.ts[i]] = page.details[i] }
        return bars.ts.map { byTime[$0] ?? BarDetail(quoteVolume: nil, trades: nil) }
    }
}

/// The endpoint of a request for lineage: scheme, host and path, without the query.
func endpointDescription(_ url: String) -> String {
    String(url.prefix { $0 != "?" })
}

extension ValidatedBars {
    /// Appends the bars (and fill flags) of the page that follows; reports are merged by the caller.
    mutating func append(_ next: ValidatedBars) {
        if filled.isEmpty != next.filled.isEmpty {
            if filled.isEmpty { filled = Array(repeating: false, count: bars.count) }
            filled += next.filled.isEmpty ? Array(repeating: false, count: next.bars.count) : next.filled
        } else {
            filled += next.filled
        }
        bars.ts += next.bars.ts; bars.open += next.bars.open; bars.high += next.bars.high
        bars.low += next.bars.low; bars.close += next.bars.close; bars.volume += next.bars.volume
    }
}
