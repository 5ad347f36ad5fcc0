import ExchangeMocks
import Exchanges
import Foundation
import MarketData
import Paper
import Testing
import TestSupport

/// Live feeds against the in-process mock exchange on 127.0.0.1: the state a live run leaves —
/// over the stream, across a disconnect, across a restart — is table for table the state a
/// replay of the same bars leaves (the replay path is the reference: `PaperParityTests` ties it
/// to the batch backtest).
@Suite struct PaperLiveTests {
    /// 300 hourly BTCUSDT bars, with brackets resting in the book.
    static let bars = try! Fixtures.bars("btcusdt_1h.csv").slice(2_000..<2_300)

    /// The bars as a CSV named like the dataset (so the replay's instrument is BTCUSDT), the spec
    /// trading it, and its strategy; `body` runs with them and two state paths (replay, live).
    static func withSubject<R>(_ bars: BarSeries = bars, file: String = "btcusdt_1h.csv",
                               _ body: (PaperStrategy, String, URL, [String]) async throws -> R) async throws -> R {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-paper-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent(file)
        try CSVBarWriter.write(bars, to: csv.path)
        let (spec, text) = try PaperHarness.spec(
            strategy: ["name": "sma_cross", "parameters": ["fast": 5, "slow": 20], "exits": ["stop_loss": 0.02, "take_profit": 0.03]] as [String: Any],
            data: csv)
        let paths = ["replay", "live"].map { folder.appendingPathComponent("\($0).sqlite").path }
        return try await body(try PaperHarness.strategy(spec, []), text, csv, paths)
    }

    static func options() -> StreamOptions {
        var options = StreamOptions()
        options.silenceTimeout = .seconds(10)
        options.reconnect = Backoff(attempts: 5, base: .milliseconds(20), cap: .milliseconds(100))
        options.rest = Backoff(attempts: 4, base: .milliseconds(5), cap: .milliseconds(40), maxRetryAfter: .seconds(5))
        return options
    }

