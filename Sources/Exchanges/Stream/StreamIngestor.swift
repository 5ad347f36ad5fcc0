import Dispatch
import Foundation
import Logging
import MarketData
import NIOConcurrencyHelpers
import NIOCore
import WSClient

/// Keeps a live stream up and writes what it delivers to the store.
///
/// Semantics:
/// - One WebSocket connection at a time (swift-websocket's client). Pings every
///   `pingInterval`; a connection silent for `silenceTimeout` counts as dead. A lost connection
///   is replaced after an exponential backoff with jitter and subscribed again; after
///   `reconnect.attempts` consecutive attempts that deliver nothing the stream gives up.
/// - Decoded records go to a buffer that outlives connections (nothing is dropped while
///   disconnected) and are committed in batches (`batchSize` records or `flushInterval`), one
///   transaction each.
/// - After a reconnect, the first bar of each symbol shows how far the exchange has moved; the
///   closed bars missed in between are fetched by REST (`HistoryPager`, with retries) and
///   merged. Every record is keyed in the store, so a record delivered twice (by the stream
///   and the backfill, or by a repeated message) is stored once; quotes and order books with
///   update ids drop updates older than the last one seen. Only closed bars are stored.
/// - Book tickers and partial depth (Binance) carry no time and are stamped with the receipt
///   time, made strictly increasing per symbol so each update keeps its own row.
/// - A message that cannot be decoded is counted, logged (the first ten, then every
///   thousandth) and skipped.
/// - `stop()` (from SIGINT/SIGTERM) ends the connection; everything received before it is
///   committed before `run` returns. Backfills under way get `backfillGrace` to finish first.
/// - `onBar`, when given, hears of every bar update of the subscription as it is decoded (open
///   or closed, with its receipt time), before it is buffered: a consumer that acts on bars
///   (`LiveBars`) reads them there, with `run()` keeping the connection up without a store and
///   `StreamOptions.backfillGaps` off, since that consumer orders and backfills bars itself.
public final class StreamIngestor<Adapter: ExchangeAdapter>: Sendable {
    public let adapter: Adapter
    public let subscription: StreamSubscription
    public let options: StreamOptions
    let fetcher: HTTPFetcher
    let log: @Sendable (String) -> Void
    let onBar: (@Sendable (StreamBar, _ closed: Bool, _ receivedAt: UInt64) -> Void)?
    private let state = NIOLockedValueBox(State())
    private let logger = Logger(label: "crucible.stream")

    private struct State {
        var pending = StoreBatch()
        var backfills: [(ValidatedBars, [BarDetail], BarStore.FetchSource)] = []
        var receipts: [UInt64] = []
        var newestExchangeTs: Int64?
        var stats = StreamStats()
        var lastQuoteID: [String: Int64] = [:]
        var lastQuoteTs: [String: Int64] = [:]
        var lastBookID: [String: Int64] = [:]
        var lastBookTs: [String: Int64] = [:]
        var lastClosedBar: [String: Int64] = [:]
        var backfillFrom: [String: Int64] = [:]
        var backfillTasks: [Task<Void, Never>] = []
        var backfillsRunning = 0
        var stopping = false
        var lastReceived: UInt64 = 0
    }

    public init(adapter: Adapter, subscription: StreamSubscription, options: StreamOptions = StreamOptions(),
                log: @escaping @Sendable (String) -> Void = { _ in },
                onBar: (@Sendable (_ bar: StreamBar, _ closed: Bool, _ receivedAt: UInt64) -> Void)? = nil) {
        self.adapter = adapter
        self.subscription = subscription
        self.options = options
        self.fetcher = HTTPFetcher(backoff: options.rest)
        self.log = log
        self.onBar = onBar
    }

    /// Asks the stream to stop; safe from any thread (a signal handler's queue included).
    public func stop() { state.withLockedValue { $0.stopping = true } }

    private var stopping: Bool { state.withLockedValue { $0.stopping } }

