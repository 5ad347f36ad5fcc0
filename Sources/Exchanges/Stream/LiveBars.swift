import Dispatch
import Foundation
import MarketData

/// A closed bar of a live feed: where it came from and when it arrived.
public struct LiveBar: Sendable, Equatable {
    public enum Source: String, Sendable {
        /// Delivered by the WebSocket stream.
        case stream
        /// Fetched by REST to fill a gap (at start, or after a disconnect).
        case backfill
    }
    public var bar: Bar
    public var source: Source
    /// Uptime (`DispatchTime`, ns) at which the message carrying the bar was received (a
    /// backfilled bar: its page).
    public var receivedAt: UInt64
}

/// What a `LiveBars` feed did, for its summary.
public struct LiveBarCounts: Sendable, Equatable {
    /// Closed bars handed out from the stream and from REST backfills.
    public var streamed = 0, backfilled = 0
    /// Gaps filled by REST (the start's catch-up included when it brought bars).
    public var gapsFilled = 0
    /// Closed bars the stream repeated (at or before the last one handed out), dropped.
    public var duplicates = 0
}

/// One instrument's closed bars from an exchange, in time order, each exactly once and none
/// skipped: the live stream (`StreamIngestor`, with its reconnects and backoff) plus REST
/// backfills (`HistoryPager`, with its retries) wherever the stream has a gap.
///
/// Semantics:
/// - `after` is the open time of the last bar the consumer already has (nil: none). The first
///   `next()` fetches by REST every bar that closed after it, up to the bar open now, and hands
///   those out first (the exchange may have fewer yet: the stream continues from there).
/// - Then stream bars: a closed bar opening exactly one timeframe after the last one handed
///   out is the next bar; one at or before it is a repeat and dropped; a bar (open or closed)
///   further on shows a gap — bars closed while disconnected, or not delivered — which is
///   fetched by REST and handed out, in order, before it. A backfill must bring every bar of
///   the gap; when the exchange's history lacks one after `options.rest`'s tries, `next()`
///   throws an error naming the missing bar: a bar is never skipped silently.
/// - Stream messages wait in a buffer of at most `bufferLimit` bar updates while a backfill
///   runs; updates beyond it are dropped and come back as a gap, filled the same way. A
///   backfill is fetched and handed out `backfillChunk` bars at a time (a long catch-up holds
///   no more than that in memory).
/// - The stream ends with `stopper()` (any thread; `next()` then returns nil), `close()`, or with the
///   ingestor's error (it gave up reconnecting, or the exchange refused the subscription),
///   which `next()` throws.
public final class LiveBars<Adapter: ExchangeAdapter> {
    public let adapter: Adapter
    public let instrument: Instrument
    public let timeframe: Timeframe
    public let options: StreamOptions
    /// Most bars one backfill range covers (fetched, then handed out, before the next one).
    public let backfillChunk: Int
    public private(set) var counts = LiveBarCounts()
    /// The open time of the last bar queued (handed out, or next in line).
    public private(set) var last: Int64?
    private let ingestor: StreamIngestor<Adapter>
    private let fetcher: HTTPFetcher
    private let now: @Sendable () -> Int64
    private let log: @Sendable (String) -> Void
    private var events: AsyncStream<Update>.Iterator
    private let continuation: AsyncStream<Update>.Continuation
    private var connection: Task<ExchangeError?, Never>?
    private var ready: [LiveBar] = []
    private var readyIndex = 0
    /// A range being backfilled, and the stream update that showed it (handled after it).
    private var gap: Gap?
    private var held: Update?

    /// Bars `[from, to)` still to fetch; `started` is the last bar handed out before the gap.
    private struct Gap {
        var from: Int64
        var to: Int64
        var complete: Bool
        var started: Int64
    }

    private struct Update: Sendable {
        var bar: StreamBar
        var closed: Bool
        var receivedAt: UInt64
    }

    /// A feed of `instrument`'s `timeframe` bars after the bar opening at `after`. `options`
    /// keep the stream up (its own gap backfill is turned off: this type backfills in order);
    /// `now` (epoch ms) bounds the start's catch-up; `log` hears of gaps and reconnects.
    public init(adapter: Adapter, instrument: Instrument, timeframe: Timeframe, after: Int64?,
                options: StreamOptions = StreamOptions(), bufferLimit: Int = 100_000, backfillChunk: Int = 50_000,
                now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        var options = options
        options.backfillGaps = false
        self.adapter = adapter
        self.instrument = instrument
        self.timeframe = timeframe
        self.options = options
        self.backfillChunk = max(1, backfillChunk)
        self.last = after
        self.fetcher = HTTPFetcher(backoff: options.rest)
        self.now = now
        self.log = log
        let (stream, continuation) = AsyncStream<Update>.makeStream(bufferingPolicy: .bufferingOldest(max(1, bufferLimit)))
        self.events = stream.makeAsyncIterator()
        self.continuation = continuation
        let symbol = instrument.symbol
        ingestor = StreamIngestor(adapter: adapter,
                                  subscription: StreamSubscription(instruments: [instrument], channels: [.bars], timeframe: timeframe),
                                  options: options, log: log) { bar, closed, receivedAt in
            guard bar.symbol == symbol else { return }
            continuation.yield(Update(bar: bar, closed: closed, receivedAt: receivedAt))
        }
    }

    deinit {
        ingestor.stop()
        continuation.finish()
    }

    /// Ends the stream; safe from any thread. `next()` returns nil once the connection closed.
    public var stopper: @Sendable () -> Void { { [ingestor] in ingestor.stop() } }