    /// Klines of `range`: each bar's open update, then the closed bar, as Binance sends them.
    static func klines(_ range: Range<Int>, of bars: BarSeries = bars) -> [String] {
        range.flatMap { i in
            [BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: false), BinanceMessages.kline(bars, i, symbol: "BTCUSDT", closed: true)]
        }
    }

    /// One live session on `state`: at most `maxBars` new bars from the mock's Binance stream
    /// (BTCUSDT 1h) or another adapter's.
    static func live(_ server: MockExchangeServer, _ strategy: PaperStrategy, text: String, state: String, maxBars: Int)
        async throws -> (processed: Int, counts: LiveBarCounts, latency: DecisionLatency) {
        try await live(BinanceAdapter(restEndpoint: server.restURL, streamEndpoint: server.binanceStreamURL), symbol: "BTCUSDT",
                       timeframe: .h1, strategy, text: text, state: state, maxBars: maxBars)
    }

    static func live<A: ExchangeAdapter>(_ adapter: A, symbol: String, timeframe: Timeframe, _ strategy: PaperStrategy, text: String,
                                         state: String, maxBars: Int)
        async throws -> (processed: Int, counts: LiveBarCounts, latency: DecisionLatency) {
        let instrument = Instrument(symbol: symbol)!
        let session = try PaperSession(strategy: strategy, specText: text, statePath: state, instrument: instrument, timeframe: timeframe,
                                       periodsPerYear: strategy.spec.data.calendar.periodsPerYear(timeframe), expectedBars: 0)
        let feed = LiveFeed(adapter: adapter, instrument: instrument, timeframe: timeframe, calendar: strategy.spec.data.calendar,
                            after: session.run.lastTs, options: options())
        var latency = DecisionLatency()
        do {
            let processed = try await PaperLoop.run(session, source: feed, maxBars: maxBars, latency: &latency)
            await feed.close()
            return (processed, feed.counts, latency)
        } catch {
            await feed.close()
            throw error
        }
    }

    static func withServer<R>(_ body: (MockExchangeServer) async throws -> R) async throws -> R {
        let server = try await MockExchangeServer.start()
        do {
            let result = try await body(server)
            await server.stop()
            return result
        } catch {
            await server.stop()
            throw error
        }
    }

    @Test func theStreamGivesTheReplaysState() async throws {
        try await Self.withServer { server in
            try await Self.withSubject { strategy, text, csv, paths in
                #expect(try PaperHarness.replay(strategy, text: text, file: csv, state: paths[0]) == 300)
                server.script([[.send(Self.klines(0..<300)), .silence]])
                let run = try await Self.live(server, strategy, text: text, state: paths[1], maxBars: 300)
                #expect(run.processed == 300 && run.counts.streamed == 300 && run.counts.backfilled == 0)
                #expect(run.latency.count == 300)
                #expect(server.requests.isEmpty)
                let replay = try PaperHarness.dump(paths[0]), live = try PaperHarness.dump(paths[1])
                #expect(!(replay["fills"] ?? []).isEmpty && !(replay["trades"] ?? []).isEmpty)
                #expect(live == replay)
            }
        }
    }

    /// Bars 120–149 close while the client is away: after the reconnect they are fetched by
    /// REST and processed before bar 150, so the state is the replay's.
    @Test func aDisconnectIsBackfilledThenTheStreamContinues() async throws {
        try await Self.withServer { server in
            try await Self.withSubject { strategy, text, csv, paths in
                try PaperHarness.replay(strategy, text: text, file: csv, state: paths[0])
                server.serve(Self.bars, symbol: "BTCUSDT")
                // The first REST try is dropped: the backfill retries it.
                server.queue([.drop])
                server.script([[.send(Self.klines(0..<120)), .close], [.send(Self.klines(150..<300)), .silence]])
                let run = try await Self.live(server, strategy, text: text, state: paths[1], maxBars: 300)
                #expect(run.processed == 300 && run.counts.streamed == 270 && run.counts.backfilled == 30 && run.counts.gapsFilled == 1)
                #expect(run.latency.count == 270)
                let missed = "startTime=" + String(Self.bars.ts[120]) + "&endTime=" + String(Self.bars.ts[150] - 1)
                let request = "/api/v3/klines?symbol=BTCUSDT&interval=1h&" + missed + "&limit=1000"
                #expect(server.requests == [request, request])
                #expect(try PaperHarness.dump(paths[1]) == PaperHarness.dump(paths[0]))
            }
        }
    }

    /// Stopped after 100 bars; while it is down the exchange moves on to bar 249. Started again
    /// with the same state file, it fetches bars 100–249 by REST, drops the stream's repeats
    /// of 240–249 and continues with 250–299: the replay's state, no bar twice, none skipped.
    @Test func aRestartBackfillsWhatClosedWhileItWasDown() async throws {
        try await Self.withServer { server in
            try await Self.withSubject { strategy, text, csv, paths in
                try PaperHarness.replay(strategy, text: text, file: csv, state: paths[0])
                server.script([[.send(Self.klines(0..<100)), .silence]])
                let first = try await Self.live(server, strategy, text: text, state: paths[1], maxBars: 100)
                #expect(first.processed == 100 && server.requests.isEmpty)
                server.serve(Self.bars.slice(0..<250), symbol: "BTCUSDT")
                server.script([[.send(Self.klines(240..<300)), .silence]])
                let second = try await Self.live(server, strategy, text: text, state: paths[1], maxBars: 200)
                #expect(second.processed == 200 && second.counts.backfilled == 150 && second.counts.gapsFilled == 1)
                #expect(second.counts.duplicates == 10 && second.counts.streamed == 50 && second.latency.count == 50)
                // One catch-up request, from the first bar after the file's last one.
                let requests = server.requests
                let from = "/api/v3/klines?symbol=BTCUSDT&interval=1h&startTime=" + String(Self.bars.ts[100]) + "&"
                #expect(requests.count == 1 && requests[0].hasPrefix(from), "\(requests)")
                #expect(try PaperHarness.dump(paths[1]) == PaperHarness.dump(paths[0]))
            }
        }
    }

    /// Bar 130 is missing from the exchange's history: the backfill of the disconnect's gap
    /// cannot be completed, and the run stops with an error naming the bar; the state file
    /// ends at the last bar before the gap (none skipped).
    @Test func aGapTheHistoryCannotFillIsAnError() async throws {
        try await Self.withServer { server in
            try await Self.withSubject { strategy, text, csv, paths in
                var holed = Self.bars.slice(0..<130)
                let rest = Self.bars.slice(131..<300)
                holed.ts += rest.ts; holed.open += rest.open; holed.high += rest.high
                holed.low += rest.low; holed.close += rest.close; holed.volume += rest.volume
                server.serve(holed, symbol: "BTCUSDT")
                server.script([[.send(Self.klines(0..<120)), .close], [.send(Self.klines(150..<300)), .silence]])
                var message = ""
                do {
                    _ = try await Self.live(server, strategy, text: text, state: paths[1], maxBars: 300)
                } catch {
                    message = "\(error)"
                }
                #expect(message.contains("no bar at \(formatTimestamp(Self.bars.ts[130]))") && message.contains("would be skipped"), "\(message)")
                let state = try StateFile(path: paths[1], readOnly: true)
                let progress = state.progress
                #expect(progress.bars == 120 && progress.lastTs == Self.bars.ts[119])
            }
        }
    }

    /// Alpaca's crypto stream (auth, subscribe, minute bars in batches) with a disconnect: the
    /// minutes missed are fetched from Alpaca's bars endpoint, and the state is the replay's.
    @Test func alpacaWithADisconnectGivesTheReplaysState() async throws {
        let minutes = try Fixtures.bars("btcusdt_1m.csv").slice(0..<240)
        try await Self.withServer { server in
            try await Self.withSubject(minutes, file: "btcusd_1m.csv") { strategy, text, csv, paths in
                #expect(try PaperHarness.replay(strategy, text: text, file: csv, state: paths[0]) == 240)
                server.serve(minutes, symbol: "BTCUSD")
                let handshake: [MockExchangeServer.StreamStep] = [
                    .send([AlpacaMessages.connected]), .receive, .send([AlpacaMessages.authenticated]), .receive,
                    .send([AlpacaMessages.subscription(bars: ["BTC/USD"], trades: [], quotes: [], orderbooks: [])]),
                ]
                func bars(_ range: Range<Int>) -> [String] { range.map { AlpacaMessages.batch([AlpacaMessages.bar(minutes, $0, pair: "BTC/USD")]) } }
                server.script([handshake + [.send(bars(0..<100)), .close], handshake + [.send(bars(130..<240)), .silence]])
                let adapter = AlpacaAdapter(restEndpoint: server.restURL, streamEndpoint: server.alpacaStreamURL,
                                            credentials: AlpacaCredentials(keyID: "PKMOCK", secret: "mock-secret"))
                let run = try await Self.live(adapter, symbol: "BTC/USD", timeframe: .m1, strategy, text: text, state: paths[1], maxBars: 240)
                #expect(run.processed == 240 && run.counts.streamed == 210 && run.counts.backfilled == 30)
                #expect(server.requests.count == 1 && server.requests[0].hasPrefix("/v1beta3/crypto/us/bars?symbols=BTC/USD&timeframe=1Min"),
                        "\(server.requests)")
                let replay = try PaperHarness.dump(paths[0])
                #expect(!(replay["fills"] ?? []).isEmpty)
                #expect(try PaperHarness.dump(paths[1]) == replay)
            }
        }
    }
}