    /// A snapshot of the counters.
    public var stats: StreamStats { state.withLockedValue { $0.stats } }

    /// Runs until stopped, `duration` or `maxMessages`; commits everything received. `status`
    /// is called about once a second.
    public func run(into store: BarStore, status: @escaping @Sendable (StreamStats) -> Void = { _ in }) async throws(ExchangeError) -> StreamStats {
        try await run(store: store, status: status)
    }

    /// Keeps the connection up as `run(into:)` does, without storing anything: for a consumer
    /// that takes the bars from `onBar` (the counters still count what was received).
    public func run(status: @escaping @Sendable (StreamStats) -> Void = { _ in }) async throws(ExchangeError) -> StreamStats {
        try await run(store: nil, status: status)
    }

    private func run(store: BarStore?, status: @escaping @Sendable (StreamStats) -> Void) async throws(ExchangeError) -> StreamStats {
        let url = try adapter.streamURL(subscription)
        let started = DispatchTime.now().uptimeNanoseconds
        let connection = Task { () async -> ExchangeError? in
            do throws(ExchangeError) { try await self.connectionLoop(url) } catch { return error }
            return nil
        }
        var histogram = LagHistogram()
        var lastStatus = started
        var failure: ExchangeError?
        while true {
            let finished = state.withLockedValue { $0.stopping }
            let now = DispatchTime.now().uptimeNanoseconds
            let elapsed = Double(now - started) / 1e9
            if let duration = options.duration, elapsed >= duration / .seconds(1) { stop() }
            do throws(DataError) { try flush(store, histogram: &histogram, elapsed: elapsed) } catch {
                stop()
                failure = .store(error)
                break
            }
            if now - lastStatus >= 1_000_000_000 { lastStatus = now; status(stats) }
            if finished { break }
            if state.withLockedValue({ $0.pending.count }) < options.batchSize {
                try? await Task.sleep(for: options.flushInterval)
            }
        }
        let connectionError = await connection.value
        // Backfills under way get `backfillGrace` to finish (their retries are bounded too).
        let graceEnd = DispatchTime.now().uptimeNanoseconds + UInt64(options.backfillGrace / .nanoseconds(1))
        while state.withLockedValue({ $0.backfillsRunning }) > 0 && DispatchTime.now().uptimeNanoseconds < graceEnd {
            try? await Task.sleep(for: .milliseconds(10))
        }
        for task in state.withLockedValue({ $0.backfillTasks }) { task.cancel(); await task.value }
        if failure == nil {
            do throws(DataError) {
                try flush(store, histogram: &histogram, elapsed: Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
            } catch { failure = .store(error) }
        }
        status(stats)
        if let failure { throw failure }
        if let connectionError { throw connectionError }
        return stats
    }

    // MARK: writing

    private func flush(_ store: BarStore?, histogram: inout LagHistogram, elapsed: Double) throws(DataError) {
        var batch = StoreBatch()
        var backfills: [(ValidatedBars, [BarDetail], BarStore.FetchSource)] = []
        var receipts: [UInt64] = []
        var exchangeTs: Int64?
        state.withLockedValue { s in
            swap(&batch, &s.pending)
            swap(&backfills, &s.backfills)
            swap(&receipts, &s.receipts)
            exchangeTs = s.newestExchangeTs
            s.newestExchangeTs = nil
            s.stats.elapsedSeconds = elapsed
        }
        guard !batch.isEmpty || !backfills.isEmpty else { return }
        guard let store else {
            state.withLockedValue { $0.stats.batches += 1 }
            return
        }
        let outcome = try store.write(batch)
        var backfilled = 0
        for (bars, details, source) in backfills {
            let page = try store.storeFetched(bars, details: details, source: source, lineageID: nil, totalRows: bars.bars.count,
                                              totalInserted: 0, report: bars.report, keepStoredOnConflict: true)
            backfilled += page.inserted
        }
        let committed = DispatchTime.now().uptimeNanoseconds
        var worst = 0.0
        for receipt in receipts {
            let lag = Double(committed &- receipt) / 1e6
            worst = max(worst, lag)
            histogram.add(milliseconds: lag)
        }
        let wall = Int64(Date().timeIntervalSince1970 * 1000)
        let p99 = histogram.percentile(0.99)
        state.withLockedValue { s in
            s.stats.stored += outcome.inserted + backfilled
            s.stats.duplicates += outcome.alreadyStored - outcome.barConflicts
            s.stats.barConflicts += outcome.barConflicts
            s.stats.barsBackfilled += backfilled
            s.stats.batches += 1
            if !receipts.isEmpty { s.stats.lastLagMs = worst; s.stats.p99LagMs = p99 }
            if let exchangeTs { s.stats.exchangeLagMs = Double(wall - exchangeTs) }
        }
    }

    // MARK: connections

    private enum ConnectionEnd: Error {
        case stopped
        case silent
        case fatal(ExchangeError)
    }

    private func connectionLoop(_ url: String) async throws(ExchangeError) {
        var failures = 0
        var first = true
        while !stopping {
            let (delivered, reason, fatal) = await connectOnce(url, reconnect: !first)
            first = false
            if let fatal { stop(); throw fatal }
            if stopping { return }
            failures = delivered ? 0 : failures + 1
            if failures >= options.reconnect.attempts {
                stop()
                throw .stream("\(adapter.name) stream: gave up after \(failures) connection attempts that delivered nothing (last: \(reason))")
            }
            let wait = options.reconnect.delay(afterAttempt: failures)
            state.withLockedValue { s in
                s.stats.reconnects += 1
                if subscription.channels.contains(.bars) && options.backfillGaps {
                    for (symbol, last) in s.lastClosedBar where s.backfillFrom[symbol] == nil {
                        s.backfillFrom[symbol] = subscription.timeframe.nextOpen(after: last)
                    }
                }
            }
            log("connection lost (\(reason)); reconnecting in \(Int(wait / .milliseconds(1))) ms")
            var slept = Duration.zero
            while slept < wait && !stopping {
                let step = min(wait - slept, .milliseconds(50))
                try? await Task.sleep(for: step)
                slept += step
            }
        }
    }

    /// One connection: returns whether it delivered records, why it ended, and a fatal error
    /// (the exchange refused the keys or the subscription) that ends the stream.
    private func connectOnce(_ url: String, reconnect: Bool) async -> (Bool, String, ExchangeError?) {
        let delivered = NIOLockedValueBox(false)
        let configuration = WebSocketClientConfiguration(maxFrameSize: options.maxMessageBytes, closeTimeout: .seconds(1),
                                                         autoPing: .enabled(timePeriod: options.pingInterval))
        state.withLockedValue { $0.lastReceived = DispatchTime.now().uptimeNanoseconds }
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, outbound, _ in
                for message in try self.adapter.openingMessages(self.subscription) { try await outbound.write(.text(message)) }
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await self.watchdog() }
                    group.addTask {
                        var iterator = inbound.messages(maxSize: self.options.maxMessageBytes).makeAsyncIterator()
                        var events: [StreamEvent] = []
                        var deliveredRecords = false
                        while let message = try await iterator.next() {
                            let receipt = DispatchTime.now().uptimeNanoseconds
                            let wall = Int64(Date().timeIntervalSince1970 * 1000)
                            events.removeAll(keepingCapacity: true)
                            var failure: JSONReadError?
                            switch message {
                            case .text(var text):
                                text.withUTF8 { bytes in
                                    do throws(JSONReadError) { try self.adapter.decodeStream(bytes, receivedAt: wall, into: &events) }
                                    catch { failure = error }
                                }
                            case .binary(let buffer):
                                buffer.withUnsafeReadableBytes { raw in
                                    let bytes = raw.bindMemory(to: UInt8.self)
                                    do throws(JSONReadError) { try self.adapter.decodeStream(bytes, receivedAt: wall, into: &events) }
                                    catch { failure = error }
                                }
                            }
                            let (replies, limitReached, records) = try self.accept(events, receipt: receipt, failure: failure, message: message)
                            if records > 0 && !deliveredRecords { deliveredRecords = true; delivered.withLockedValue { $0 = true } }
                            for reply in replies { try await outbound.write(.text(reply)) }
                            if limitReached { throw ConnectionEnd.stopped }
                        }
                    }
                    _ = try await group.next()
                    group.cancelAll()
                }
            }
            return (delivered.withLockedValue { $0 }, "the server closed the connection", nil)
        } catch ConnectionEnd.stopped {
            return (true, "stopped", nil)
        } catch ConnectionEnd.silent {
            return (delivered.withLockedValue { $0 }, "silent for \(options.silenceTimeout)", nil)
        } catch let ConnectionEnd.fatal(error) {
            return (false, error.description, error)
        } catch {
            return (delivered.withLockedValue { $0 }, HTTPFetcher.describe(error), nil)
        }
    }

    /// Ends the connection when the stream is stopped or the server has been silent too long.
    /// Silence is confirmed once more after a short wait, so that a reader that was only slow
    /// to be scheduled (a busy machine) gets to take what already arrived.
    private func watchdog() async throws {
        let tick = min(options.silenceTimeout / 4, .milliseconds(50))
        func silent() -> Bool {
            let last = state.withLockedValue { $0.lastReceived }
            return Double(DispatchTime.now().uptimeNanoseconds &- last) / 1e9 > options.silenceTimeout / .seconds(1)
        }
        while true {
            try await Task.sleep(for: tick)
            if stopping { throw ConnectionEnd.stopped }
            guard silent() else { continue }
            await Task.yield()
            try await Task.sleep(for: min(options.silenceTimeout / 2, .seconds(1)))
            if silent() { throw ConnectionEnd.silent }
        }
    }

    // MARK: accepting records

    /// Takes one message's events into the buffer. Returns the replies to send, whether a limit
    /// was reached, and how many records the message held.
    private func accept(_ events: [StreamEvent], receipt: UInt64, failure: JSONReadError?,
                        message: WebSocketMessage) throws -> ([String], Bool, Int) {
        var replies: [String] = []
        var controls: [StreamControl] = []
        var backfills: [(String, Int64, Int64)] = []
        let frame = subscription.timeframe
        let (limit, records): (Bool, Int) = state.withLockedValue { s in
            s.lastReceived = receipt
            s.stats.messages += 1
            if let failure {
                s.stats.malformed += 1
                if s.stats.malformed <= 10 || s.stats.malformed % 1000 == 0 {
                    let text = String(describing: message)
                    log("skipped malformed message #\(s.stats.messages) (\(s.stats.malformed) so far): \(failure): \(text.prefix(200))")
                }
            }
            var records = 0
            for event in events {
                switch event {
                case let .control(control):
                    controls.append(control)
                case let .bar(bar, closed):
                    records += 1
                    onBar?(bar, closed, receipt)
                    if let from = s.backfillFrom[bar.symbol] {
                        if bar.ts > from { backfills.append((bar.symbol, from, bar.ts)) }
                        if bar.ts >= from { s.backfillFrom[bar.symbol] = nil }
                    }
                    guard closed else { s.stats.openBarUpdates += 1; continue }
                    s.pending.bars.append(bar)
                    s.lastClosedBar[bar.symbol] = max(s.lastClosedBar[bar.symbol] ?? .min, bar.ts)
                    s.newestExchangeTs = max(s.newestExchangeTs ?? .min, frame.nextOpen(after: bar.ts))
                case let .trade(symbol, trade):
                    records += 1
                    s.pending.trades.append((symbol, trade))
                    s.newestExchangeTs = max(s.newestExchangeTs ?? .min, trade.ts)
                case .quote(let symbol, var quote, let updateID):
                    records += 1
                    if let updateID {
                        if let last = s.lastQuoteID[symbol], updateID <= last { s.stats.duplicates += 1; continue }
                        s.lastQuoteID[symbol] = updateID
                        if let lastTs = s.lastQuoteTs[symbol], quote.ts <= lastTs { quote.ts = lastTs + 1 }
                        s.lastQuoteTs[symbol] = quote.ts
                    }
                    s.pending.quotes.append((symbol, quote))
                case .book(let symbol, var book):
                    records += 1
                    if book.kind == .snapshot && adapter.bookSeqIsUpdateID {
                        if let last = s.lastBookID[symbol], book.seq <= last { s.stats.duplicates += 1; continue }
                        s.lastBookID[symbol] = book.seq
                        if let lastTs = s.lastBookTs[symbol], book.ts <= lastTs { book.ts = lastTs + 1 }
                        s.lastBookTs[symbol] = book.ts
                    }
                    s.pending.books.append((symbol, book))
                }
            }
            s.stats.records += records
            if records > 0 { s.receipts.append(receipt) }
            let limit = options.maxMessages.map { s.stats.messages >= $0 } ?? false
            if limit { s.stopping = true }
            return (limit, records)
        }
        for control in controls {
            switch control {
            case let .error(code, message):
                let error = ExchangeError.stream("\(adapter.name) refused: error \(code): \(message)")
                if adapter.isFatal(errorCode: code) { throw ConnectionEnd.fatal(error) }
                log("\(adapter.name) reported error \(code): \(message)")
            case let .subscribed(summary):
                log("subscribed: \(summary)")
            case .connected, .authenticated:
                break
            }
            replies += try adapter.replies(to: control, subscription)
        }
        for (symbol, from, to) in backfills { startBackfill(symbol: symbol, from: from, to: to) }
        return (replies, limit, records)
    }

    // MARK: backfill

    private func startBackfill(symbol: String, from: Int64, to: Int64) {
        guard let instrument = subscription.instruments.first(where: { $0.symbol == symbol }) else { return }
        let timeframe = subscription.timeframe
        log("gap in \(symbol) \(timeframe) bars: \(formatTimestamp(from)) to \(formatTimestamp(to)); backfilling by REST")
        state.withLockedValue { $0.backfillsRunning += 1 }
        let task = Task {
            defer { state.withLockedValue { $0.backfillsRunning -= 1 } }
            let pager = HistoryPager(adapter: adapter, fetcher: fetcher, now: { Int64(Date().timeIntervalSince1970 * 1000) })
            var received = 0
            do throws(ExchangeError) {
                try await pager.pages(instrument, timeframe: timeframe, from: from, to: to, onRetry: { attempt, reason, wait in
                    self.log("backfill of \(symbol): \(reason); try \(attempt + 1) in \(Int(wait / .milliseconds(1))) ms")
                }) { (page, get) throws(ExchangeError) in
                    guard page.count > 0 else { return }
                    let series = BarSeries(instrument: instrument, timeframe: timeframe, ts: page.ts, open: page.open, high: page.high,
                                           low: page.low, close: page.close, volume: page.volume)
                    let validated: ValidatedBars
                    do throws(DataError) { validated = try BarValidator.validate(series, policy: .warn) } catch { throw .store(error) }
                    received += page.count
                    let source = BarStore.FetchSource(exchange: adapter.name, endpoint: endpointDescription(get.url), rangeStart: from, rangeEnd: to)
                    state.withLockedValue { $0.backfills.append((validated, page.details, source)) }
                }
                state.withLockedValue { $0.stats.gapsBackfilled += 1 }
                log("backfilled \(received) \(symbol) bars")
            } catch {
                state.withLockedValue { $0.stats.backfillFailures += 1 }
                log("backfill of \(symbol) failed: \(error)")
            }
        }
        state.withLockedValue { $0.backfillTasks.append(task) }
    }
}