    /// Stops the stream and waits for its connection to close.
    public func close() async {
        ingestor.stop()
        _ = await connection?.value
    }

    /// The stream's counters (messages, reconnects, malformed messages).
    public var streamStats: StreamStats { ingestor.stats }

    /// The next closed bar, waiting for it; nil once stopped.
    public func next() async throws(ExchangeError) -> LiveBar? {
        if connection == nil {
            let (ingestor, continuation) = (self.ingestor, self.continuation)
            connection = Task { () async -> ExchangeError? in
                defer { continuation.finish() }
                do throws(ExchangeError) { _ = try await ingestor.run() } catch { return error }
                return nil
            }
            if let last {
                gap = Gap(from: timeframe.nextOpen(after: last), to: timeframe.barOpen(containing: now()), complete: false, started: last)
            }
        }
        while true {
            if readyIndex < ready.count {
                defer {
                    readyIndex += 1
                    if readyIndex == ready.count { ready.removeAll(keepingCapacity: true); readyIndex = 0 }
                }
                return ready[readyIndex]
            }
            if gap != nil {
                try await fillChunk()
                continue
            }
            let update: Update
            if let waiting = held {
                held = nil
                update = waiting
            } else {
                guard let received = await events.next() else {
                    if let task = connection, let error = await task.value { throw error }
                    return nil
                }
                update = received
            }
            let ts = update.bar.ts
            if let last {
                if ts <= last {
                    if update.closed { counts.duplicates += 1 }
                    continue
                }
                let expected = timeframe.nextOpen(after: last)
                if ts > expected {
                    // Bars closed that the stream did not deliver: fetched first, this update after them.
                    log("gap in \(instrument.symbol) \(timeframe) bars: \(formatTimestamp(expected)) to \(formatTimestamp(ts)); backfilling by REST")
                    gap = Gap(from: expected, to: ts, complete: true, started: last)
                    held = update
                    continue
                }
            }
            guard update.closed else { continue }
            let b = update.bar
            ready.append(LiveBar(bar: Bar(ts: ts, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume),
                                 source: .stream, receivedAt: update.receivedAt))
            last = ts
            counts.streamed += 1
        }
    }


    /// Fetches the next chunk of `gap` by REST and queues its bars. A `complete` gap must come
    /// back whole: a chunk whose history ends early is asked for up to three times, with
    /// `options.rest`'s waits (a just-closed bar may not be published yet), then it is an
    /// error; the start's catch-up (not `complete`) ends where the history ends. A hole (a
    /// bar missing with later ones present) is an error either way.
    private func fillChunk() async throws(ExchangeError) {
        guard let g = gap else { return }
        guard g.from < g.to else { gap = nil; return }
        var end = g.from
        for _ in 0..<backfillChunk where end < g.to { end = timeframe.nextOpen(after: end) }
        end = min(end, g.to)
        let symbol = instrument.symbol
        let pager = HistoryPager(adapter: adapter, fetcher: fetcher, now: now)
        var attempt = 0
        while true {
            var bars: [Bar] = []
            var expected = g.from
            var hole: Int64?
            try await pager.pages(instrument, timeframe: timeframe, from: g.from, to: end, onRetry: { [log] attempt, reason, wait in
                log("backfill of \(symbol): \(reason); try \(attempt + 1) in \(Int(wait / .milliseconds(1))) ms")
            }) { (page, _) throws(ExchangeError) in
                for i in 0..<page.count where hole == nil {
                    let ts = page.ts[i]
                    if ts < expected { continue }      // a repeated row
                    guard ts == expected else { hole = expected; break }
                    bars.append(Bar(ts: ts, open: page.open[i], high: page.high[i], low: page.low[i], close: page.close[i], volume: page.volume[i]))
                    expected = timeframe.nextOpen(after: ts)
                }
            }
            let arrived = DispatchTime.now().uptimeNanoseconds
            let endsEarly = hole == nil && expected < end
            if endsEarly && g.complete && attempt + 1 < min(3, options.rest.attempts) {
                let wait = options.rest.delay(afterAttempt: attempt)
                attempt += 1
                log("backfill of \(symbol): the history ends at \(formatTimestamp(expected)), before \(formatTimestamp(end)); "
                    + "asking again in \(Int(wait / .milliseconds(1))) ms")
                do { try await Task.sleep(for: wait) } catch { throw .stream("backfill of \(symbol) cancelled") }
                continue
            }
            if let missing = hole ?? (endsEarly && g.complete ? expected : nil) {
                gap = nil
                throw .stream("\(adapter.name) \(symbol) \(timeframe): the exchange's history has no bar at \(formatTimestamp(missing)) "
                              + "(backfilling \(formatTimestamp(timeframe.nextOpen(after: g.started))) to \(formatTimestamp(g.to))): "
                              + "the bar would be skipped")
            }
            for bar in bars { ready.append(LiveBar(bar: bar, source: .backfill, receivedAt: arrived)) }
            if let lastBar = bars.last { last = lastBar.ts }
            counts.backfilled += bars.count
            let done = endsEarly || end >= g.to
            gap = done ? nil : Gap(from: end, to: g.to, complete: g.complete, started: g.started)
            if done, let last, last > g.started {
                counts.gapsFilled += 1
                log("backfilled \(symbol) bars from \(formatTimestamp(timeframe.nextOpen(after: g.started))) to \(formatTimestamp(last))")
            }
            return
        }
    }
}
